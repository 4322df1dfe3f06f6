"""Target rules. ``actual`` is the metric from period_start to now (or period_end, whichever is
first). Status:
- ``achieved``: actual ≥ target_value (at any time);
- ``missed``: the period has ended below target;
- ``on_track``: actual ≥ expected, where expected = target_value x elapsed share of the period
  for counts and amounts (pro-rata) and target_value itself for ratios;
- ``at_risk``: below expected while the period runs (also before it starts: expected is 0
  then, so a target that has not started is on_track)."""

from __future__ import annotations

from datetime import UTC, datetime

from metrics_svc.metrics.catalogue import METRICS_BY_NAME
from metrics_svc.metrics.repository import MetricsRepository
from metrics_svc.metrics.service import get_metric, metric_value
from metrics_svc.targets.exceptions import TargetMetricUnknown, TargetPeriodInvalid
from metrics_svc.targets.models import Target
from metrics_svc.targets.repository import TargetRepository
from metrics_svc.targets.schemas import TargetCreate, TargetRead, TargetUpdate
from metrics_svc.vocabulary import TargetStatus
from servicekit.versioning import check_if_match


def _check_period(start: datetime, end: datetime) -> None:
    if end <= start:
        raise TargetPeriodInvalid(start.isoformat(), end.isoformat())


async def create_target(repo: TargetRepository, data: TargetCreate) -> Target:
    if data.metric not in METRICS_BY_NAME:
        raise TargetMetricUnknown(data.metric, list(METRICS_BY_NAME))
    _check_period(data.period_start, data.period_end)
    target = Target(
        name=data.name,
        metric=data.metric,
        filters=data.filters.as_dict(),
        period_start=data.period_start,
        period_end=data.period_end,
        target_value=data.target_value,
    )
    return await repo.add(target)


async def update_target(
    repo: TargetRepository, target: Target, data: TargetUpdate, if_match: str | None
) -> Target:
    check_if_match(if_match, target.version)
    changes = data.model_dump(exclude_unset=True)
    if "filters" in changes:
        target.filters = data.filters.as_dict() if data.filters else {}
    for field in ("name", "period_start", "period_end", "target_value"):
        if field in changes and changes[field] is not None:
            setattr(target, field, changes[field])
    _check_period(target.period_start, target.period_end)
    await repo.flush()
    return target


async def delete_target(repo: TargetRepository, target: Target) -> None:
    await repo.delete(target)


def evaluate(
    target: Target, actual: float | None, additive: bool, now: datetime
) -> tuple[float, TargetStatus]:
    """(expected by now, status)."""
    span = (target.period_end - target.period_start).total_seconds()
    elapsed = min(max((now - target.period_start).total_seconds(), 0.0), span)
    expected = target.target_value * elapsed / span if additive else target.target_value
    value = actual or 0.0
    if value >= target.target_value:
        return expected, TargetStatus.ACHIEVED
    if now >= target.period_end:
        return expected, TargetStatus.MISSED
    if additive and now < target.period_start:
        return expected, TargetStatus.ON_TRACK
    return expected, TargetStatus.ON_TRACK if value >= expected else TargetStatus.AT_RISK


async def read_target(
    metrics: MetricsRepository, target: Target, now: datetime | None = None
) -> TargetRead:
    now = now or datetime.now(UTC)
    metric = get_metric(target.metric)
    end = min(now, target.period_end)
    actual = (
        await metric_value(metrics, metric, target.period_start, end, target.filters)
        if end > target.period_start
        else None
    )
    expected, status = evaluate(target, actual, metric.additive, now)
    return TargetRead(
        id=target.id,
        name=target.name,
        metric=target.metric,
        filters=target.filters,
        period_start=target.period_start,
        period_end=target.period_end,
        target_value=target.target_value,
        version=target.version,
        created_at=target.created_at,
        updated_at=target.updated_at,
        actual=actual,
        expected=expected,
        progress=None if actual is None else actual / target.target_value,
        gap=target.target_value - (actual or 0.0),
        status=status,
    )
