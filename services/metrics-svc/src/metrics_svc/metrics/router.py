from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Query

from metrics_svc.events.fold.dependencies import READ_FOLDED
from metrics_svc.metrics import service
from metrics_svc.metrics.catalogue import METRICS
from metrics_svc.metrics.dependencies import MetricFiltersDep
from metrics_svc.metrics.repository import MetricsRepository
from metrics_svc.metrics.schemas import (
    MetricRead,
    ProgressRead,
    SeriesRead,
    parse_instant,
    zone,
)
from metrics_svc.scopes import READ
from metrics_svc.vocabulary import Dimension, Interval
from servicekit.unitofwork import UnitOfWorkDep

router = APIRouter(prefix="/v1/metrics", tags=["metrics"])


@router.get("", dependencies=READ)
async def list_metrics() -> list[MetricRead]:
    """The catalogue: each metric's formula, unit and Chinese name."""
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


@router.get("/{name}", dependencies=READ_FOLDED)
async def get_metric_series(
    name: str,
    uow: UnitOfWorkDep,
    filters: MetricFiltersDep,
    from_: Annotated[
        str | None,
        Query(
            alias="from",
            description="Date (local midnight in tz) or RFC 3339 time; "
            "default 30 days before `to`.",
        ),
    ] = None,
    to: Annotated[str | None, Query(description="Exclusive end; default now.")] = None,
    interval: Interval = Interval.DAY,
    tz: Annotated[str, Query(max_length=64)] = "UTC",
    group_by: Dimension | None = None,
) -> SeriesRead:
    """One point per local day, week (Monday) or month; answered from hourly rollups."""
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


@router.get("/{name}/progress", dependencies=READ_FOLDED)
async def get_metric_progress(
    name: str,
    uow: UnitOfWorkDep,
    filters: MetricFiltersDep,
    from_: Annotated[
        str, Query(alias="from", description="Date (local midnight in tz) or RFC 3339 time.")
    ],
    to: Annotated[str, Query(description="Exclusive end of the period.")],
    target: Annotated[float, Query(gt=0, allow_inf_nan=False, description="The value to reach.")],
    tz: Annotated[str, Query(max_length=64)] = "UTC",
) -> ProgressRead:
    """A live goal: the metric over [from, to) so far against ``target``, with the targets'
    status rule (campaign and group goals read this)."""
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
