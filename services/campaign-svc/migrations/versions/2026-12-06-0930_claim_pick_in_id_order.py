"""a claim picks the available code with the lowest id: its index is (batch_id, id)

The claim statement orders its pick by id so that no plan PostgreSQL may choose for it scans
the table (coupons/repository.py, ``_CLAIM``); this index gives that order. It replaces the
index on ``batch_id`` alone, which it serves for every look-up that one did.

``CREATE INDEX`` holds a lock that blocks writes to ``coupon`` while it builds (migrations run in
one transaction, so not ``CONCURRENTLY``): on a large table run this upgrade outside a flash
sale (deploy/README.md, "Installing on Kubernetes", upgrading).

Revision ID: c3d7_claim_pick_in_id_order
Revises: c3d6_partners
Create Date: 2026-12-06 09:30:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c3d7_claim_pick_in_id_order"
down_revision: str | None = "c3d6_partners"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
# The previous code's claim (no ORDER BY) works on the new index as it did on the old one.
keeps_previous_code_working = True

AVAILABLE = sa.text("status = 'available'")


def upgrade() -> None:
    op.create_index(
        op.f("ix_coupon_batch_id_id_available"),
        "coupon",
        ["batch_id", "id"],
        unique=False,
        postgresql_where=AVAILABLE,
    )
    op.drop_index(
        op.f("ix_coupon_batch_id_available"), table_name="coupon", postgresql_where=AVAILABLE
    )


def downgrade() -> None:
    op.create_index(
        op.f("ix_coupon_batch_id_available"),
        "coupon",
        ["batch_id"],
        unique=False,
        postgresql_where=AVAILABLE,
    )
    op.drop_index(
        op.f("ix_coupon_batch_id_id_available"), table_name="coupon", postgresql_where=AVAILABLE
    )
