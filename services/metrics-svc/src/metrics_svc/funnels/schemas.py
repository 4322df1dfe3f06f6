from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from metrics_svc.events.schemas import known_event_type
from metrics_svc.metrics.schemas import MetricFilters
from servicekit.bodies import RequestBody
from servicekit.timebounds import Instant

# An ``EventType`` word or a ``custom.<name>``: funnels and retention take any type the
# ingest takes.
AnyEventType = Annotated[str, Field(max_length=64), AfterValidator(known_event_type)]


class FunnelStep(RequestBody):
    type: AnyEventType
    filters: MetricFilters = Field(default_factory=MetricFilters)
    name: Annotated[str, Field(max_length=100)] | None = None


class FunnelQuery(RequestBody):
    """Actors who did step 1 in [from, to), then each next step in order, all within
    ``window_seconds`` of their first step 1."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)  # `from` is `from_`

    steps: Annotated[list[FunnelStep], Field(min_length=2, max_length=10)]
    from_: Instant = Field(alias="from")
    to: Instant
    window_seconds: Annotated[int, Field(gt=0, le=90 * 86400)] = 7 * 86400


class FunnelStepResult(BaseModel):
    step: int
    type: str
    name: str | None
    actors: int
    conversion_from_previous: float | None
    conversion_from_first: float | None


class FunnelResult(BaseModel):
    window_start: datetime
    window_end: datetime
    window_seconds: int
    steps: list[FunnelStepResult]
    weakest_step: int | None = Field(
        description="The step (2…n) with the lowest conversion from the step before it."
    )
