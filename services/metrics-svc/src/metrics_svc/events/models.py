"""Raw events (range-partitioned by ``occurred_at``), the id table that de-duplicates them, the
inbox of acknowledged events not yet folded, and the hourly rollups the fold keeps up to date.

These are Core tables, not ORM classes: every read and write is set-based SQL in
``repository.py`` (INSERT … SELECT from a JSON batch, DELETE … RETURNING, GROUP BY), and the
raw event table deliberately has no primary key (see ``event_dedup``)."""

from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Double,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    UniqueConstraint,
    Uuid,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, BIT, JSONB

from metrics_svc.base import Base
from metrics_svc.vocabulary import Dimension


def _event_columns() -> list[Column[Any]]:
    """An event as stored: the same columns in the raw table and in the inbox (new Column
    objects each time, as a column belongs to one table).

    The one declaration of an event's fields: the ingest's and the fold's column lists are
    read off it (``events/columns.py``). Every column but the ``STAMPED_COLUMNS`` is a field
    of the event as sent, which ``EventIn`` and ``FastEvent`` (``events/schemas.py``) take."""
    return [
        Column("workspace_id", String(64), nullable=False),
        Column("id", Uuid, nullable=False),
        Column("type", String(64), nullable=False),
        Column("occurred_at", DateTime(timezone=True), nullable=False),
        Column("received_at", DateTime(timezone=True), nullable=False),
        Column("actor_id", String(128), nullable=True),
        Column("channel_id", String(64), nullable=True),
        Column("post_id", String(64), nullable=True),
        Column("publication_id", String(64), nullable=True),
        Column("campaign_id", String(64), nullable=True),
        Column("group_id", String(64), nullable=True),
        Column("value", Double, nullable=True),
        Column("props", JSONB, nullable=True),
    ]


# The columns the service fills in rather than the sender: the caller's workspace, and the
# database's clock when the batch was acknowledged.
STAMPED_COLUMNS = ("workspace_id", "received_at")


# The raw events. Monthly range partitions live in the `event_partition` schema (created by
# `event_ensure_partitions`, see the migration), so the service's own schema lists the parent
# only. No primary key: on a partitioned table a unique index must contain the partition key,
# which would let a re-sent id with another occurred_at through; `event_dedup` is the key.
event = Table(
    "event",
    Base.metadata,
    *_event_columns(),
    # Funnels and retention read one workspace's events of a few types over a time range, and
    # of those only the actor and the time: with actor_id included they are index-only scans.
    Index(
        "ix_event_workspace_id_type_occurred_at",
        "workspace_id",
        "type",
        "occurred_at",
        postgresql_include=["actor_id"],
    ),
    postgresql_partition_by="RANGE (occurred_at)",
)

# One row per ingested event id: the unique key the partitioned table cannot carry. Small
# (ids and a timestamp), so the ON CONFLICT probe stays cheap whatever month the event is in.
# The id leads the key: a probe then compares uuids (bytes) and reaches the workspace only on
# an equal id, instead of comparing the workspace string by collation at every level first
# (measured: 20% less time per 1,000 inserts).
event_dedup = Table(
    "event_dedup",
    Base.metadata,
    Column("workspace_id", String(64), nullable=False),
    Column("id", Uuid, nullable=False),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("id", "workspace_id"),
)

# Acknowledged events waiting to be folded into `event` and the rollups (events/fold/). The
# ingest only de-duplicates and appends here, so an acknowledged batch costs one id key and one
# unindexed row per event; the fold moves rows out in large chunks, where the rollups' upserts
# are shared by many events. No key and no index: it is read whole and emptied by the fold.
event_inbox = Table("event_inbox", Base.metadata, *_event_columns())

# Rollup per UTC hour x type x dimensions: count and sum(value). Hourly so any time zone with
# whole-hour offsets gets exact local days, weeks and months. Dimensions are '' when absent
# (NOT NULL, so the primary key can be the ON CONFLICT target on PostgreSQL 14 too).
event_hourly = Table(
    "event_hourly",
    Base.metadata,
    Column("workspace_id", String(64), nullable=False),
    Column("type", String(64), nullable=False),
    Column("bucket_at", DateTime(timezone=True), nullable=False),
    Column("channel_id", String(64), nullable=False),
    Column("post_id", String(64), nullable=False),
    Column("campaign_id", String(64), nullable=False),
    Column("group_id", String(64), nullable=False),
    Column("event_count", BigInteger, nullable=False),
    Column("value_sum", Double, nullable=False),
    # Added after the others (migration m0a7): a publication is one post on one channel, so
    # it splits a row only where a post's events come from several publications or none.
    Column("publication_id", String(64), nullable=False),
    PrimaryKeyConstraint(
        "workspace_id",
        "type",
        "bucket_at",
        "channel_id",
        "post_id",
        "publication_id",
        "campaign_id",
        "group_id",
    ),
    # Anything filtered or grouped by post reads here: a post's rows are few per hour, so
    # this index is all a per-post series needs, and it costs one index entry per new rollup
    # row where a per-post copy in `event_hourly_dim` cost a second upserted row.
    Index(
        "ix_event_hourly_workspace_id_post_id_type_bucket_at",
        "workspace_id",
        "post_id",
        "type",
        "bucket_at",
    ),
    # The same for a publication (one post on one channel: fewer rows still).
    Index(
        "ix_event_hourly_workspace_id_publication_id_type_bucket_at",
        "workspace_id",
        "publication_id",
        "type",
        "bucket_at",
    ),
)

# The dimensions `event_hourly_dim` counts one at a time. Not post_id nor publication_id: a
# post or a publication has few `event_hourly` rows per hour, read through their indexes, where
# a per-post or per-publication copy here would be a second upserted row for nearly every event.
PER_DIMENSION: tuple[Dimension, ...] = (
    Dimension.CHANNEL_ID,
    Dimension.CAMPAIGN_ID,
    Dimension.GROUP_ID,
)

# The same counts by one dimension at a time ('' / '' = the whole workspace, channel_id,
# campaign_id, group_id — not post_id nor publication_id, see above): a series with no filter,
# one such filter or a group_by on one of them reads a few rows per hour here instead of every
# channel x post x publication x campaign x group combination of `event_hourly` (which stays,
# so combined filters are exact).
event_hourly_dim = Table(
    "event_hourly_dim",
    Base.metadata,
    Column("workspace_id", String(64), nullable=False),
    Column("type", String(64), nullable=False),
    Column("dimension", String(16), nullable=False),
    Column("dimension_value", String(64), nullable=False),
    Column("bucket_at", DateTime(timezone=True), nullable=False),
    Column("event_count", BigInteger, nullable=False),
    Column("value_sum", Double, nullable=False),
    PrimaryKeyConstraint("workspace_id", "type", "dimension", "dimension_value", "bucket_at"),
)

# The rollups have one writer at a time (the fold holds an advisory lock), so they need no
# shards against concurrent batches updating the same rows.

# Per-actor presence per UTC hour for the few types whose metrics count distinct people
# (visitors, purchasers and repeat purchasers, message senders, referrers), so those metrics
# are exact over any window without scanning raw events.
actor_hourly = Table(
    "actor_hourly",
    Base.metadata,
    Column("workspace_id", String(64), nullable=False),
    Column("type", String(64), nullable=False),
    Column("bucket_at", DateTime(timezone=True), nullable=False),
    Column("actor_id", String(128), nullable=False),
    Column("channel_id", String(64), nullable=False),
    Column("post_id", String(64), nullable=False),
    Column("campaign_id", String(64), nullable=False),
    Column("group_id", String(64), nullable=False),
    Column("event_count", BigInteger, nullable=False, server_default=text("0")),
    # Added after the others (migration m0a7), so distinct people per publication are exact.
    Column("publication_id", String(64), nullable=False),
    # event_count in the key's index: distinct-actor metrics read only (type, bucket, actor,
    # dimensions, count), so they are index-only scans (a repurchase series over 1M events:
    # 145 ms -> 34 ms in the database). Counts rarely change after the first insert (an actor's
    # second event in the same hour, post and campaign), so the lost HOT updates cost little.
    PrimaryKeyConstraint(
        "workspace_id",
        "type",
        "bucket_at",
        "actor_id",
        "channel_id",
        "post_id",
        "publication_id",
        "campaign_id",
        "group_id",
        postgresql_include=["event_count"],
    ),
)

# Actors numbered densely per workspace (0, 1, 2, … as they are first folded; within a fold in
# byte order of their ids), so a set of
# actors can be a bitmap: bit n of page n // PAGE_BITS is the actor numbered n.
actor_ordinal = Table(
    "actor_ordinal",
    Base.metadata,
    # Byte order ("C"): the fold looks actors up by keys it groups under "C" (events/fold/
    # statements.py), and an index answers an equality only under its own collation.
    Column("workspace_id", String(64, collation="C"), nullable=False),
    Column("actor_id", String(128, collation="C"), nullable=False),
    Column("ordinal", Integer, nullable=False),
    PrimaryKeyConstraint("workspace_id", "actor_id"),
    # The next number is max + 1 (the fold is the only writer); unique, so two actors can
    # never share a bit.
    UniqueConstraint("workspace_id", "ordinal"),
)

# Bits per page of `actor_presence` (1 KB): a page-hour row holds up to this many actors.
PAGE_BITS = 8192

# Who was present per UTC hour and type, workspace-wide, by actor ordinal. `bits` is the set
# as a bitmap: the distinct actors of any window are the bits set in the OR of its hours'
# pages, a few thousand 1 KB ORs in PostgreSQL's C code where `actor_hourly` needs a row per
# actor-hour hashed by actor (a month of visitors over 1M events: ~20 ms against ~200 ms).
# `ordinals` is the same set as a list, with an actor listed twice when it had two or more
# events that hour: actors with two or more events in a window are the numbers listed twice
# or more over its hours, counted by the service (metrics/repository.py) from one row per
# page-hour. Only for reads without filters or group_by; those read `actor_hourly`, whose rows
# a filter narrows down.
actor_presence = Table(
    "actor_presence",
    Base.metadata,
    Column("workspace_id", String(64), nullable=False),
    Column("type", String(64), nullable=False),
    Column("bucket_at", DateTime(timezone=True), nullable=False),
    Column("page", Integer, nullable=False),
    Column("bits", BIT(PAGE_BITS), nullable=False),
    Column("ordinals", ARRAY(Integer), nullable=False),
    PrimaryKeyConstraint("workspace_id", "type", "bucket_at", "page"),
)
