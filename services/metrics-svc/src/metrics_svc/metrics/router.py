from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Path, Query

from metrics_svc.events.exceptions import NumbersCatchingUp
from metrics_svc.events.fold.dependencies import READ_FOLDED
from metrics_svc.metrics import service
from metrics_svc.metrics.catalogue import METRICS
from metrics_svc.metrics.dependencies import MetricFiltersDep
from metrics_svc.metrics.exceptions import (
    BadInstant,
    BadTimeZone,
    EmptyWindow,
    GroupingNotAvailable,
    InstantOutOfRange,
    MetricNotFound,
    WindowTooWide,
)
from metrics_svc.metrics.repository import MetricsRepository
from metrics_svc.metrics.schemas import (
    MetricRead,
    ProgressRead,
    SeriesRead,
    parse_instant,
    zone,
)
from metrics_svc.scopes import READ
from metrics_svc.vocabulary import GroupBy, Interval
from servicekit.apidoc import problems
from servicekit.unitofwork import UnitOfWorkDep

router = APIRouter(prefix="/v1/metrics", tags=["metrics"])

MetricName = Annotated[
    str,
    Path(
        description="A metric of the catalogue (`GET /v1/metrics`): `ctr`, `gmv`, "
        "`purchase_conversion_rate`, …",
        examples=["ctr"],
    ),
]
TimeZone = Annotated[
    str,
    Query(
        max_length=64,
        description="The IANA time zone that dates in `from`/`to` and the days, weeks and "
        "months of the answer are read in (a channel's or the workspace's zone).",
        examples=["Asia/Shanghai"],
    ),
]


@router.get("", dependencies=READ, response_description="Every metric of the catalogue.")
async def list_metrics() -> list[MetricRead]:
    """The metric catalogue: every metric a series, a target or a goal can ask for, with its
    formula over events, its unit and its Chinese name (CTR 点击率, traffic conversion rate
    引流转换率, activity rate 活跃度, purchase conversion rate 成交转化率, repurchase rate 复购率,
    fission rate 裂变倍增率, replication success rate 复制成功率, GMV 成交总额, …). The same for
    every workspace."""
    return [
        MetricRead(
            name=m.name,
            zh_name=m.zh_name,
            formula=m.formula,
            unit=m.unit,
            description=m.description,
        )
        for m in METRICS
    ]


@router.get(
    "/{name}",
    dependencies=READ_FOLDED,
    response_description="The series, one point per interval, and the window's total.",
    responses=problems(
        MetricNotFound,
        BadTimeZone,
        BadInstant,
        InstantOutOfRange,
        EmptyWindow,
        WindowTooWide,
        GroupingNotAvailable,
        NumbersCatchingUp,
    ),
)
async def get_metric_series(
    name: MetricName,
    uow: UnitOfWorkDep,
    filters: MetricFiltersDep,
    from_: Annotated[
        str | None,
        Query(
            alias="from",
            description="Start (inclusive): a date (local midnight in `tz`) or an RFC 3339 "
            "time; default 30 days before `to`.",
            examples=["2026-11-16"],
        ),
    ] = None,
    to: Annotated[
        str | None,
        Query(description="End (exclusive), as `from`; default now.", examples=["2026-11-30"]),
    ] = None,
    interval: Annotated[
        Interval, Query(description="The length of each point: local day, ISO week or month.")
    ] = Interval.DAY,
    tz: TimeZone = "UTC",
    group_by: Annotated[
        GroupBy | None,
        Query(
            description="Split into one series per channel, post, publication, campaign or "
            "group; `template_id` (the SOP template a group was started from) for "
            "`replication_success_rate`."
        ),
    ] = None,
) -> SeriesRead:
    """A metric over time, for a chart: one point per local day, week (from Monday) or month
    of `tz` in [`from`, `to`), and the total over the whole window; with `group_by`, one
    series per channel, post, publication, campaign or group (and, for
    `replication_success_rate`, per SOP template: `group_by=template_id`). Filter by any of
    them with `channel_id`, `post_id`, `publication_id`, `campaign_id`, `group_id`.

    Counts every event acknowledged before the call; answered from hourly rollups, so a
    year of days is as quick as a week. At most 1,000 points per series."""
    metric = service.get_metric(name)
    zoneinfo = zone(tz)
    end = parse_instant(to, zoneinfo, "to") if to else datetime.now(UTC)
    start = parse_instant(from_, zoneinfo, "from") if from_ else end - timedelta(days=30)
    return await service.metric_series(
        uow.repo(MetricsRepository),
        metric,
        start=start,
        end=end,
        interval=interval,
        tz=zoneinfo,
        filters=filters,
        group_by=group_by,
    )


@router.get(
    "/{name}/progress",
    dependencies=READ_FOLDED,
    response_description="Where reaching the target stands now.",
    responses=problems(
        MetricNotFound, BadTimeZone, BadInstant, InstantOutOfRange, EmptyWindow, NumbersCatchingUp
    ),
)
async def get_metric_progress(
    name: MetricName,
    uow: UnitOfWorkDep,
    filters: MetricFiltersDep,
    from_: Annotated[
        str,
        Query(
            alias="from",
            description="The period's start: a date (local midnight in `tz`) or an RFC 3339 time.",
            examples=["2026-11-01T00:00:00Z"],
        ),
    ],
    to: Annotated[
        str,
        Query(description="The period's end (exclusive), as `from`.", examples=["2027-01-01"]),
    ],
    target: Annotated[
        float,
        Query(
            gt=0,
            allow_inf_nan=False,
            description="The value to reach, in the metric's unit.",
            examples=[2000000],
        ),
    ],
    tz: TimeZone = "UTC",
) -> ProgressRead:
    """A live goal without storing a target: the metric over [`from`, `to`) so far against
    `target`, with the targets' status rule (achieved, missed, on_track, at_risk).
    campaign-svc's and community-svc's goals show their progress from this."""
    metric = service.get_metric(name)
    zoneinfo = zone(tz)
    return await service.metric_progress(
        uow.repo(MetricsRepository),
        metric,
        start=parse_instant(from_, zoneinfo, "from"),
        end=parse_instant(to, zoneinfo, "to"),
        target=target,
        filters=filters,
        now=datetime.now(UTC),
    )
