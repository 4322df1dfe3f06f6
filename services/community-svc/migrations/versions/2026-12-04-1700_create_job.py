"""jobs (servicekit.jobs): job and job_result_part

Revision ID: g0b6_jobs
Revises: g0b5_member_source_platform
Create Date: 2026-12-04 17:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "g0b6_jobs"
down_revision: str | None = "g0b5_member_source_platform"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "job",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.String(64), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("params", postgresql.JSONB(), nullable=False),
        sa.Column("input", sa.LargeBinary(), nullable=True),
        sa.Column("cursor", postgresql.JSONB(), nullable=False),
        sa.Column("done", sa.BigInteger(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=True),
        sa.Column("errors", postgresql.JSONB(), nullable=False),
        sa.Column("error_count", sa.Integer(), nullable=False),
        sa.Column("result", postgresql.JSONB(), nullable=True),
        sa.Column("result_media_type", sa.String(100), nullable=True),
        sa.Column("result_filename", sa.String(200), nullable=True),
        sa.Column("result_parts", sa.Integer(), nullable=False),
        sa.Column("lease_owner", sa.String(100), nullable=True),
        sa.Column("leased_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('queued', 'running', 'succeeded', 'failed')",
            name=op.f("ck_job_status_known"),
        ),
        sa.CheckConstraint("done >= 0 AND error_count >= 0", name=op.f("ck_job_counts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job")),
    )
    op.create_index(op.f("ix_job_workspace_id"), "job", ["workspace_id"])
    op.create_index(op.f("ix_job_created_at"), "job", ["created_at"])
    op.create_index(op.f("ix_job_finished_at"), "job", ["finished_at"])
    op.create_index(
        op.f("ix_job_open_created_at"),
        "job",
        ["created_at"],
        postgresql_where=sa.text("finished_at IS NULL"),
    )
    op.create_table(
        "job_result_part",
        sa.Column("job_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.String(64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["job_id"], ["job.id"], name=op.f("fk_job_result_part_job_id_job"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("job_id", "seq", name=op.f("pk_job_result_part")),
    )


def downgrade() -> None:
    op.drop_table("job_result_part")
    op.drop_table("job")
