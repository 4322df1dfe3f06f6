import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from metrics_svc import examples as ex
from metrics_svc.metrics.schemas import MetricFilters
from metrics_svc.vocabulary import TargetStatus
from servicekit.bodies import RequestBody
from servicekit.timebounds import Instant

# The Double 11 campaign's GMV target for November and December, read on 4 December.
_CREATE: dict[str, Any] = {
    "name": "双11 拼团 GMV 200 万",
    "metric": "gmv",
    "filters": {"campaign_id": ex.CAMPAIGN_ID},
    "period_start": "2026-11-01T00:00:00Z",
    "period_end": "2027-01-01T00:00:00Z",
    "target_value": 2000000,
}
_NAME = "Its label on a dashboard (up to 200 characters)."
_FILTERS = (
    "Count only the events of these channels, posts, publications, campaigns or groups "
    '(`{"campaign_id": …}` for a campaign\'s target).'
)
_PERIOD_START = "When the period starts (RFC 3339 with offset)."
_PERIOD_END = "When it ends (exclusive); after `period_start`."
_TARGET_VALUE = "The value to reach by `period_end`, in the metric's unit (> 0)."


class TargetCreate(RequestBody):
    """A goal to track: reach `target_value` of a metric (with filters) within a period."""

    model_config = ConfigDict(json_schema_extra={"examples": [_CREATE]})

    name: Annotated[str, Field(min_length=1, max_length=200)] | None = Field(
        default=None, description=_NAME
    )
    metric: Annotated[str, Field(max_length=64)] = Field(
        description="A metric of the catalogue (`GET /v1/metrics`): `gmv`, `leads`, `ctr`, …"
    )
    filters: MetricFilters = Field(default_factory=MetricFilters, description=_FILTERS)
    period_start: Instant = Field(description=_PERIOD_START)
    period_end: Instant = Field(description=_PERIOD_END)
    target_value: Annotated[float, Field(gt=0, allow_inf_nan=False)] = Field(
        description=_TARGET_VALUE
    )


class TargetUpdate(RequestBody):
    """Only the fields sent change."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"target_value": 2500000, "period_end": "2027-01-15T00:00:00Z"}]
        }
    )

    name: Annotated[str, Field(min_length=1, max_length=200)] | None = Field(
        default=None, description=_NAME
    )
    filters: MetricFilters | None = Field(
        default=None, description=f"{_FILTERS} Replaces the filters; `{{}}` or null clears them."
    )
    period_start: Instant | None = Field(default=None, description=_PERIOD_START)
    period_end: Instant | None = Field(default=None, description=_PERIOD_END)
    target_value: Annotated[float, Field(gt=0, allow_inf_nan=False)] | None = Field(
        default=None, description=_TARGET_VALUE
    )


class TargetRead(BaseModel):
    """A target and where it stands now."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": ex.TARGET_ID,
                    **_CREATE,
                    "target_value": 2000000.0,
                    "version": 2,
                    "created_at": "2026-10-28T03:12:45Z",
                    "updated_at": "2026-11-02T08:00:00Z",
                    "actual": 1286400.0,
                    "expected": 1094262.3,
                    "progress": 0.6432,
                    "gap": 713600.0,
                    "status": "on_track",
                }
            ]
        }
    )

    id: uuid.UUID = Field(description="The target's id, set by the service.")
    name: str | None = Field(description=_NAME)
    metric: str = Field(description="The metric of the catalogue it tracks.")
    filters: dict[str, str] = Field(description="The filters it counts with, only those set.")
    period_start: datetime = Field(description="When the period starts.")
    period_end: datetime = Field(description="When it ends (exclusive).")
    target_value: float = Field(description="The value to reach, in the metric's unit.")
    version: int = Field(
        description="Set by the service, 1 at creation and +1 per change; also the `ETag`. "
        "Send it as `If-Match` when changing the target so a concurrent change is not lost."
    )
    created_at: datetime = Field(description="When it was created (set by the service).")
    updated_at: datetime = Field(description="When it last changed (set by the service).")
    actual: float | None = Field(description="The metric from period_start to now (or the end).")
    expected: float = Field(
        description="What the metric should be by now: pro-rata for counts and amounts, the "
        "target itself for ratios."
    )
    progress: float | None = Field(description="actual / target_value")
    gap: float = Field(description="target_value - actual (negative once exceeded)")
    status: TargetStatus = Field(
        description="achieved once reached; missed once the period ended short of it; else "
        "on_track (actual ≥ expected) or at_risk."
    )
