"""Aggregates of the hourly rollups (never raw events), bucketed by local interval."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_svc.events.models import PER_DIMENSION
from metrics_svc.vocabulary import CONVERTING_STAGE, Dimension, EventType, Interval
from servicekit.db import JIT_OFF, PLAN_WITH_VALUES


@dataclass(frozen=True, slots=True)
class Window:
    start: datetime
    end: datetime
    filters: dict[str, str]
    interval: Interval | None  # None: one bucket for the whole window
    tz: str
    group_by: Dimension | None
    # Split by the SOP template of the runs (only the replications read it; group_by is None).
    by_template: bool = False


def _shape(w: Window, *, counts: bool = False) -> tuple[str, str, str, str, dict[str, object]]:
    """(table, bucket expression, group expression, extra WHERE, parameters).

    Identifiers come from closed vocabularies (never from the request text); values are bound.
    Counts over no dimension or a single one of ``PER_DIMENSION`` (as filter and/or group_by)
    read the per-dimension rollup; post_id, publication_id and combinations read the full one.
    """
    bucket = (
        f"date_trunc('{w.interval}', bucket_at AT TIME ZONE :tz)"
        if w.interval
        else "NULL::timestamp"
    )
    params: dict[str, object] = {"start": w.start, "end": w.end, "tz": w.tz}
    dims = set(w.filters) | ({w.group_by} if w.group_by else set())
    assert dims <= set(Dimension)
    # Per-post and per-publication counts are not in the per-dimension rollup (a row per event
    # there for typical traffic); `event_hourly` has an index by each for them.
    if counts and len(dims) <= 1 and dims <= set(PER_DIMENSION):
        params["dimension"] = next(iter(dims), "")
        where = " AND dimension = :dimension"
        if not dims:
            where += " AND dimension_value = ''"
        elif w.filters:
            where += " AND dimension_value = :dimension_value"
            params["dimension_value"] = next(iter(w.filters.values()))
        group = "dimension_value" if w.group_by else "NULL::text"
        return "event_hourly_dim", bucket, group, where, params
    where = ""
    for dim, value in w.filters.items():
        where += f" AND {dim} = :f_{dim}"
        params[f"f_{dim}"] = value
    group = w.group_by if w.group_by else "NULL::text"
    return "event_hourly" if counts else "actor_hourly", bucket, group, where, params


async def tune_for_analytics(session: AsyncSession) -> None:
    """Settings for the rest of this transaction's aggregations (one round trip).

    JIT off: aggregations over many rows have high plan costs, which makes PostgreSQL
    JIT-compile them; measured over 1M events that compilation took ~2.5 s of a 1.5 s retention
    query (3x slower than without). These queries are short; interpreting them is faster.

    work_mem 64MB: distinct-actor metrics group tens of thousands of actors; with the default
    4MB the hash spills and PostgreSQL falls back to an external sort (measured 2x slower on
    200k events).

    Each statement planned with its parameters' values (``servicekit.db.plan_with_values``):
    from its sixth execution on a connection PostgreSQL kept the funnel's generic plan, whose
    row estimates (a handful per step) walked an index once per actor of the step before, 30-34
    s a call over 1M events against 0.3-0.5 s (bench/RESULTS.md, "the sixth call"). Planning
    each time costs ~2 ms; these queries read hundreds of thousands of rows.

    Scoped to the transaction, so only these reads get any of it."""
    await session.execute(
        text(f"SELECT {JIT_OFF}, set_config('work_mem', '64MB', true), {PLAN_WITH_VALUES}")
    )


class MetricsRepository:
    def __init__(self, session: AsyncSession, workspace_id: str) -> None:
        self.session = session
        self.workspace_id = workspace_id

    async def event_totals(
        self, w: Window, types: Sequence[str]
    ) -> list[tuple[datetime | None, str | None, str, float, float]]:
        """(local bucket, group, type, count, sum(value)) for each non-empty combination."""
        table, bucket, group, where, params = _shape(w, counts=True)
        sql = f"""
            SELECT {bucket} AS b, {group} AS g, type,
                   sum(event_count)::float8, sum(value_sum)::float8
            FROM {table}
            WHERE workspace_id = :ws AND type = ANY(:types)
              AND bucket_at >= :start AND bucket_at < :end {where}
            GROUP BY 1, 2, 3
        """
        params |= {"ws": self.workspace_id, "types": list(types)}
        await tune_for_analytics(self.session)
        rows = await self.session.execute(text(sql), params)
        return [(r[0], r[1], r[2], float(r[3]), float(r[4])) for r in rows]

    async def actor_totals(
        self, w: Window, types: Sequence[str]
    ) -> list[tuple[datetime | None, str | None, str, float, float]]:
        """(local bucket, group, type, distinct actors, actors with ≥ 2 events).

        With an interval, also rows with bucket ``None`` for the whole window, from the same
        scan: distinct counts are not additive, so the window's are counted again over each
        actor's per-bucket sums (fewer rows than the rollup; one scan instead of two)."""
        _, bucket, group, where, params = _shape(w)
        window_total = """
            UNION ALL
            SELECT NULL, g, type, count(*)::float8, (count(*) FILTER (WHERE n >= 2))::float8
            FROM (SELECT g, type, actor, sum(n) AS n FROM per_actor GROUP BY 1, 2, 3) w
            GROUP BY 2, 3
        """
        sql = f"""
            WITH per_actor AS MATERIALIZED (
                SELECT {bucket} AS b, {group} AS g, type, actor_id COLLATE "C" AS actor,
                       sum(event_count) AS n
                FROM actor_hourly
                WHERE workspace_id = :ws AND type = ANY(:types)
                  AND bucket_at >= :start AND bucket_at < :end {where}
                GROUP BY 1, 2, 3, 4
            )
            SELECT b, g, type, count(*)::float8, (count(*) FILTER (WHERE n >= 2))::float8
            FROM per_actor
            GROUP BY 1, 2, 3
            {window_total if w.interval else ""}
        """
        params |= {"ws": self.workspace_id, "types": list(types)}
        await tune_for_analytics(self.session)
        rows = await self.session.execute(text(sql), params)
        return [(r[0], r[1], r[2], float(r[3]), float(r[4])) for r in rows]

    async def present_actors(
        self, w: Window, types: Sequence[str]
    ) -> list[tuple[datetime | None, str, float]]:
        """(local bucket, type, distinct actors) over the whole workspace, from the presence
        bitmaps: per bucket, the bits set in the OR of its hours' pages, summed over pages.
        With an interval, also bucket ``None`` for the whole window (the OR of the buckets'
        ORs, from the same scan)."""
        _, bucket, _, _, params = _shape(w)
        window_total = """
            UNION ALL
            SELECT NULL, type, sum(bit_count(bits))::float8
            FROM (SELECT type, page, bit_or(bits) AS bits FROM per_bucket GROUP BY 1, 2) w
            GROUP BY 2
        """
        sql = f"""
            WITH per_bucket AS MATERIALIZED (
                SELECT {bucket} AS b, type, page, bit_or(bits) AS bits
                FROM actor_presence
                WHERE workspace_id = :ws AND type = ANY(:types)
                  AND bucket_at >= :start AND bucket_at < :end
                GROUP BY 1, 2, 3
            )
            SELECT b, type, sum(bit_count(bits))::float8 FROM per_bucket GROUP BY 1, 2
            {window_total if w.interval else ""}
        """
        params |= {"ws": self.workspace_id, "types": list(types)}
        await tune_for_analytics(self.session)
        rows = await self.session.execute(text(sql), params)
        return [(r[0], r[1], float(r[2])) for r in rows]

    async def repeat_actors(
        self, w: Window, types: Sequence[str]
    ) -> list[tuple[datetime | None, str, float, float]]:
        """(local bucket, type, distinct actors, actors with ≥ 2 events) over the whole
        workspace, from the presence lists (an actor listed twice in an hour had two or more
        events in it). With an interval, also bucket ``None`` for the whole window.

        Counted here rather than in SQL: the lists arrive as arrays (one row per page-hour,
        decoded in C by the driver) and ``Counter`` counts them in C too, where grouping by
        actor in PostgreSQL costs about a microsecond a row (measured: a month of purchases
        over 1M events, 45-65 ms in SQL against under 10 ms here)."""
        _, bucket, _, _, params = _shape(w)
        sql = f"""
            SELECT {bucket} AS b, type, ordinals
            FROM actor_presence
            WHERE workspace_id = :ws AND type = ANY(:types)
              AND bucket_at >= :start AND bucket_at < :end
        """
        params |= {"ws": self.workspace_id, "types": list(types)}
        per_bucket: dict[tuple[datetime | None, str], Counter[int]] = defaultdict(Counter)
        for b, type_, ordinals in await self.session.execute(text(sql), params):
            per_bucket[(b, type_)].update(ordinals)
        if w.interval:
            for (_, type_), counts in list(per_bucket.items()):
                per_bucket[(None, type_)].update(counts)
        return [
            (b, type_, float(len(counts)), float(sum(1 for n in counts.values() if n >= 2)))
            for (b, type_), counts in per_bucket.items()
        ]

    async def members_before(self, w: Window) -> dict[str | None, float]:
        """join_group - leave_group before the window starts, per group_by value."""
        return await self.net_before(w, EventType.JOIN_GROUP, EventType.LEAVE_GROUP)

    async def net_before(
        self, w: Window, plus: EventType, minus: EventType
    ) -> dict[str | None, float]:
        """count(plus) - count(minus) before the window starts, per group_by value: the
        running total a window starts from (members, followers). A group_by value with no such
        event before the window has no entry."""
        table, _, group, where, params = _shape(w, counts=True)
        sql = f"""
            SELECT {group} AS g,
                   sum(CASE WHEN type = :plus THEN event_count ELSE -event_count END)::float8
            FROM {table}
            WHERE workspace_id = :ws AND type IN (:plus, :minus)
              AND bucket_at < :start {where}
            GROUP BY 1
        """
        params |= {"ws": self.workspace_id, "plus": plus, "minus": minus}
        rows = await self.session.execute(text(sql), params)
        return {r[0]: float(r[1]) for r in rows}

    async def replications(
        self, w: Window
    ) -> list[tuple[datetime | None, str | None, float, float]]:
        """(local bucket, group, replications, succeeded): the (SOP template, group) pairs whose
        first ``sop_run_start`` in the window falls in the bucket, and how many of them had a
        ``goal_reached`` or a ``group_stage`` to converting of the group at or after that start
        and before the window's end. Filters and ``group_by`` apply to the start events; with
        ``by_template`` the group is the template (``''`` for a start that names none). With an
        interval, also bucket ``None`` for the whole window (a pair is in exactly one bucket,
        so the window's counts are the buckets' sums).

        From raw events, unlike the other aggregates: whether a group succeeded depends on what
        happened after its start, which no hourly count keeps. These are a few events per group
        (a run start, a handful of stage moves and goals), found through the event table's
        (workspace, type, occurred_at) index in the window's partitions only."""
        bucket = (
            f"date_trunc('{w.interval}', started_at AT TIME ZONE :tz)"
            if w.interval
            else "NULL::timestamp"
        )
        if w.by_template:
            group = "coalesce(props->>'template_id', '')"
        elif w.group_by is not None:
            assert w.group_by in set(Dimension)  # an identifier from a closed set
            group = f"coalesce({w.group_by}, '')"
        else:
            group = "NULL::text"
        params: dict[str, object] = {
            "ws": self.workspace_id,
            "start": w.start,
            "end": w.end,
            "tz": w.tz,
            "started": EventType.SOP_RUN_START,
            "goal": EventType.GOAL_REACHED,
            "stage": EventType.GROUP_STAGE,
            "converting": CONVERTING_STAGE,
        }
        where = ""
        for dim, value in w.filters.items():
            assert dim in set(Dimension)
            where += f" AND {dim} = :f_{dim}"
            params[f"f_{dim}"] = value
        window_total = """
            UNION ALL
            SELECT NULL, g, count(*)::float8, (count(*) FILTER (WHERE succeeded))::float8
            FROM pairs GROUP BY 2
        """
        sql = f"""
            WITH started AS (
                SELECT group_id, coalesce(props->>'template_id', '') AS template_id,
                       {group} AS g, min(occurred_at) AS started_at
                FROM event
                WHERE workspace_id = :ws AND type = :started AND group_id IS NOT NULL
                  AND occurred_at >= :start AND occurred_at < :end {where}
                GROUP BY 1, 2, 3
            ), reached AS (
                -- The last success of each group in the window: a pair succeeded when it is at
                -- or after the pair's start (which is in the window too).
                SELECT group_id, max(occurred_at) AS reached_at
                FROM event
                WHERE workspace_id = :ws AND type IN (:goal, :stage)
                  AND occurred_at >= :start AND occurred_at < :end
                  AND group_id IN (SELECT group_id FROM started)
                  AND (type = :goal OR props->>'stage' = :converting)
                GROUP BY 1
            ), pairs AS MATERIALIZED (
                SELECT {bucket} AS b, s.g, r.reached_at >= s.started_at AS succeeded
                FROM started s LEFT JOIN reached r USING (group_id)
            )
            SELECT b, g, count(*)::float8, (count(*) FILTER (WHERE succeeded))::float8
            FROM pairs GROUP BY 1, 2
            {window_total if w.interval else ""}
        """
        await tune_for_analytics(self.session)
        rows = await self.session.execute(text(sql), params)
        return [(r[0], r[1], float(r[2]), float(r[3])) for r in rows]
