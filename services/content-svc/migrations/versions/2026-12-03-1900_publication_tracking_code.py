"""publication.tracking_code: the public code of a publication, unique, backfilled

Revision ID: c0a8_tracking_code
Revises: c0a7_idempotency_key
Create Date: 2026-12-03 19:00:00+00:00

Existing publications get a code here, drawn as new ones are (eight characters of the
unambiguous alphabet, from the CSPRNG). The alphabet is copied rather than imported from
content_svc.publications.codes: a migration stays what it was when it ran, whatever the code
becomes later.
"""

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c0a8_tracking_code"
down_revision: str | None = "c0a7_idempotency_key"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 8
BATCH = 5000


def _codes(count: int) -> list[str]:
    """``count`` distinct codes (the column is new: no stored code can clash with them)."""
    codes: set[str] = set()
    while len(codes) < count:
        codes.add("".join(secrets.choice(ALPHABET) for _ in range(LENGTH)))
    return list(codes)


def upgrade() -> None:
    op.add_column("publication", sa.Column("tracking_code", sa.String(length=8), nullable=True))
    bind = op.get_bind()
    ids = [row[0] for row in bind.execute(sa.text("SELECT id FROM publication ORDER BY id"))]
    stmt = sa.text("UPDATE publication SET tracking_code = :code WHERE id = :id")
    codes = _codes(len(ids))
    for start in range(0, len(ids), BATCH):
        chunk = zip(ids[start : start + BATCH], codes[start : start + BATCH], strict=True)
        bind.execute(stmt, [{"id": id_, "code": code} for id_, code in chunk])
    op.alter_column("publication", "tracking_code", nullable=False)
    op.create_unique_constraint(
        op.f("uq_publication_tracking_code"), "publication", ["tracking_code"]
    )


def downgrade() -> None:
    op.drop_constraint(op.f("uq_publication_tracking_code"), "publication", type_="unique")
    op.drop_column("publication", "tracking_code")
