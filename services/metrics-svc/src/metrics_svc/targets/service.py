"""Target rules: a target is a metric, filters, a period and a value to reach; where it stands
(``actual``, ``expected``, ``status``) is the goal rule of ``metrics/goals.py``, shared with
live progress."""

from __future__ import annotations

from datetime import UTC, datetime

from metrics_svc.metrics.catalogue import METRICS_BY_NAME
from metrics_svc.metrics.goals import goal_status
from metrics_svc.metrics.repository import MetricsRepository
from metrics_svc.metrics.service import get_metric, goal_progress
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
    """(expected by now, status) of ``target`` (the goal rule, ``metrics/goals.py``)."""
    return goal_status(
        target.period_start, target.period_end, target.target_value, actual, additive, now
    )


async def read_target(
    metrics: MetricsRepository, target: Target, now: datetime | None = None
) -> TargetRead:
    now = now or datetime.now(UTC)
    goal = await goal_progress(
        metrics,
        get_metric(target.metric),
        start=target.period_start,
        end=target.period_end,
        target=target.target_value,
        filters=target.filters,
        now=now,
    )
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
        actual=goal.actual,
        expected=goal.expected,
        progress=goal.progress(target.target_value),
        gap=target.target_value - (goal.actual or 0.0),
        status=goal.status,
    )
