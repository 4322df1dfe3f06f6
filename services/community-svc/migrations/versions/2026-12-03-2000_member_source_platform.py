"""member: the platform of the publication a member came from (from a resolved tracking code)

Revision ID: g0b5_member_source_platform
Revises: g0b4_member_source
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "g0b5_member_source_platform"
down_revision: str | None = "g0b4_member_source"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("member", sa.Column("source_platform", sa.String(length=32), nullable=True))


def downgrade() -> None:
    op.drop_column("member", "source_platform")
