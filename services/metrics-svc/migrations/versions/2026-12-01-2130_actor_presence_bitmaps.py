"""actor ordinals and per-hour presence bitmaps for workspace-wide distinct actors

Every actor gets a number per workspace (`actor_ordinal`); `actor_presence` holds, per UTC
hour and type, the numbers present as a bitmap and as a list (listing twice those with two or
more events). Both are filled here from `actor_hourly` (the presence rows kept so far), so
distinct-actor numbers are the same before and after.

Deploying: stop the replicas of the previous revision before upgrading (their fold does not
keep the bitmaps), then start the new ones.

Revision ID: m0a6_presence
Revises: m0a5_inbox
Create Date: 2026-12-01 21:30:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "m0a6_presence"
down_revision: str | None = "m0a5_inbox"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PAGE_BITS = 8192  # frozen here: the bitmaps' width at this revision
FOLD_LOCK = 0x6D6574726963_01  # events/repository.py's fold lock, frozen here


def upgrade() -> None:
    # No fold commits between the backfill's reading of actor_hourly and its commit (one it
    # missed would be missing from the bitmaps for good).
    op.execute(f"SELECT pg_advisory_xact_lock({FOLD_LOCK})")
    op.create_table(
        "actor_ordinal",
        sa.Column("workspace_id", sa.String(length=64, collation="C"), nullable=False),
        sa.Column("actor_id", sa.String(length=128, collation="C"), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("workspace_id", "actor_id", name=op.f("pk_actor_ordinal")),
        sa.UniqueConstraint(
            "workspace_id", "ordinal", name=op.f("uq_actor_ordinal_workspace_id_ordinal")
        ),
    )
    op.create_table(
        "actor_presence",
        sa.Column("workspace_id", sa.String(length=64), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("bucket_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("bits", postgresql.BIT(length=PAGE_BITS), nullable=False),
        sa.Column("ordinals", postgresql.ARRAY(sa.Integer()), nullable=False),
        sa.PrimaryKeyConstraint(
            "workspace_id", "type", "bucket_at", "page", name=op.f("pk_actor_presence")
        ),
    )
    op.execute(
        """
        INSERT INTO actor_ordinal (workspace_id, actor_id, ordinal)
        SELECT workspace_id, actor_id,
               row_number() OVER (PARTITION BY workspace_id ORDER BY actor_id COLLATE "C") - 1
        FROM (SELECT DISTINCT workspace_id, actor_id FROM actor_hourly) a
        """
    )
    op.execute(
        f"""
        INSERT INTO actor_presence (workspace_id, type, bucket_at, page, bits, ordinals)
        SELECT workspace_id, type, bucket_at, page,
               CAST(CAST(string_agg(repeat('0', gap) || '1', '' ORDER BY slot) AS varbit)
                    AS bit({PAGE_BITS})),
               array_cat(array_agg(ordinal),
                         coalesce(array_agg(ordinal) FILTER (WHERE n >= 2), '{{}}'))
        FROM (
            SELECT workspace_id, type, bucket_at, page, slot, n, ordinal,
                   slot - 1 - coalesce(lag(slot) OVER (
                       PARTITION BY workspace_id, type, bucket_at, page ORDER BY slot), -1) AS gap
            FROM (
                SELECT h.workspace_id, h.type, h.bucket_at, o.ordinal,
                       o.ordinal / {PAGE_BITS} AS page, o.ordinal % {PAGE_BITS} AS slot,
                       sum(h.event_count) AS n
                FROM actor_hourly h
                JOIN actor_ordinal o
                  ON o.workspace_id = h.workspace_id AND o.actor_id = h.actor_id
                GROUP BY 1, 2, 3, 4
            ) d
        ) s
        GROUP BY 1, 2, 3, 4
        """
    )


def downgrade() -> None:
    op.drop_table("actor_presence")
    op.drop_table("actor_ordinal")
