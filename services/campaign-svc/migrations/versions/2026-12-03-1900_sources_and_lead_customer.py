"""sources on leads, coupon claims, referrals and redemptions; a lead's customer id

Revision ID: c3d4_sources
Revises: b1c2_domain
Create Date: 2026-12-03 19:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "c3d4_sources"
down_revision: str | None = "b1c2_domain"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Nullable columns without a default: adding one is a catalogue change, however many coupons
# the table holds.
SOURCED = ("lead", "coupon", "referral", "coupon_redemption")


def upgrade() -> None:
    for table in SOURCED:
        op.add_column(
            table,
            sa.Column("source", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        )
    op.add_column("lead", sa.Column("customer_id", sa.String(length=128), nullable=True))


def downgrade() -> None:
    op.drop_column("lead", "customer_id")
    for table in reversed(SOURCED):
        op.drop_column(table, "source")
