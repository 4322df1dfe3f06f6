"""index rollups for reads: event_hourly by post (per-post counts leave event_hourly_dim),
actor_hourly's key covering event_count

Revision ID: m0a4_hourly_post
Revises: m0a3_idempotency
Create Date: 2026-11-22 11:15:07.094541+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "m0a4_hourly_post"
down_revision: str | None = "m0a3_idempotency"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Distinct-actor reads become index-only scans when the key's index carries event_count.
ACTOR_KEY = """
ALTER TABLE actor_hourly DROP CONSTRAINT pk_actor_hourly,
    ADD CONSTRAINT pk_actor_hourly PRIMARY KEY (workspace_id, type, bucket_at, actor_id,
                                                channel_id, post_id, campaign_id, group_id)
    {include}
"""


def upgrade() -> None:
    # Per-post series now read event_hourly through this index; the per-post rows of
    # event_hourly_dim (nearly one per event) are no longer written or read.
    op.create_index(
        op.f("ix_event_hourly_workspace_id_post_id_type_bucket_at"),
        "event_hourly",
        ["workspace_id", "post_id", "type", "bucket_at"],
        unique=False,
    )
    op.execute("DELETE FROM event_hourly_dim WHERE dimension = 'post_id'")
    op.execute(ACTOR_KEY.format(include="INCLUDE (event_count)"))


def downgrade() -> None:
    op.execute(ACTOR_KEY.format(include=""))
    # The previous code reads per-post counts from event_hourly_dim: rebuild them, exactly,
    # from the full rollup.
    op.execute(
        """
        INSERT INTO event_hourly_dim (workspace_id, type, dimension, dimension_value, bucket_at,
                                      event_count, value_sum, shard)
        SELECT workspace_id, type, 'post_id', post_id, bucket_at, sum(event_count),
               sum(value_sum), shard
        FROM event_hourly
        GROUP BY workspace_id, type, post_id, bucket_at, shard
        """
    )
    op.drop_index(
        op.f("ix_event_hourly_workspace_id_post_id_type_bucket_at"), table_name="event_hourly"
    )
