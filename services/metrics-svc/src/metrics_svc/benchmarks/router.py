from datetime import UTC, date, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Body, Header, Path, Query, Request, Response, status

from metrics_svc.benchmarks import service
from metrics_svc.benchmarks.csvfile import COLUMNS, MAX_CSV_BYTES, parse_snapshots
from metrics_svc.benchmarks.dependencies import BenchmarkDep, BenchmarkRepoDep, SnapshotRepoDep
from metrics_svc.benchmarks.exceptions import (
    BenchmarkExists,
    BenchmarkNotFound,
    SnapshotCsvInvalid,
    SnapshotCsvNotCsv,
    SnapshotCsvTooLarge,
    SnapshotCsvUnreadable,
    SnapshotDateRepeated,
    SnapshotNotFound,
)
from metrics_svc.benchmarks.schemas import (
    MAX_SNAPSHOTS,
    BenchmarkCreate,
    BenchmarkRead,
    BenchmarkUpdate,
    ComparisonRead,
    SnapshotBatchResult,
    SnapshotDay,
    SnapshotIn,
    SnapshotRead,
    SnapshotValues,
)
from metrics_svc.events.exceptions import NumbersCatchingUp
from metrics_svc.events.fold.dependencies import READ_FOLDED
from metrics_svc.metrics.exceptions import BadTimeZone, EmptyWindow, WindowTooWide
from metrics_svc.metrics.repository import MetricsRepository
from metrics_svc.metrics.schemas import DimensionId, zone
from metrics_svc.scopes import READ, WRITE
from metrics_svc.vocabulary import BenchmarkPlatform
from servicekit.apidoc import problems
from servicekit.pagination import Page, PageDep
from servicekit.timebounds import Day
from servicekit.unitofwork import UnitOfWorkDep
from servicekit.versioning import etag

router = APIRouter(prefix="/v1/benchmarks", tags=["benchmarks"])

SnapshotDate = Annotated[
    SnapshotDay,
    Path(description="The day the numbers are of (`2026-11-16`).", examples=["2026-11-16"]),
]
IfMatch = Annotated[
    str | None,
    Header(
        description='The `ETag` last read (`"3"`): the change applies only if the benchmark is '
        "still at that version, else 412. Without it the change applies whatever happened "
        "meanwhile."
    ),
]
_CSV_EXAMPLE = (
    "snapshot_date,followers,posts,avg_reads,likes\n"
    "2026-11-16,182000,2,8650.5,412\n"
    "2026-11-17,182350,1,,198\n"
)
_CSV_BODY = {
    "requestBody": {
        "required": True,
        "description": (
            "A CSV file, UTF-8 (a byte order mark is fine), header row first. Columns, any "
            f"order, only `snapshot_date` required: {', '.join(COLUMNS)}, the fields of a "
            "snapshot (an empty cell is null: not known). Whole numbers for followers, posts "
            f"and likes. At most {MAX_SNAPSHOTS:,} rows and {MAX_CSV_BYTES:,} bytes."
        ),
        "content": {"text/csv": {"schema": {"type": "string"}, "example": _CSV_EXAMPLE}},
    }
}


def _located(benchmark_id: object, response: Response, version: int) -> None:
    response.headers["ETag"] = etag(version)
    response.headers["Location"] = f"/v1/benchmarks/{benchmark_id}"


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    dependencies=WRITE,
    responses=problems(BenchmarkExists),
    response_description="The benchmark as created.",
)
async def create_benchmark(
    body: BenchmarkCreate, repo: BenchmarkRepoDep, response: Response
) -> BenchmarkRead:
    """Add a benchmark account (对标账号): another brand's account on a platform, to enter its
    public numbers for and to compare the workspace's own channels with.

    One per platform and handle: a second one is a 409 naming the first (`existing_id`). The
    answer carries its `ETag` and `Location`."""
    benchmark = await service.create_benchmark(repo, body)
    _located(benchmark.id, response, benchmark.version)
    return BenchmarkRead.model_validate(benchmark)


@router.get("", dependencies=READ, response_description="A page of benchmarks, oldest first.")
async def list_benchmarks(
    repo: BenchmarkRepoDep,
    page: PageDep,
    platform: Annotated[
        BenchmarkPlatform | None, Query(description="Only the benchmarks on this platform.")
    ] = None,
) -> Page[BenchmarkRead]:
    """The workspace's benchmark accounts, oldest first, a cursor page at a time."""
    rows, next_cursor = await repo.paginate(repo.list_benchmarks(platform), page)
    return Page(items=[BenchmarkRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.get(
    "/{benchmark_id}",
    dependencies=READ,
    responses=problems(BenchmarkNotFound),
    response_description="The benchmark.",
)
async def get_benchmark(benchmark: BenchmarkDep, response: Response) -> BenchmarkRead:
    """One benchmark account; its `ETag` is the version to send as `If-Match` when changing
    it."""
    response.headers["ETag"] = etag(benchmark.version)
    return BenchmarkRead.model_validate(benchmark)


@router.patch(
    "/{benchmark_id}",
    dependencies=WRITE,
    responses=problems(BenchmarkNotFound, BenchmarkExists),
    response_description="The benchmark as changed.",
)
async def update_benchmark(
    benchmark: BenchmarkDep,
    body: BenchmarkUpdate,
    repo: BenchmarkRepoDep,
    response: Response,
    if_match: IfMatch = None,
) -> BenchmarkRead:
    """Change a benchmark's platform, handle, name or notes; only the fields sent change.
    Moving it onto the platform and handle of another benchmark is a 409. Its snapshots stay
    with it."""
    benchmark = await service.update_benchmark(repo, benchmark, body, if_match)
    response.headers["ETag"] = etag(benchmark.version)
    return BenchmarkRead.model_validate(benchmark)


@router.delete(
    "/{benchmark_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=WRITE,
    responses=problems(BenchmarkNotFound),
    response_description="Deleted, with its snapshots; nothing in the body.",
)
async def delete_benchmark(benchmark: BenchmarkDep, repo: BenchmarkRepoDep) -> None:
    """Stop following a benchmark: it and all its snapshots are deleted."""
    await repo.delete(benchmark)


@router.get(
    "/{benchmark_id}/snapshots",
    dependencies=READ,
    responses=problems(BenchmarkNotFound),
    response_description="A page of the benchmark's snapshots, by day.",
)
async def list_snapshots(
    benchmark: BenchmarkDep,
    repo: SnapshotRepoDep,
    page: PageDep,
    from_: Annotated[
        Day | None,
        Query(alias="from", description="Only days on or after this date (`2026-11-01`)."),
    ] = None,
    to: Annotated[Day | None, Query(description="Only days before this date (exclusive).")] = None,
) -> Page[SnapshotRead]:
    """The benchmark's snapshots in day order, a cursor page at a time; `from`/`to` narrow
    them to a range of days."""
    rows, next_cursor = await repo.page_by_day(benchmark.id, from_, to, page)
    return Page(items=[SnapshotRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.post(
    "/{benchmark_id}/snapshots",
    dependencies=WRITE,
    responses=problems(BenchmarkNotFound, SnapshotDateRepeated),
    response_description="How many days were new and how many replaced.",
)
async def record_snapshots(
    benchmark: BenchmarkDep,
    repo: SnapshotRepoDep,
    body: Annotated[
        list[SnapshotIn],
        Body(
            min_length=1,
            max_length=MAX_SNAPSHOTS,
            description=f"1 to {MAX_SNAPSHOTS:,} snapshots, each day at most once.",
        ),
    ],
) -> SnapshotBatchResult:
    """Enter several days of a benchmark's numbers at once (a week read off a ranking site).

    Idempotent per day: a day entered before is replaced by the batch's numbers (a field left
    out or null becomes null), so sending a batch again changes nothing. All or nothing: one
    invalid item, or a day twice in the batch, is a 422 naming it, and nothing is stored."""
    return await service.record_snapshots(repo, benchmark, body)


@router.post(
    "/{benchmark_id}/snapshots/import",
    dependencies=WRITE,
    openapi_extra=_CSV_BODY,
    responses=problems(
        BenchmarkNotFound,
        SnapshotCsvNotCsv,
        SnapshotCsvTooLarge,
        SnapshotCsvUnreadable,
        SnapshotCsvInvalid,
    ),
    response_description="How many days were new and how many replaced.",
)
async def import_snapshots(
    benchmark: BenchmarkDep, repo: SnapshotRepoDep, request: Request
) -> SnapshotBatchResult:
    """Upload a benchmark's snapshots as a CSV file (`Content-Type: text/csv`, header row
    `snapshot_date,followers,posts,avg_reads,likes`, an empty cell for a number not known), as
    a spreadsheet exports them.

    All or nothing: every row is checked first, and any bad cell (not a number, negative, a
    date out of range or in the future, a day on two lines) is a 422 whose `errors` name each
    one as `["body", <line>, <column>]`; nothing is stored then. Idempotent per day like the
    JSON batch: a day entered before is replaced, so a corrected file is simply sent again."""
    content_type = request.headers.get("content-type")
    if (content_type or "").split(";")[0].strip().lower() != "text/csv":
        raise SnapshotCsvNotCsv(content_type)
    rows = parse_snapshots(await request.body())
    return await service.record_snapshots(repo, benchmark, [snapshot for _, snapshot in rows])


@router.put(
    "/{benchmark_id}/snapshots/{snapshot_date}",
    dependencies=WRITE,
    responses=problems(BenchmarkNotFound),
    response_description="The day's numbers as stored.",
)
async def put_snapshot(
    benchmark: BenchmarkDep,
    snapshot_date: SnapshotDate,
    body: SnapshotValues,
    repo: SnapshotRepoDep,
) -> SnapshotRead:
    """Enter a benchmark's numbers for one day, creating the day or replacing it whole (a
    field left out or null becomes null: not known). Idempotent: the same request again
    changes nothing."""
    stored = await service.put_snapshot(repo, benchmark, snapshot_date, body)
    return SnapshotRead.model_validate(stored)


@router.delete(
    "/{benchmark_id}/snapshots/{snapshot_date}",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=WRITE,
    responses=problems(BenchmarkNotFound, SnapshotNotFound),
    response_description="Deleted; nothing in the body.",
)
async def delete_snapshot(
    benchmark: BenchmarkDep, snapshot_date: SnapshotDate, repo: SnapshotRepoDep
) -> None:
    """Remove one day's snapshot (entered by mistake); the comparison then shows that day's
    benchmark numbers as null."""
    await service.delete_snapshot(repo, benchmark, snapshot_date)


@router.get(
    "/{benchmark_id}/comparison",
    dependencies=READ_FOLDED,
    responses=problems(
        BenchmarkNotFound, BadTimeZone, EmptyWindow, WindowTooWide, NumbersCatchingUp
    ),
    response_description="The days, each with both sides, their gap and their ratio.",
)
async def compare_benchmark(
    benchmark: BenchmarkDep,
    snapshots: SnapshotRepoDep,
    uow: UnitOfWorkDep,
    channel_id: Annotated[
        DimensionId,
        Query(
            description="The workspace's channel to compare (a content-svc channel id, as its "
            "events carry it)."
        ),
    ],
    from_: Annotated[
        Day | None,
        Query(alias="from", description="The first day (a date); default 30 days before `to`."),
    ] = None,
    to: Annotated[
        Day | None,
        Query(description="The day after the last (exclusive); default tomorrow in `tz`."),
    ] = None,
    tz: Annotated[
        str,
        Query(
            max_length=64,
            description="The IANA time zone the channel's days are cut in (its own zone).",
            examples=["Asia/Shanghai"],
        ),
    ] = "UTC",
) -> ComparisonRead:
    """The benchmark's snapshots next to one of the workspace's channels, day by day over the
    same days [`from`, `to`): followers, follower growth, posts, average reads per post and
    likes on each side, the gap (own - benchmark) and the ratio (own ÷ benchmark).

    The benchmark's side is its snapshot of the day (null without one). The channel's side
    comes from metrics-svc's own events of the channel (`publish`, `view`, `like`, `follow`,
    `unfollow`), counting every event acknowledged before the call; its followers are a
    running count from MediaOps' first follow event of the channel on (null before one).
    At most 366 days."""
    zoneinfo = zone(tz)
    end = to or datetime.now(UTC).astimezone(zoneinfo).date() + timedelta(days=1)
    first: date = from_ or end - timedelta(days=30)
    return await service.compare(
        snapshots,
        uow.repo(MetricsRepository),
        benchmark,
        channel_id=channel_id,
        first=first,
        end=end,
        tz=zoneinfo,
    )
