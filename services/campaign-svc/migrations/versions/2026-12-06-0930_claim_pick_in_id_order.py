"""a claim picks the available code with the lowest id: an index on (batch_id, id)

The claim statement orders its pick by id so that no plan PostgreSQL may choose for it scans
the table (coupons/repository.py, ``_CLAIM``); this index gives that order. It only adds: the
index on ``batch_id`` alone, which it makes redundant, stays until a later contracting revision
drops it (dropping it here, in the same transaction as the build, would ask for a lock that
also stops reads, and could deadlock with a redeem between its read and its write).

``CREATE INDEX`` holds writes to ``coupon`` while it builds (about a second per million codes
on 2 cores; migrations run in one transaction, so not ``CONCURRENTLY``): on a large table run
this upgrade outside a flash sale. Waiting more than ``lock_timeout`` for the lock (a long
transaction on the table) fails the run instead of holding every claim behind it; run it again.

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
# Only an index added: the previous release's code reads and writes as before.
keeps_previous_code_working = True

AVAILABLE = sa.text("status = 'available'")


def upgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '10s'")
    op.create_index(
        op.f("ix_coupon_batch_id_id_available"),
        "coupon",
        ["batch_id", "id"],
        unique=False,
        postgresql_where=AVAILABLE,
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_coupon_batch_id_id_available"), table_name="coupon", postgresql_where=AVAILABLE
    )
