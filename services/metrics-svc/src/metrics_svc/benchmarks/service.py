"""Benchmark accounts (对标): their entries, their daily snapshots, and the comparison of a
benchmark with one of the workspace's channels day by day."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError

from metrics_svc.benchmarks.exceptions import (
    BenchmarkExists,
    BenchmarkNotFound,
    SnapshotDateRepeated,
    SnapshotNotFound,
)
from metrics_svc.benchmarks.models import Benchmark, BenchmarkSnapshot
from metrics_svc.benchmarks.repository import BenchmarkRepository, SnapshotRepository
from metrics_svc.benchmarks.schemas import (
    BenchmarkCreate,
    BenchmarkUpdate,
    ComparedDay,
    ComparedNumbers,
    ComparisonRead,
    SnapshotBatchResult,
    SnapshotIn,
    SnapshotValues,
)
from metrics_svc.metrics.exceptions import EmptyWindow, WindowTooWide
from metrics_svc.metrics.repository import MetricsRepository, Window
from metrics_svc.vocabulary import EventType, Interval
from servicekit.versioning import check_if_match

# The longest comparison: a year of days (leap years included).
MAX_COMPARISON_DAYS = 366
_NUMBERS = tuple(ComparedNumbers.model_fields)
_OWN_TYPES = (
    EventType.PUBLISH,
    EventType.VIEW,
    EventType.LIKE,
    EventType.FOLLOW,
    EventType.UNFOLLOW,
)


async def create_benchmark(repo: BenchmarkRepository, data: BenchmarkCreate) -> Benchmark:
    existing = await repo.find(data.platform, data.handle)
    if existing is not None:
        raise BenchmarkExists(data.platform, data.handle, existing.id)
    try:
        async with repo.session.begin_nested():
            return await repo.add(Benchmark(**data.model_dump()))
    except IntegrityError as exc:  # the same account entered concurrently, and that one won
        raise await _exists(repo, data.platform, data.handle) from exc


async def _exists(repo: BenchmarkRepository, platform: str, handle: str) -> BenchmarkExists:
    winner = await repo.find(platform, handle)
    assert winner is not None  # the unique key was broken by a row that is there
    return BenchmarkExists(platform, handle, winner.id)


async def update_benchmark(
    repo: BenchmarkRepository, benchmark: Benchmark, data: BenchmarkUpdate, if_match: str | None
) -> Benchmark:
    locked = await repo.get_or_raise(benchmark.id, BenchmarkNotFound, lock=True)
    check_if_match(if_match, locked.version)
    # `null` means "unchanged" for every field (none of them can be emptied).
    changes = {k: v for k, v in data.model_dump(exclude_unset=True).items() if v is not None}
    platform = changes.get("platform", locked.platform)
    handle = changes.get("handle", locked.handle)
    if (platform, handle) != (locked.platform, locked.handle):
        existing = await repo.find(platform, handle)
        if existing is not None:
            raise BenchmarkExists(platform, handle, existing.id)
    try:
        async with repo.session.begin_nested():
            return await repo.update(locked, changes)
    except IntegrityError as exc:
        raise await _exists(repo, platform, handle) from exc


async def put_snapshot(
    repo: SnapshotRepository, benchmark: Benchmark, day: date, values: SnapshotValues
) -> BenchmarkSnapshot:
    """The day's numbers, created or replaced whole."""
    await repo.upsert(benchmark.id, [SnapshotIn(snapshot_date=day, **values.model_dump())])
    stored = await repo.get_day(benchmark.id, day)
    assert stored is not None  # just written in this transaction
    return await repo.reload(stored)


async def record_snapshots(
    repo: SnapshotRepository, benchmark: Benchmark, snapshots: Sequence[SnapshotIn]
) -> SnapshotBatchResult:
    """Every day of a batch, created or replaced; a day twice in the batch stores nothing."""
    first: dict[date, int] = {}
    for index, snapshot in enumerate(snapshots):
        seen = first.setdefault(snapshot.snapshot_date, index)
        if seen != index:
            raise SnapshotDateRepeated(snapshot.snapshot_date, seen, index)
    created, updated = await repo.upsert(benchmark.id, snapshots)
    return SnapshotBatchResult(received=len(snapshots), created=created, updated=updated)


async def delete_snapshot(repo: SnapshotRepository, benchmark: Benchmark, day: date) -> None:
    snapshot = await repo.get_day(benchmark.id, day)
    if snapshot is None:
        raise SnapshotNotFound(day)
    await repo.delete(snapshot)


def _gap(own: float | None, theirs: float | None) -> float | None:
    return None if own is None or theirs is None else own - theirs


def _ratio(own: float | None, theirs: float | None) -> float | None:
    return None if own is None or not theirs else own / theirs


def _theirs(
    snapshot: BenchmarkSnapshot | None, before: BenchmarkSnapshot | None
) -> dict[str, float | None]:
    if snapshot is None:
        return dict.fromkeys(_NUMBERS)
    growth = None
    if before is not None and snapshot.followers is not None and before.followers is not None:
        growth = float(snapshot.followers - before.followers)
    return {
        "followers": None if snapshot.followers is None else float(snapshot.followers),
        "follower_growth": growth,
        "posts": None if snapshot.posts is None else float(snapshot.posts),
        "avg_reads": snapshot.avg_reads,
        "likes": None if snapshot.likes is None else float(snapshot.likes),
    }


async def own_days(
    metrics: MetricsRepository, channel_id: str, days: Sequence[date], tz: ZoneInfo
) -> dict[date, dict[str, float | None]]:
    """The channel's own numbers per local day, from the hourly rollups (one scan of the
    window, and one of the follows before it for the running follower count)."""
    start = datetime.combine(days[0], time(), tz)
    end = datetime.combine(days[-1] + timedelta(days=1), time(), tz)
    w = Window(start, end, {"channel_id": channel_id}, Interval.DAY, tz.key, None)
    counts: dict[date, dict[str, float]] = defaultdict(dict)
    for bucket, _, type_, count, _ in await metrics.event_totals(w, list(_OWN_TYPES)):
        if bucket is not None:
            counts[bucket.date()][type_] = count
    followed_before = await metrics.net_before(w, EventType.FOLLOW, EventType.UNFOLLOW)
    followers = followed_before.get(None)  # None: no follow or unfollow seen before
    own: dict[date, dict[str, float | None]] = {}
    for day in days:
        c = counts.get(day, {})
        follows, unfollows = c.get(EventType.FOLLOW), c.get(EventType.UNFOLLOW)
        growth: float | None = None
        if followers is not None or follows is not None or unfollows is not None:
            growth = (follows or 0.0) - (unfollows or 0.0)
            followers = (followers or 0.0) + growth
        posts = c.get(EventType.PUBLISH, 0.0)
        views = c.get(EventType.VIEW, 0.0)
        own[day] = {
            "followers": followers,
            "follower_growth": growth,
            "posts": posts,
            "avg_reads": views / posts if posts else None,
            "likes": c.get(EventType.LIKE, 0.0),
        }
    return own


async def compare(
    snapshots: SnapshotRepository,
    metrics: MetricsRepository,
    benchmark: Benchmark,
    *,
    channel_id: str,
    first: date,
    end: date,
    tz: ZoneInfo,
) -> ComparisonRead:
    """The benchmark's snapshots and the channel's own numbers over the days [first, end)."""
    if end <= first:
        raise EmptyWindow(datetime.combine(first, time(), tz), datetime.combine(end, time(), tz))
    count = (end - first).days
    if count > MAX_COMPARISON_DAYS:
        raise WindowTooWide(
            f"The comparison covers {count} days; compare at most {MAX_COMPARISON_DAYS} at a time."
        )
    days = [first + timedelta(days=i) for i in range(count)]
    # The day before the first too: the first day's follower growth needs it.
    stored = await snapshots.between(benchmark.id, first - timedelta(days=1), end)
    by_day = {s.snapshot_date: s for s in stored}
    own = await own_days(metrics, channel_id, days, tz)
    compared = []
    for day in days:
        theirs = _theirs(by_day.get(day), by_day.get(day - timedelta(days=1)))
        ours = own[day]
        compared.append(
            ComparedDay(
                date=day,
                benchmark=ComparedNumbers(**theirs),
                own=ComparedNumbers(**ours),
                gap=ComparedNumbers(**{n: _gap(ours[n], theirs[n]) for n in _NUMBERS}),
                ratio=ComparedNumbers(**{n: _ratio(ours[n], theirs[n]) for n in _NUMBERS}),
            )
        )
    return ComparisonRead(
        benchmark_id=benchmark.id,
        channel_id=channel_id,
        tz=tz.key,
        from_=first,
        to=end,
        days=compared,
    )
