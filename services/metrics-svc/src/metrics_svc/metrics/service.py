"""Series and single values of catalogue metrics, computed from the hourly rollups."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from metrics_svc.metrics.catalogue import (
    MEMBERS,
    METRICS_BY_NAME,
    REPLICATED,
    REPLICATIONS,
    Metric,
    count_of,
)
from metrics_svc.metrics.exceptions import (
    EmptyWindow,
    GroupingNotAvailable,
    MetricNotFound,
    WindowTooWide,
)
from metrics_svc.metrics.goals import goal_status
from metrics_svc.metrics.repository import MetricsRepository, Window
from metrics_svc.metrics.schemas import ProgressRead, Series, SeriesPoint, SeriesRead
from metrics_svc.vocabulary import EventType, GroupBy, Interval, TargetStatus

MAX_POINTS = 1000
Key = tuple[datetime | None, str | None]


def get_metric(name: str) -> Metric:
    metric = METRICS_BY_NAME.get(name)
    if metric is None:
        raise MetricNotFound(name, list(METRICS_BY_NAME))
    return metric


def _truncate(local: datetime, interval: Interval) -> datetime:
    day = local.replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None)
    if interval == Interval.WEEK:
        return day - timedelta(days=day.weekday())
    if interval == Interval.MONTH:
        return day.replace(day=1)
    return day


def _next(bucket: datetime, interval: Interval) -> datetime:
    if interval == Interval.MONTH:
        year, month = divmod(bucket.month, 12)
        return bucket.replace(year=bucket.year + year, month=month + 1)
    return bucket + timedelta(days=7 if interval == Interval.WEEK else 1)


def local_buckets(
    start: datetime, end: datetime, interval: Interval, tz: ZoneInfo
) -> list[datetime]:
    """Local (naive) starts of every interval that overlaps [start, end)."""
    buckets: list[datetime] = []
    bucket = _truncate(start.astimezone(tz), interval)
    last = end.astimezone(tz).replace(tzinfo=None)
    while bucket < last:
        buckets.append(bucket)
        if len(buckets) > MAX_POINTS:
            raise WindowTooWide(
                f"The window holds more than {MAX_POINTS} {interval}s; "
                "narrow it or use a longer interval."
            )
        bucket = _next(bucket, interval)
    return buckets


async def aggregates(
    repo: MetricsRepository, metric: Metric, w: Window
) -> tuple[dict[Key, dict[str, float]], dict[str | None, float]]:
    """``{(local bucket, group): {aggregate: value}}`` for what ``metric`` needs, and the
    member count per group before the window (empty unless the metric needs members).

    Keys with bucket ``None`` hold the whole window; with an interval both come from the same
    scans (the rollups are read once per series, not once for the points and again for the
    total)."""
    needs = set(metric.needs)
    event_types = {n.split(":", 1)[1] for n in needs if n.startswith(("count:", "sum:"))}
    actor_types = {n.split(":", 1)[1] for n in needs if n.startswith(("actors:", "repeat:"))}
    if MEMBERS in needs:
        event_types |= {EventType.JOIN_GROUP, EventType.LEAVE_GROUP}
    result: dict[Key, dict[str, float]] = defaultdict(dict)
    if event_types:
        for bucket, group, type_, count, total in await repo.event_totals(w, sorted(event_types)):
            result[(bucket, group)][f"count:{type_}"] = count
            result[(bucket, group)][f"sum:{type_}"] = total
            if bucket is not None:
                # Counts and sums add up: the window's are the sum of its buckets' (which
                # partition it), so the rollup is not read a second time for them.
                window = result[(None, group)]
                window[f"count:{type_}"] = window.get(f"count:{type_}", 0.0) + count
                window[f"sum:{type_}"] = window.get(f"sum:{type_}", 0.0) + total
    # Over the whole workspace, distinct actors come from the presence bitmaps and actors
    # with two or more events from the presence lists; with filters or a group_by, both
    # from the per-actor rows.
    if actor_types and not w.filters and w.group_by is None:
        repeat_types = {n.split(":", 1)[1] for n in needs if n.startswith("repeat:")}
        if repeat_types:
            for bucket, type_, actors, repeat in await repo.repeat_actors(w, sorted(repeat_types)):
                result[(bucket, None)][f"actors:{type_}"] = actors
                result[(bucket, None)][f"repeat:{type_}"] = repeat
        if present_types := actor_types - repeat_types:
            for bucket, type_, actors in await repo.present_actors(w, sorted(present_types)):
                result[(bucket, None)][f"actors:{type_}"] = actors
    elif actor_types:
        for bucket, group, type_, actors, repeat in await repo.actor_totals(w, sorted(actor_types)):
            result[(bucket, group)][f"actors:{type_}"] = actors
            result[(bucket, group)][f"repeat:{type_}"] = repeat
    if REPLICATIONS in needs:
        for bucket, group, started, succeeded in await repo.replications(w):
            result[(bucket, group)][REPLICATIONS] = started
            result[(bucket, group)][REPLICATED] = succeeded
    before: dict[str | None, float] = {}
    if MEMBERS in needs:
        # Members are a running total from the beginning of history, per group.
        before = await repo.members_before(w)
        running = dict(before)
        for key in sorted((k for k in result if k[0] is not None), key=_order):
            aggs = result[key]
            group = key[1]
            running[group] = _members(running.get(group, 0.0), aggs)
            aggs[MEMBERS] = running[group]
        for group in {k[1] for k in result if k[0] is None} | set(before):
            aggs = result[(None, group)]
            aggs[MEMBERS] = _members(before.get(group, 0.0), aggs)
    return result, before


_JOINED, _LEFT = count_of(EventType.JOIN_GROUP), count_of(EventType.LEAVE_GROUP)


def _members(start: float, aggs: dict[str, float]) -> float:
    return start + aggs.get(_JOINED, 0.0) - aggs.get(_LEFT, 0.0)


def _order(key: Key) -> tuple[str, datetime]:
    return (key[1] or "", key[0] or datetime.min)


async def metric_value(
    repo: MetricsRepository, metric: Metric, start: datetime, end: datetime, filters: dict[str, str]
) -> float | None:
    """The metric over one window (targets use this)."""
    w = Window(start, end, filters, None, "UTC", None)
    aggs = (await aggregates(repo, metric, w))[0].get((None, None), {})
    return metric.compute(aggs)


@dataclass(frozen=True, slots=True)
class GoalProgress:
    actual: float | None
    expected: float
    status: TargetStatus

    def progress(self, target: float) -> float | None:
        return None if self.actual is None else self.actual / target


async def goal_progress(
    repo: MetricsRepository,
    metric: Metric,
    *,
    start: datetime,
    end: datetime,
    target: float,
    filters: dict[str, str],
    now: datetime,
) -> GoalProgress:
    """Where reaching ``target`` of ``metric`` within [start, end) stands at ``now`` (targets
    and live progress): actual from ``start`` to now or ``end``, whichever is first (None
    before the period starts), and the goal rule's expected value and status."""
    until = min(now, end)
    actual = await metric_value(repo, metric, start, until, filters) if until > start else None
    expected, status = goal_status(start, end, target, actual, metric.additive, now)
    return GoalProgress(actual, expected, status)


async def metric_progress(
    repo: MetricsRepository,
    metric: Metric,
    *,
    start: datetime,
    end: datetime,
    target: float,
    filters: dict[str, str],
    now: datetime,
) -> ProgressRead:
    if end <= start:
        raise EmptyWindow(start, end)
    goal = await goal_progress(
        repo, metric, start=start, end=end, target=target, filters=filters, now=now
    )
    return ProgressRead(
        metric=metric.name,
        from_=start,
        to=end,
        actual=goal.actual,
        target=target,
        progress=goal.progress(target),
        status=goal.status,
    )


async def metric_series(
    repo: MetricsRepository,
    metric: Metric,
    *,
    start: datetime,
    end: datetime,
    interval: Interval,
    tz: ZoneInfo,
    filters: dict[str, str],
    group_by: GroupBy | None,
) -> SeriesRead:
    if end <= start:
        raise EmptyWindow(start, end)
    if group_by is GroupBy.TEMPLATE_ID and not metric.per_template:
        raise GroupingNotAvailable(
            metric.name, group_by, [m.name for m in METRICS_BY_NAME.values() if m.per_template]
        )
    buckets = local_buckets(start, end, interval, tz)
    window = Window(
        start,
        end,
        filters,
        interval,
        tz.key,
        group_by.dimension if group_by is not None else None,
        by_template=group_by is GroupBy.TEMPLATE_ID,
    )
    result, baseline = await aggregates(repo, metric, window)
    per_bucket = {key: aggs for key, aggs in result.items() if key[0] is not None}
    totals = {key: aggs for key, aggs in result.items() if key[0] is None}
    groups = sorted({g for _, g in result}, key=lambda g: g or "")
    if group_by is None:
        groups = [None]
    if MEMBERS in metric.needs:
        # A bucket with no join/leave events still has the running member count of the
        # bucket before it.
        for group in groups:
            members = baseline.get(group, 0.0)
            for bucket in buckets:
                aggs = per_bucket.get((bucket, group))
                if aggs is not None and MEMBERS in aggs:
                    members = aggs[MEMBERS]
                else:
                    per_bucket.setdefault((bucket, group), {})[MEMBERS] = members
    series = [
        Series(
            group=group,
            total=metric.compute(totals.get((None, group), {})),
            points=[
                SeriesPoint(
                    start=bucket.replace(tzinfo=tz),
                    value=metric.compute(per_bucket.get((bucket, group), {})),
                )
                for bucket in buckets
            ],
        )
        for group in groups
    ]
    return SeriesRead(
        metric=metric.name,
        unit=metric.unit,
        interval=interval,
        tz=tz.key,
        window_start=start,
        window_end=end,
        filters=filters,
        group_by=group_by,
        series=series,
    )
