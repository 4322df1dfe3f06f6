"""merge revisions and publications

The review tables and the publishing tables were built side by side from c0a3_post; this joins
the two lines so `alembic upgrade head` has one head again.

Revision ID: c0a6_merge
Revises: c0a4_revisions, c0a5_publications
Create Date: 2026-11-22 10:48:32.508358+00:00
"""

from collections.abc import Sequence

revision: str = "c0a6_merge"
down_revision: str | Sequence[str] | None = ("c0a4_revisions", "c0a5_publications")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
