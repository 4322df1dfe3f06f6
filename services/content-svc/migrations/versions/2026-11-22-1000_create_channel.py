"""create channel

Revision ID: c0a1_channel
Revises:
Create Date: 2026-11-22 10:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c0a1_channel"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PLATFORMS = (
    "wechat_oa",
    "weibo",
    "xiaohongshu",
    "douyin",
    "kuaishou",
    "zhihu",
    "bilibili",
    "douban",
    "tiktok",
    "webhook",
    "other",
)


def upgrade() -> None:
    op.create_table(
        "channel",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.String(64), nullable=False),
        sa.Column("platform", sa.String(32), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("handle", sa.String(200), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_channel")),
        sa.UniqueConstraint(
            "workspace_id",
            "platform",
            "handle",
            name=op.f("uq_channel_workspace_id_platform_handle"),
        ),
        sa.CheckConstraint(f"platform IN {PLATFORMS!r}", name=op.f("ck_channel_platform_known")),
    )
    op.create_index(op.f("ix_channel_workspace_id"), "channel", ["workspace_id"])
    op.create_index(op.f("ix_channel_created_at"), "channel", ["created_at"])


def downgrade() -> None:
    op.drop_table("channel")
