import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field

from metrics_svc.metrics.schemas import MetricFilters
from metrics_svc.vocabulary import TargetStatus
from servicekit.bodies import RequestBody
from servicekit.timebounds import Instant


class TargetCreate(RequestBody):
    name: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    metric: Annotated[str, Field(max_length=64)]
    filters: MetricFilters = Field(default_factory=MetricFilters)
    period_start: Instant
    period_end: Instant
    target_value: Annotated[float, Field(gt=0, allow_inf_nan=False)]


class TargetUpdate(RequestBody):
    """Only the fields sent change."""

    name: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    filters: MetricFilters | None = None
    period_start: Instant | None = None
    period_end: Instant | None = None
    target_value: Annotated[float, Field(gt=0, allow_inf_nan=False)] | None = None


class TargetRead(BaseModel):
    id: uuid.UUID
    name: str | None
    metric: str
    filters: dict[str, str]
    period_start: datetime
    period_end: datetime
    target_value: float
    version: int
    created_at: datetime
    updated_at: datetime
    actual: float | None = Field(description="The metric from period_start to now (or the end).")
    expected: float = Field(
        description="What the metric should be by now: pro-rata for counts and amounts, the "
        "target itself for ratios."
    )
    progress: float | None = Field(description="actual / target_value")
    gap: float = Field(description="target_value - actual (negative once exceeded)")
    status: TargetStatus
