"""What one fold does, as named parts: each takes, stores or adds up one thing, reads only the
parts before it, and has its own test (``tests/events/fold/test_statements.py`` composes it
with the parts it reads and looks at what it wrote).

The parts go to PostgreSQL as ONE statement, ``FOLD``, each a ``WITH`` query of it, for the
reasons the fold was one statement before it had names: one round trip and one snapshot, the
chunk taken out of the inbox once and handed from part to part in memory (no temporary table
to write, read back and plan without statistics), and all of it one transaction, so a crash
folds the chunk again later rather than half or twice. Run as separate statements of one
transaction instead, the parts were no faster (bench/RESULTS.md, issue 12). ``compose`` writes
the statement, and refuses an order in which a part reads one that comes after it.

Throughout, keys are sorted and grouped ``COLLATE "C"`` (byte order): a database collation
such as C.UTF-8 or en_US compares through strcoll without abbreviated keys."""

from __future__ import annotations

from dataclasses import dataclass

from metrics_svc.events.columns import EVENT_COLUMNS, column_list
from metrics_svc.events.models import PAGE_BITS
from metrics_svc.vocabulary import Dimension, EventType


@dataclass(frozen=True, slots=True)
class Part:
    """One named part of the fold: ``WITH name AS (sql)``, reading the parts in ``reads``."""

    name: str
    doc: str
    sql: str
    reads: tuple[str, ...] = ()
    # Computed once and kept, where PostgreSQL would otherwise inline it into each reader.
    materialized: bool = False


def compose(*parts: Part, result: str) -> str:
    """One statement: ``parts`` as its ``WITH`` queries, in order, then ``result``. A part
    must come after every part it reads."""
    seen: set[str] = set()
    queries = []
    for part in parts:
        missing = [name for name in part.reads if name not in seen]
        if missing:
            raise ValueError(f"{part.name} reads {', '.join(missing)}, not composed before it")
        seen.add(part.name)
        materialized = "MATERIALIZED " if part.materialized else ""
        queries.append(f"{part.name} AS {materialized}({part.sql})")
    return "WITH " + ",\n".join(queries) + "\n" + result


PICKED = Part(
    "picked",
    doc="""Takes up to :limit events out of the inbox and returns them whole: those received
    before this transaction began (``now()`` is its start; a batch acknowledged later waits
    for the next fold) and in the months :months, whose partitions exist.""",
    sql=f"""
    DELETE FROM event_inbox
    WHERE ctid = ANY(ARRAY(
        SELECT ctid FROM event_inbox
        WHERE date_trunc('month', occurred_at, 'UTC') = ANY(CAST(:months AS timestamptz[]))
          AND received_at <= now()
        LIMIT :limit))
    RETURNING {column_list(EVENT_COLUMNS)}
    """,
)

STORED = Part(
    "stored",
    doc="Stores the picked events as they are in the partitioned event table.",
    sql=f"""
    INSERT INTO event ({column_list(EVENT_COLUMNS)})
    SELECT {column_list(EVENT_COLUMNS)} FROM picked
    """,
    reads=("picked",),
)

KEYED = Part(
    "keyed",
    doc="""Each picked event's rollup key: workspace, type, UTC hour and its dimensions
    ('' where absent, as the rollups' keys are NOT NULL), with its value, actor and props.""",
    sql="""
    SELECT workspace_id COLLATE "C" AS workspace_id, type COLLATE "C" AS type,
           date_trunc('hour', occurred_at, 'UTC') AS bucket_at,
           coalesce(channel_id, '') COLLATE "C" AS channel_id,
           coalesce(post_id, '') COLLATE "C" AS post_id,
           coalesce(publication_id, '') COLLATE "C" AS publication_id,
           coalesce(campaign_id, '') COLLATE "C" AS campaign_id,
           coalesce(group_id, '') COLLATE "C" AS group_id,
           value, actor_id, props
    FROM picked
    """,
    reads=("picked",),
)

HOURLY = Part(
    "hourly",
    doc="""Adds the chunk's count and sum of values per key to ``event_hourly`` (a new row per
    new key, the rest added to the row there).""",
    sql="""
    INSERT INTO event_hourly AS h (workspace_id, type, bucket_at, channel_id, post_id,
                                   publication_id, campaign_id, group_id, event_count,
                                   value_sum)
    SELECT workspace_id, type, bucket_at, channel_id, post_id, publication_id, campaign_id,
           group_id, count(*), coalesce(sum(value), 0)
    FROM keyed
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT (workspace_id, type, bucket_at, channel_id, post_id, publication_id,
                 campaign_id, group_id)
    DO UPDATE SET event_count = h.event_count + excluded.event_count,
                  value_sum = h.value_sum + excluded.value_sum
    """,
    reads=("keyed",),
)

BY_DIMENSION = Part(
    "by_dimension",
    doc="""Adds the same counts and sums by one dimension at a time to ``event_hourly_dim``:
    the whole workspace ('' / ''), each channel, each campaign and each group. Not each post
    or publication: their reads use event_hourly's post and publication indexes. The four
    groupings come from one hashed GROUPING SETS pass instead of sorting a copy of each row per
    grouping.""",
    sql=f"""
    INSERT INTO event_hourly_dim AS d (workspace_id, type, dimension, dimension_value,
                                       bucket_at, event_count, value_sum)
    SELECT workspace_id, type, dim, dim_value, bucket_at, n, v
    FROM (
        SELECT workspace_id, type, bucket_at,
               CASE WHEN GROUPING(channel_id) = 0 THEN '{Dimension.CHANNEL_ID}'
                    WHEN GROUPING(campaign_id) = 0 THEN '{Dimension.CAMPAIGN_ID}'
                    WHEN GROUPING(group_id) = 0 THEN '{Dimension.GROUP_ID}'
                    ELSE '' END COLLATE "C" AS dim,
               coalesce(channel_id, campaign_id, group_id, '') COLLATE "C" AS dim_value,
               count(*) AS n, coalesce(sum(value), 0) AS v
        FROM keyed
        GROUP BY GROUPING SETS ((workspace_id, type, bucket_at),
                                (workspace_id, type, bucket_at, channel_id),
                                (workspace_id, type, bucket_at, campaign_id),
                                (workspace_id, type, bucket_at, group_id))
    ) g
    ORDER BY workspace_id, type, dim, dim_value, bucket_at
    ON CONFLICT (workspace_id, type, dimension, dimension_value, bucket_at)
    DO UPDATE SET event_count = d.event_count + excluded.event_count,
                  value_sum = d.value_sum + excluded.value_sum
    """,
    reads=("keyed",),
)

ACTOR_ROWS = Part(
    "actor_rows",
    doc="""The keyed events of the types that count distinct people (:actor_types), each with
    the person it counts: its actor, or for ``referral_accept`` the referrer its props name
    (NULL when there is none).""",
    sql=f"""
    SELECT workspace_id, type, bucket_at,
           CASE WHEN type = '{EventType.REFERRAL_ACCEPT}' THEN props ->> 'referrer_id'
                ELSE actor_id END COLLATE "C" AS actor,
           channel_id, post_id, publication_id, campaign_id, group_id
    FROM keyed
    WHERE type = ANY(CAST(:actor_types AS text[]))
    """,
    reads=("keyed",),
)

ACTORS = Part(
    "actors",
    doc="""Adds each person's events per hour, type and dimensions to ``actor_hourly``, which
    the distinct-actor reads with filters count from.""",
    sql="""
    INSERT INTO actor_hourly AS a (workspace_id, type, bucket_at, actor_id, channel_id, post_id,
                                   publication_id, campaign_id, group_id, event_count)
    SELECT workspace_id, type, bucket_at, actor, channel_id, post_id, publication_id,
           campaign_id, group_id, count(*)
    FROM actor_rows
    WHERE actor IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    ON CONFLICT (workspace_id, type, bucket_at, actor_id, channel_id, post_id, publication_id,
                 campaign_id, group_id)
    DO UPDATE SET event_count = a.event_count + excluded.event_count
    """,
    reads=("actor_rows",),
)

PRESENT = Part(
    "present",
    doc="""Each person present per workspace, type and hour, with their events that hour and
    their number in ``actor_ordinal`` if they have one yet (``known``; one index probe per
    actor-hour of the chunk).""",
    sql="""
    SELECT workspace_id, type, bucket_at, actor, count(*) AS n,
           (SELECT o.ordinal FROM actor_ordinal o
            WHERE o.workspace_id = r.workspace_id AND o.actor_id = r.actor) AS known
    FROM actor_rows r
    WHERE actor IS NOT NULL
    GROUP BY 1, 2, 3, 4
    """,
    reads=("actor_rows",),
    materialized=True,
)

TOPS = Part(
    "tops",
    doc="""The highest number given so far in each workspace with people new to it (-1 when it
    has given none).""",
    sql="""
    SELECT w.workspace_id,
           coalesce((SELECT o.ordinal FROM actor_ordinal o WHERE o.workspace_id = w.workspace_id
                     ORDER BY o.ordinal DESC LIMIT 1), -1) AS top
    FROM (SELECT DISTINCT workspace_id FROM present WHERE known IS NULL) w
    """,
    reads=("present",),
    materialized=True,
)

NUMBERED = Part(
    "numbered",
    doc="""Every present person with their number: new people get the next numbers of their
    workspace, in byte order of their ids (the same number on each of their rows), and
    ``new`` says which.""",
    sql="""
    SELECT p.workspace_id, p.type, p.bucket_at, p.actor, p.n, p.known IS NULL AS new,
           coalesce(p.known, t.top + CAST(dense_rank() OVER (
               PARTITION BY p.workspace_id, p.known IS NULL ORDER BY p.actor) AS integer))
           AS ordinal
    FROM present p
    LEFT JOIN tops t ON t.workspace_id = p.workspace_id
    """,
    reads=("present", "tops"),
    materialized=True,
)

NEW_ACTORS = Part(
    "new_actors",
    doc="Stores the new people's numbers in ``actor_ordinal``.",
    sql="""
    INSERT INTO actor_ordinal (workspace_id, actor_id, ordinal)
    SELECT DISTINCT workspace_id, actor, ordinal FROM numbered WHERE new
    """,
    reads=("numbered",),
)

PRESENCE = Part(
    "presence",
    doc="""Adds the present people to ``actor_presence``, per hour, type and page of
    numbers: into the page's bitmap (ORed with the bits there), and into its list of numbers,
    where a number stands twice for someone with two or more events that hour. Each page's
    bitmap is built from its sorted slots: '0' x gap before each '1', padded to a page.
    Listed before and again now means two events that hour; a third listing says nothing more,
    so each number is kept at most twice (a busy hour's list stays one or two entries per
    person, however many folds add to it).""",
    sql=f"""
    INSERT INTO actor_presence AS ap (workspace_id, type, bucket_at, page, bits, ordinals)
    SELECT workspace_id, type, bucket_at, page,
           CAST(CAST(string_agg(repeat('0', gap) || '1', '' ORDER BY slot) AS varbit)
                AS bit({PAGE_BITS})),
           array_cat(array_agg(ordinal), coalesce(array_agg(ordinal) FILTER (WHERE n >= 2),
                                                  '{{}}'))
    FROM (
        SELECT workspace_id, type, bucket_at, page, slot, n, ordinal,
               slot - 1 - coalesce(lag(slot) OVER (PARTITION BY workspace_id, type, bucket_at,
                                                   page ORDER BY slot), -1) AS gap
        FROM (
            SELECT workspace_id, type, bucket_at, n, ordinal,
                   ordinal / {PAGE_BITS} AS page, ordinal % {PAGE_BITS} AS slot
            FROM numbered
        ) o
    ) slots
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (workspace_id, type, bucket_at, page)
    DO UPDATE SET bits = ap.bits | excluded.bits,
                  ordinals = ARRAY(
                      SELECT x FROM (
                          SELECT x, row_number() OVER (PARTITION BY x) AS nth
                          FROM unnest(ap.ordinals || excluded.ordinals) AS x
                      ) listed
                      WHERE nth <= 2)
    """,
    reads=("numbered",),
)

# Every part, in the order the fold runs them.
PARTS = (
    PICKED,
    STORED,
    KEYED,
    HOURLY,
    BY_DIMENSION,
    ACTOR_ROWS,
    ACTORS,
    PRESENT,
    TOPS,
    NUMBERED,
    NEW_ACTORS,
    PRESENCE,
)

# How many events a fold moved.
FOLDED_COUNT = "SELECT count(*) FROM picked"

FOLD = compose(*PARTS, result=FOLDED_COUNT)
"""The fold of one chunk: every part, in one statement (parameters :months, :limit and
:actor_types); answers how many events it moved. PostgreSQL runs every part that writes
whether or not another part reads it."""


def with_inputs(*wanted: Part) -> tuple[Part, ...]:
    """``wanted`` and every part they read, directly or not, in the fold's order: what a
    statement of ``wanted`` alone needs (the parts' tests run such statements)."""
    by_name = {part.name: part for part in PARTS}
    needed: set[str] = set()
    stack = [part.name for part in wanted]
    while stack:
        name = stack.pop()
        if name not in needed:
            needed.add(name)
            stack.extend(by_name[name].reads)
    return tuple(part for part in PARTS if part.name in needed)


PENDING_MONTHS = """
SELECT array_agg(DISTINCT date_trunc('month', occurred_at, 'UTC'))
FROM (SELECT occurred_at FROM event_inbox WHERE received_at <= now() LIMIT :limit) p
"""
"""The UTC months of the next chunk's events (NULL when nothing is pending), so their
partitions exist before the fold inserts into them."""

ENSURE_PARTITIONS = "SELECT event_ensure_partitions(CAST(:months AS timestamptz[]))"
"""Creates the event table's partitions of :months that do not exist yet (the migration's
function). Creating one locks the parent table: done before the fold's writes, it never waits
holding row locks."""

HAS_PENDING = "SELECT EXISTS (SELECT 1 FROM event_inbox)"
"""Whether any event waits in the inbox (an empty table answers at once)."""

# Grouping a chunk's keys in memory: with the default 4 MB the hash of the per-dimension rows
# spills to disk (seen in EXPLAIN ANALYZE of a 20,000-event fold).
FOLD_WORK_MEM = "SELECT set_config('work_mem', '64MB', true)"
"""Gives this transaction's fold 64 MB to group a chunk's keys in."""
