"""member: the publication a member came from (tracking code, publication, channel, post) and
the time of their latest recorded message

Revision ID: g0b4_member_source
Revises: g0b3_idempotency_key
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "g0b4_member_source"
down_revision: str | None = "g0b3_idempotency_key"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("member", sa.Column("source_tracking_code", sa.String(length=32), nullable=True))
    op.add_column("member", sa.Column("source_publication_id", sa.Uuid(), nullable=True))
    op.add_column("member", sa.Column("source_channel_id", sa.Uuid(), nullable=True))
    op.add_column("member", sa.Column("source_post_id", sa.Uuid(), nullable=True))
    op.add_column("member", sa.Column("last_active_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column("member", "last_active_at")
    op.drop_column("member", "source_post_id")
    op.drop_column("member", "source_channel_id")
    op.drop_column("member", "source_publication_id")
    op.drop_column("member", "source_tracking_code")
