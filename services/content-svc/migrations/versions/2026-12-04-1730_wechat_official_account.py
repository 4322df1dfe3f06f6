"""WeChat Official Account: the wechat_oa publisher, a channel's account, pushes, publish jobs

Revision ID: c0b0_wechat
Revises: c0a9_inbox
Create Date: 2026-12-04 17:30:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "c0b0_wechat"
down_revision: str | None = "c0a9_inbox"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _timestamps() -> list[sa.Column[object]]:
    return [
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
    ]


def _indexes(table: str) -> None:
    op.create_index(op.f(f"ix_{table}_workspace_id"), table, ["workspace_id"])
    op.create_index(op.f(f"ix_{table}_created_at"), table, ["created_at"])


def upgrade() -> None:
    op.drop_constraint(op.f("ck_channel_publisher_kind_known"), "channel", type_="check")
    op.create_check_constraint(
        op.f("ck_channel_publisher_kind_known"),
        "channel",
        "publisher_kind IN ('manual', 'webhook', 'wechat_oa')",
    )
    op.create_check_constraint(
        op.f("ck_channel_wechat_publisher_on_wechat"),
        "channel",
        "publisher_kind <> 'wechat_oa' OR platform = 'wechat_oa'",
    )

    op.create_table(
        "wechat_account",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.String(64), nullable=False),
        sa.Column("channel_id", sa.Uuid(), nullable=False),
        sa.Column("app_id", sa.String(32), nullable=False),
        sa.Column("app_secret", sa.Text(), nullable=False),
        sa.Column("callback_token", sa.String(32), nullable=False),
        sa.Column("encoding_aes_key", sa.String(43), nullable=True),
        sa.Column("api_base_url", sa.String(2000), nullable=False),
        sa.Column("thumb_media_id", sa.String(200), nullable=True),
        sa.Column("access_token", sa.Text(), nullable=True),
        sa.Column("access_token_usable_until", sa.DateTime(timezone=True), nullable=True),
        *_timestamps(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wechat_account")),
        sa.ForeignKeyConstraint(
            ["channel_id"],
            ["channel.id"],
            name=op.f("fk_wechat_account_channel_id_channel"),
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("channel_id", name=op.f("uq_wechat_account_channel_id")),
    )
    _indexes("wechat_account")

    op.create_table(
        "wechat_inbound",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.String(64), nullable=False),
        sa.Column("channel_id", sa.Uuid(), nullable=False),
        sa.Column("dedupe_key", sa.String(300), nullable=False),
        sa.Column("from_openid", sa.String(128), nullable=False),
        sa.Column("msg_type", sa.String(128), nullable=False),
        sa.Column("event", sa.String(128), nullable=True),
        sa.Column("msg_id", sa.String(128), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fields", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        *_timestamps(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wechat_inbound")),
        sa.ForeignKeyConstraint(
            ["channel_id"],
            ["channel.id"],
            name=op.f("fk_wechat_inbound_channel_id_channel"),
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint(
            "channel_id", "dedupe_key", name=op.f("uq_wechat_inbound_channel_id_dedupe_key")
        ),
    )
    _indexes("wechat_inbound")

    op.create_table(
        "wechat_publish",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.String(64), nullable=False),
        sa.Column("publication_id", sa.Uuid(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("media_id", sa.String(200), nullable=True),
        sa.Column("publish_id", sa.String(64), nullable=True),
        *_timestamps(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wechat_publish")),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["publication.id"],
            name=op.f("fk_wechat_publish_publication_id_publication"),
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("publication_id", name=op.f("uq_wechat_publish_publication_id")),
    )
    _indexes("wechat_publish")


def downgrade() -> None:
    for table in ("wechat_publish", "wechat_inbound", "wechat_account"):
        op.drop_table(table)
    # Channels that publish through WeChat go back to an operator's hand.
    op.execute("UPDATE channel SET publisher_kind = 'manual' WHERE publisher_kind = 'wechat_oa'")
    op.drop_constraint(op.f("ck_channel_wechat_publisher_on_wechat"), "channel", type_="check")
    op.drop_constraint(op.f("ck_channel_publisher_kind_known"), "channel", type_="check")
    op.create_check_constraint(
        op.f("ck_channel_publisher_kind_known"),
        "channel",
        "publisher_kind IN ('manual', 'webhook')",
    )
