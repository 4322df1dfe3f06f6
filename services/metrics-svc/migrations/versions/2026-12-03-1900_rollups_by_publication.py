"""publication_id in the rollups: event_hourly and actor_hourly keyed by it too

Series, targets and distinct-actor metrics filter and group by `publication_id` as by the other
ids. Rows folded before this revision get '' (their events' publications were not kept in the
rollups): per-publication series, targets and the attribution report's impressions and clicks
start counting at the upgrade. The raw events keep their publication_id, so funnels, retention
and the attribution of conversions see it whatever the revision.

Deploying: stop the replicas of the previous revision before upgrading (their fold names the
old keys in ON CONFLICT), then start the new ones; events sent meanwhile wait in the relays.

Revision ID: m0a7_publication
Revises: m0a6_presence
Create Date: 2026-12-03 19:00:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "m0a7_publication"
down_revision: str | None = "m0a6_presence"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

HOURLY_KEY = "workspace_id, type, bucket_at, channel_id, post_id, {pub}campaign_id, group_id"
ACTOR_KEY = (
    "workspace_id, type, bucket_at, actor_id, channel_id, post_id, {pub}campaign_id, group_id"
)
# Each table's value columns and how rows merge when the key loses publication_id.
SUMS = {
    "event_hourly": "sum(event_count)::bigint AS event_count, sum(value_sum) AS value_sum",
    "actor_hourly": "sum(event_count)::bigint AS event_count",
}
KEYS = {"event_hourly": HOURLY_KEY, "actor_hourly": ACTOR_KEY}
# actor_hourly's key index carries event_count (index-only distinct-actor reads).
INCLUDE = {"event_hourly": "", "actor_hourly": " INCLUDE (event_count)"}
PUB_INDEX = "ix_event_hourly_workspace_id_publication_id_type_bucket_at"


def _key(table: str, *, with_publication: bool) -> str:
    return KEYS[table].format(pub="publication_id, " if with_publication else "")


def upgrade() -> None:
    for table in ("event_hourly", "actor_hourly"):
        # A constant default: existing rows get '' without the table being rewritten.
        op.add_column(
            table,
            sa.Column("publication_id", sa.String(64), server_default="", nullable=False),
        )
        op.alter_column(table, "publication_id", server_default=None)
        op.execute(
            f"ALTER TABLE {table} DROP CONSTRAINT pk_{table}, ADD CONSTRAINT pk_{table} "
            f"PRIMARY KEY ({_key(table, with_publication=True)}){INCLUDE[table]}"
        )
    op.create_index(
        op.f(PUB_INDEX),
        "event_hourly",
        ["workspace_id", "publication_id", "type", "bucket_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f(PUB_INDEX), table_name="event_hourly")
    for table in ("actor_hourly", "event_hourly"):
        # Rows that differ only by publication become one, their counts (and sums) added up,
        # so every number the previous revision reads stays what it was.
        key = _key(table, with_publication=False)
        op.execute(
            f"CREATE TEMP TABLE merged AS SELECT {key}, {SUMS[table]} FROM {table} GROUP BY {key}"
        )
        op.execute(f"ALTER TABLE {table} DROP CONSTRAINT pk_{table}")
        op.execute(f"DELETE FROM {table}")
        op.drop_column(table, "publication_id")
        columns = "event_count, value_sum" if table == "event_hourly" else "event_count"
        op.execute(f"INSERT INTO {table} ({key}, {columns}) SELECT * FROM merged")
        op.execute("DROP TABLE merged")
        op.execute(
            f"ALTER TABLE {table} ADD CONSTRAINT pk_{table} PRIMARY KEY ({key}){INCLUDE[table]}"
        )
