from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from metrics_svc.funnels.schemas import AnyEventType
from metrics_svc.metrics.schemas import MetricFilters
from metrics_svc.vocabulary import RetentionPeriod
from servicekit.bodies import RequestBody
from servicekit.timebounds import Instant


class RetentionQuery(RequestBody):
    """Cohorts of actors by the local period of their first ``cohort_event`` in [from, to);
    for each, how many did ``return_event`` in period 0, 1, … N-1 after it."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)  # `from` is `from_`

    cohort_event: AnyEventType
    return_event: AnyEventType
    from_: Instant = Field(alias="from")
    to: Instant
    period: RetentionPeriod = RetentionPeriod.WEEK
    periods: Annotated[int, Field(ge=1, le=52)] = 4
    tz: Annotated[str, Field(max_length=64)] = "UTC"
    filters: MetricFilters = Field(default_factory=MetricFilters)


class Cohort(BaseModel):
    cohort_start: date
    size: int
    returned: list[int] = Field(description="Actors returning in period 0, 1, …")
    rates: list[float | None]


class RetentionResult(BaseModel):
    period: RetentionPeriod
    periods: int
    tz: str
    window_start: datetime
    window_end: datetime
    cohorts: list[Cohort]
