"""a claim picks the available code with the lowest id: its index is (batch_id, id)

The claim statement orders its pick by id so that no plan PostgreSQL may choose for it scans
the table (coupons/repository.py, ``_CLAIM``); this index gives that order. It replaces the
index on ``batch_id`` alone, which has to go: beside the new one, before the table has
statistics, PostgreSQL read the whole batch through it and sorted it for every claim (18 ms of
PostgreSQL a claim in ``make bench``; bench/RESULTS.md, 2026-12-06 (late morning)).

The old index is dropped first: that takes the table's strongest lock at once and holds it to
the end, so the build that follows cannot deadlock with a transaction that read ``coupon`` and
then writes it (a redeem), as a drop after the build could. Reads and writes of ``coupon`` wait
from the moment the drop asks for its lock until the run commits: up to 10 s for the lock (a
long transaction on the table; then the run fails instead of holding every claim behind it:
run it again), then the build (about a second per million codes on 2 cores; migrations run in
one transaction, so not ``CONCURRENTLY``). On a large table run this upgrade outside a flash
sale.

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
# One index for another, no table or column changed: the previous release's claim (no ORDER BY)
# finds its codes through the new index as it did through the old.
keeps_previous_code_working = True

AVAILABLE = sa.text("status = 'available'")


def _replace(old: str, new: str, columns: list[str]) -> None:
    """Index ``new`` on the available codes' ``columns`` in place of ``old``, the old one
    dropped first (the module's docstring says why)."""
    op.execute("SET LOCAL lock_timeout = '10s'")
    op.drop_index(op.f(old), table_name="coupon", postgresql_where=AVAILABLE)
    op.create_index(op.f(new), "coupon", columns, unique=False, postgresql_where=AVAILABLE)
    # Not for the revisions after this one in the same run (a backfill's row locks).
    op.execute("SET LOCAL lock_timeout TO DEFAULT")


def upgrade() -> None:
    _replace("ix_coupon_batch_id_available", "ix_coupon_batch_id_id_available", ["batch_id", "id"])


def downgrade() -> None:
    _replace("ix_coupon_batch_id_id_available", "ix_coupon_batch_id_available", ["batch_id"])
