"""group_goal: when an operator marked the goal reached, and who (metrics-svc's replication
success rate counts a group that reached a goal)

Revision ID: g0b7_goal_reached
Revises: g0b6_jobs
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "g0b7_goal_reached"
down_revision: str | None = "g0b6_jobs"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("group_goal", sa.Column("reached_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("group_goal", sa.Column("reached_by", sa.String(length=128), nullable=True))


def downgrade() -> None:
    op.drop_column("group_goal", "reached_by")
    op.drop_column("group_goal", "reached_at")
