"""partners (KOL and other accounts the team pays to carry a post) and their collaborations

Revision ID: c3d6_partners
Revises: c3d5_jobs
Create Date: 2026-12-04 17:15:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "c3d6_partners"
down_revision: str | None = "c3d5_jobs"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The words as of this revision (partners/vocabulary.py); a later change is a migration of its own.
PLATFORMS = (
    "'wechat_oa', 'weibo', 'xiaohongshu', 'douyin', 'kuaishou', 'zhihu', 'bilibili', "
    "'douban', 'tiktok', 'webhook', 'other'"
)
STATUSES = "'proposed', 'agreed', 'published', 'paid', 'cancelled'"


def _workspace_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.String(length=64), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
    ]


def upgrade() -> None:
    op.create_table(
        "partner",
        *_workspace_columns(),
        sa.Column("platform", sa.String(length=32), nullable=False),
        sa.Column("handle", sa.String(length=100), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("audience", sa.Text(), nullable=True),
        sa.Column("tone_tags", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("follower_count", sa.BigInteger(), nullable=True),
        sa.Column("price_per_post", sa.BigInteger(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("contact_name", sa.String(length=200), nullable=True),
        sa.Column("contact_phone", sa.String(length=32), nullable=True),
        sa.Column("contact_email", sa.String(length=320), nullable=True),
        sa.Column("contact_wechat_id", sa.String(length=64), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(f"platform IN ({PLATFORMS})", name=op.f("ck_partner_platform_known")),
        sa.CheckConstraint(
            "follower_count IS NULL OR follower_count >= 0",
            name=op.f("ck_partner_followers_not_negative"),
        ),
        sa.CheckConstraint(
            "price_per_post IS NULL OR price_per_post >= 0",
            name=op.f("ck_partner_price_not_negative"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner")),
        sa.UniqueConstraint(
            "workspace_id",
            "platform",
            "handle",
            name=op.f("uq_partner_workspace_id_platform_handle"),
        ),
    )
    op.create_index(op.f("ix_partner_workspace_id"), "partner", ["workspace_id"])
    op.create_index(op.f("ix_partner_created_at"), "partner", ["created_at"])
    op.create_index("ix_partner_tone_tags", "partner", ["tone_tags"], postgresql_using="gin")

    op.create_table(
        "collaboration",
        *_workspace_columns(),
        sa.Column("partner_id", sa.Uuid(), nullable=False),
        sa.Column("campaign_id", sa.Uuid(), nullable=True),
        sa.Column("brief", sa.Text(), nullable=False),
        sa.Column("agreed_price", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("publication_id", sa.Uuid(), nullable=True),
        sa.Column("tracking_code", sa.String(length=32), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(f"status IN ({STATUSES})", name=op.f("ck_collaboration_status_known")),
        sa.CheckConstraint("agreed_price >= 0", name=op.f("ck_collaboration_price_not_negative")),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partner.id"],
            name=op.f("fk_collaboration_partner_id_partner"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaign.id"],
            name=op.f("fk_collaboration_campaign_id_campaign"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_collaboration")),
    )
    op.create_index(op.f("ix_collaboration_workspace_id"), "collaboration", ["workspace_id"])
    op.create_index(op.f("ix_collaboration_created_at"), "collaboration", ["created_at"])
    op.create_index(op.f("ix_collaboration_partner_id"), "collaboration", ["partner_id"])
    op.create_index(op.f("ix_collaboration_campaign_id"), "collaboration", ["campaign_id"])
    op.create_index(
        "ix_collaboration_workspace_id_due_date", "collaboration", ["workspace_id", "due_date"]
    )
    op.create_index(
        "uq_collaboration_workspace_id_publication_id",
        "collaboration",
        ["workspace_id", "publication_id"],
        unique=True,
        postgresql_where=sa.text("publication_id IS NOT NULL AND status <> 'cancelled'"),
    )


def downgrade() -> None:
    op.drop_table("collaboration")
    op.drop_table("partner")
