"""channel publishers, limits and prime time; create publication

Revision ID: c0a5_publications
Revises: c0a3_post
Create Date: 2026-11-22 10:40:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "c0a5_publications"
down_revision: str | None = "c0a3_post"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Existing channels get the defaults through a temporary server default, dropped right
    # after: the application sets every value itself (as the models declare).
    op.add_column(
        "channel",
        sa.Column(
            "limit_overrides",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
    )
    op.add_column(
        "channel",
        sa.Column(
            "prime_time_slots",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
    )
    op.add_column(
        "channel",
        sa.Column("publisher_kind", sa.String(16), server_default="manual", nullable=False),
    )
    op.add_column("channel", sa.Column("publisher_url", sa.String(2000), nullable=True))
    op.add_column("channel", sa.Column("publisher_secret", sa.Text(), nullable=True))
    for column in ("limit_overrides", "prime_time_slots", "publisher_kind"):
        op.alter_column("channel", column, server_default=None)
    op.create_check_constraint(
        op.f("ck_channel_publisher_kind_known"),
        "channel",
        "publisher_kind IN ('manual', 'webhook')",
    )
    op.create_check_constraint(
        op.f("ck_channel_webhook_complete"),
        "channel",
        "publisher_kind <> 'webhook' OR (publisher_url IS NOT NULL "
        "AND publisher_secret IS NOT NULL)",
    )

    op.create_table(
        "publication",
        sa.Column("post_id", sa.Uuid(), nullable=False),
        sa.Column("channel_id", sa.Uuid(), nullable=False),
        sa.Column("title_override", sa.Text(), nullable=True),
        sa.Column("body_override", sa.Text(), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("scheduled_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("delivery_id", sa.Uuid(), nullable=False),
        sa.Column("external_id", sa.String(500), nullable=True),
        sa.Column("url", sa.String(2000), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by", sa.String(128), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.String(64), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.CheckConstraint(
            "status IN ('scheduled', 'publishing', 'published', 'failed', 'cancelled')",
            name=op.f("ck_publication_status_known"),
        ),
        sa.CheckConstraint("attempts >= 0", name=op.f("ck_publication_attempts_not_negative")),
        sa.ForeignKeyConstraint(
            ["channel_id"], ["channel.id"], name=op.f("fk_publication_channel_id_channel")
        ),
        sa.ForeignKeyConstraint(["post_id"], ["post.id"], name=op.f("fk_publication_post_id_post")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publication")),
        sa.UniqueConstraint("delivery_id", name=op.f("uq_publication_delivery_id")),
    )
    op.create_index(op.f("ix_publication_channel_id"), "publication", ["channel_id"])
    op.create_index(op.f("ix_publication_post_id"), "publication", ["post_id"])
    op.create_index(op.f("ix_publication_workspace_id"), "publication", ["workspace_id"])
    op.create_index(op.f("ix_publication_created_at"), "publication", ["created_at"])
    op.create_index(
        op.f("ix_publication_workspace_id_scheduled_at"),
        "publication",
        ["workspace_id", "scheduled_at"],
    )
    op.create_index(
        op.f("ix_publication_status_next_attempt_at"),
        "publication",
        ["status", "next_attempt_at"],
    )


def downgrade() -> None:
    op.drop_table("publication")
    op.drop_constraint(op.f("ck_channel_webhook_complete"), "channel", type_="check")
    op.drop_constraint(op.f("ck_channel_publisher_kind_known"), "channel", type_="check")
    for column in (
        "publisher_secret",
        "publisher_url",
        "publisher_kind",
        "prime_time_slots",
        "limit_overrides",
    ):
        op.drop_column("channel", column)
