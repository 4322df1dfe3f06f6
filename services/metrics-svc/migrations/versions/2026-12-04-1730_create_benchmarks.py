"""create benchmark and benchmark_snapshot: accounts of other brands the team measures itself
against (对标), and their public numbers per day

Revision ID: m0a8_benchmarks
Revises: m0a7_publication
Create Date: 2026-12-04 17:30:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "m0a8_benchmarks"
down_revision: str | None = "m0a7_publication"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The platforms as of this revision (frozen here: a later vocabulary needs its own migration).
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
    "other",
)


def _timestamps() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.String(length=64), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
    ]


def upgrade() -> None:
    platforms = ", ".join(f"'{p}'" for p in PLATFORMS)
    op.create_table(
        "benchmark",
        sa.Column("platform", sa.String(length=32), nullable=False),
        sa.Column("handle", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        *_timestamps(),
        sa.CheckConstraint(f"platform IN ({platforms})", name=op.f("ck_benchmark_platform_known")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_benchmark")),
        sa.UniqueConstraint(
            "workspace_id",
            "platform",
            "handle",
            name=op.f("uq_benchmark_workspace_id_platform_handle"),
        ),
    )
    op.create_index(op.f("ix_benchmark_created_at"), "benchmark", ["created_at"], unique=False)
    op.create_index(op.f("ix_benchmark_workspace_id"), "benchmark", ["workspace_id"], unique=False)
    op.create_table(
        "benchmark_snapshot",
        sa.Column("benchmark_id", sa.Uuid(), nullable=False),
        sa.Column("snapshot_date", sa.Date(), nullable=False),
        sa.Column("followers", sa.BigInteger(), nullable=True),
        sa.Column("posts", sa.BigInteger(), nullable=True),
        sa.Column("avg_reads", sa.Double(), nullable=True),
        sa.Column("likes", sa.BigInteger(), nullable=True),
        *_timestamps(),
        sa.CheckConstraint(
            "(followers IS NULL OR followers >= 0) AND (posts IS NULL OR posts >= 0) "
            "AND (avg_reads IS NULL OR avg_reads >= 0) AND (likes IS NULL OR likes >= 0)",
            name=op.f("ck_benchmark_snapshot_not_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["benchmark_id"],
            ["benchmark.id"],
            name=op.f("fk_benchmark_snapshot_benchmark_id_benchmark"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_benchmark_snapshot")),
        # Also the index of every read: a benchmark's days in order.
        sa.UniqueConstraint(
            "benchmark_id",
            "snapshot_date",
            name=op.f("uq_benchmark_snapshot_benchmark_id_snapshot_date"),
        ),
    )
    op.create_index(
        op.f("ix_benchmark_snapshot_created_at"),
        "benchmark_snapshot",
        ["created_at"],
        unique=False,
    )
    op.create_index(
        op.f("ix_benchmark_snapshot_workspace_id"),
        "benchmark_snapshot",
        ["workspace_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_benchmark_snapshot_workspace_id"), table_name="benchmark_snapshot")
    op.drop_index(op.f("ix_benchmark_snapshot_created_at"), table_name="benchmark_snapshot")
    op.drop_table("benchmark_snapshot")
    op.drop_index(op.f("ix_benchmark_workspace_id"), table_name="benchmark")
    op.drop_index(op.f("ix_benchmark_created_at"), table_name="benchmark")
    op.drop_table("benchmark")
