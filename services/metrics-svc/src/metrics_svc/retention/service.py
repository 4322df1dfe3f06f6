"""Retention: a cohort is the local day or week of an actor's first cohort event in the
window; period k counts the cohort's actors who did the return event in the k-th period after
it (period 0 is the cohort's own period), each actor once per period."""

from __future__ import annotations

from datetime import timedelta

from metrics_svc.metrics.exceptions import EmptyWindow
from metrics_svc.metrics.schemas import zone
from metrics_svc.retention.repository import RetentionRepository
from metrics_svc.retention.schemas import Cohort, RetentionQuery, RetentionResult


async def query_retention(repo: RetentionRepository, query: RetentionQuery) -> RetentionResult:
    tz = zone(query.tz)
    if query.to <= query.from_:
        raise EmptyWindow(query.from_, query.to)
    step = timedelta(days=query.period.days)
    rows = await repo.cohort_table(
        cohort_event=query.cohort_event,
        return_event=query.return_event,
        start=query.from_,
        end=query.to,
        # The last cohort's last period may end after `to`.
        returns_end=query.to + step * (query.periods + 1),
        period=query.period,
        periods=query.periods,
        tz=tz.key,
        filters=query.filters.as_dict(),
    )
    sizes = {cohort: n for cohort, idx, n in rows if idx < 0}
    returned = {cohort: [0] * query.periods for cohort in sizes}
    for cohort, idx, n in rows:
        if idx >= 0:
            returned[cohort][idx] = n
    cohorts = [
        Cohort(
            cohort_start=cohort,
            size=sizes[cohort],
            returned=returned[cohort],
            rates=[n / sizes[cohort] for n in returned[cohort]],
        )
        for cohort in sorted(sizes)
    ]
    return RetentionResult(
        period=query.period,
        periods=query.periods,
        tz=tz.key,
        window_start=query.from_,
        window_end=query.to,
        cohorts=cohorts,
    )
