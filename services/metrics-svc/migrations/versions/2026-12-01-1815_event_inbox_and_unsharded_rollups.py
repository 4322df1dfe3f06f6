"""event inbox for the fold, rollups without shards, event_dedup keyed id first

The ingest now only de-duplicates and appends to `event_inbox`; one folder at a time moves
inbox rows into `event` and the rollups. With a single writer the rollups need no shards:
each table's shard rows are merged into one row per key.

Deploying: stop the replicas of the previous revision before upgrading (they write the `shard`
column this drops), then start the new ones; events sent meanwhile are retried by the outbox
relays.

Revision ID: m0a5_inbox
Revises: m0a4_hourly_post
Create Date: 2026-12-01 18:15:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "m0a5_inbox"
down_revision: str | None = "m0a4_hourly_post"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

HOURLY_KEY = "workspace_id, type, bucket_at, channel_id, post_id, campaign_id, group_id"
DIM_KEY = "workspace_id, type, dimension, dimension_value, bucket_at"


def _merge_shards(table: str, key: str) -> None:
    """One row per key: the shards' counts and sums added up, then the column dropped."""
    op.execute(
        f"CREATE TEMP TABLE merged AS "
        f"SELECT {key}, sum(event_count)::bigint AS event_count, sum(value_sum) AS value_sum "
        f"FROM {table} GROUP BY {key}"
    )
    op.execute(f"ALTER TABLE {table} DROP CONSTRAINT pk_{table}")
    op.execute(f"DELETE FROM {table}")
    op.drop_column(table, "shard")
    op.execute(f"INSERT INTO {table} ({key}, event_count, value_sum) SELECT * FROM merged")
    op.execute("DROP TABLE merged")
    op.execute(f"ALTER TABLE {table} ADD CONSTRAINT pk_{table} PRIMARY KEY ({key})")


def _add_shard(table: str, key: str) -> None:
    op.add_column(
        table, sa.Column("shard", sa.SmallInteger(), server_default=sa.text("0"), nullable=False)
    )
    op.alter_column(table, "shard", server_default=None)
    op.execute(f"ALTER TABLE {table} DROP CONSTRAINT pk_{table}")
    op.execute(f"ALTER TABLE {table} ADD CONSTRAINT pk_{table} PRIMARY KEY ({key}, shard)")


def _dedup_key(columns: str) -> None:
    op.execute("ALTER TABLE event_dedup DROP CONSTRAINT pk_event_dedup")
    op.execute(f"ALTER TABLE event_dedup ADD CONSTRAINT pk_event_dedup PRIMARY KEY ({columns})")


def upgrade() -> None:
    op.create_table(
        "event_inbox",
        sa.Column("workspace_id", sa.String(length=64), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.String(length=128), nullable=True),
        sa.Column("channel_id", sa.String(length=64), nullable=True),
        sa.Column("post_id", sa.String(length=64), nullable=True),
        sa.Column("publication_id", sa.String(length=64), nullable=True),
        sa.Column("campaign_id", sa.String(length=64), nullable=True),
        sa.Column("group_id", sa.String(length=64), nullable=True),
        sa.Column("value", sa.Double(), nullable=True),
        sa.Column("props", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    )
    # Rows live for a fraction of a second, so the table is mostly dead rows between vacuums;
    # the folder vacuums it itself (events/fold.py) and autovacuum goes by dead rows, not by the
    # tiny live size. Truncation stays on: after a backlog the emptied file shrinks again, so
    # the "anything pending?" probe of every read does not walk empty pages (vacuum takes the
    # lock for it only when no one waits).
    op.execute(
        "ALTER TABLE event_inbox SET (autovacuum_vacuum_scale_factor = 0, "
        "autovacuum_vacuum_threshold = 20000)"
    )
    _dedup_key("id, workspace_id")
    _merge_shards("event_hourly", HOURLY_KEY)
    _merge_shards("event_hourly_dim", DIM_KEY)


def downgrade() -> None:
    # The previous code never reads the inbox: events still in it would be lost to every
    # number. Refuse rather than drop them; the lock keeps an ingest from adding one between
    # the count and the drop (stop ingestion before downgrading: old and new code cannot share
    # the rollups, whose keys differ by the shard).
    op.execute("LOCK TABLE event_inbox IN ACCESS EXCLUSIVE MODE")
    op.execute(
        """
        DO $$
        DECLARE pending bigint;
        BEGIN
            SELECT count(*) INTO pending FROM event_inbox;
            IF pending > 0 THEN
                RAISE EXCEPTION 'event_inbox still holds % events not yet folded; run '
                    'metrics-svc at this revision until it is empty, then downgrade', pending;
            END IF;
        END
        $$
        """
    )
    _add_shard("event_hourly_dim", DIM_KEY)
    _add_shard("event_hourly", HOURLY_KEY)
    _dedup_key("workspace_id, id")
    op.drop_table("event_inbox")
