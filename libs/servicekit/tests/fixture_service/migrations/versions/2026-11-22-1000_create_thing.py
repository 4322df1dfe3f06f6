"""create thing

Revision ID: f001_thing
Revises:
Create Date: 2026-11-22 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "f001_thing"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "thing",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.String(64), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column("name", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_thing"),
        # Deferred, so a duplicate passes flush() and fails at COMMIT: the tests use it to
        # prove that a failed commit is an error response, not a 2xx.
        sa.UniqueConstraint(
            "workspace_id",
            "name",
            name="uq_thing_workspace_id_name",
            deferrable=True,
            initially="DEFERRED",
        ),
    )
    op.create_index("ix_thing_workspace_id", "thing", ["workspace_id"])
    op.create_index("ix_thing_created_at", "thing", ["created_at"])


def downgrade() -> None:
    op.drop_table("thing")
