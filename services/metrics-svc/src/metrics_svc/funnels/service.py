"""Funnel rules: each actor counts once per step; a step counts when it happens at or after
the actor's previous step and within ``window_seconds`` of their first step 1 in the window.
The weakest step is the one with the lowest conversion from the step before it."""

from __future__ import annotations

from datetime import timedelta

from metrics_svc.funnels.repository import FunnelRepository
from metrics_svc.funnels.schemas import FunnelQuery, FunnelResult, FunnelStepResult
from metrics_svc.metrics.exceptions import EmptyWindow


def _rate(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


async def query_funnel(repo: FunnelRepository, query: FunnelQuery) -> FunnelResult:
    if query.to <= query.from_:
        raise EmptyWindow(query.from_, query.to)
    counts = await repo.step_counts(
        [(s.type, s.filters.as_dict()) for s in query.steps],
        query.from_,
        query.to,
        timedelta(seconds=query.window_seconds),
    )
    steps = [
        FunnelStepResult(
            step=i + 1,
            type=step.type,
            name=step.name,
            actors=count,
            conversion_from_previous=None if i == 0 else _rate(count, counts[i - 1]),
            conversion_from_first=_rate(count, counts[0]),
        )
        for i, (step, count) in enumerate(zip(query.steps, counts, strict=True))
    ]
    rated = [s for s in steps[1:] if s.conversion_from_previous is not None]
    # Ties go to the earliest step: fixing an early leak helps every step after it.
    weakest = min(rated, key=lambda s: (s.conversion_from_previous, s.step), default=None)
    return FunnelResult(
        window_start=query.from_,
        window_end=query.to,
        window_seconds=query.window_seconds,
        steps=steps,
        weakest_step=weakest.step if weakest else None,
    )
