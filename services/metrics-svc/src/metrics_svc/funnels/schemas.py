from datetime import datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from metrics_svc import examples as ex
from metrics_svc.events.schemas import known_event_type
from metrics_svc.metrics.schemas import MetricFilters
from servicekit.bodies import RequestBody
from servicekit.timebounds import Instant

# An ``EventType`` word or a ``custom.<name>``: funnels and retention take any type the
# ingest takes.
AnyEventType = Annotated[str, Field(max_length=64), AfterValidator(known_event_type)]

# The Double 11 article's funnel: read it, click the sign-up link, leave contact details, buy.
_STEPS: list[Any] = [
    {"type": "view", "filters": {"publication_id": ex.PUBLICATION_ID}, "name": "读了活动文章"},
    {"type": "click", "name": "点了拼团链接"},
    {"type": "lead", "name": "留了手机号"},
    {"type": "purchase", "filters": {"campaign_id": ex.CAMPAIGN_ID}, "name": "下单支付"},
]
_STEP_RESULTS: list[Any] = [
    {
        "step": 1,
        "type": "view",
        "name": "读了活动文章",
        "actors": 4200,
        "conversion_from_previous": None,
        "conversion_from_first": 1.0,
    },
    {
        "step": 2,
        "type": "click",
        "name": "点了拼团链接",
        "actors": 1460,
        "conversion_from_previous": 0.3476,
        "conversion_from_first": 0.3476,
    },
    {
        "step": 3,
        "type": "lead",
        "name": "留了手机号",
        "actors": 312,
        "conversion_from_previous": 0.2137,
        "conversion_from_first": 0.0743,
    },
    {
        "step": 4,
        "type": "purchase",
        "name": "下单支付",
        "actors": 87,
        "conversion_from_previous": 0.2788,
        "conversion_from_first": 0.0207,
    },
]
_FROM, _TO = "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z"


class FunnelStep(RequestBody):
    """One step of a funnel: an event type, optionally narrowed by filters."""

    model_config = ConfigDict(json_schema_extra={"examples": [_STEPS[0]]})

    type: AnyEventType = Field(
        description="The event type that makes an actor reach this step: an `EventType` word "
        "(view, click, lead, purchase, …) or `custom.<name>`."
    )
    filters: MetricFilters = Field(
        default_factory=MetricFilters,
        description="Only events of these channels, posts, publications, campaigns or groups "
        "count for this step; none by default.",
    )
    name: Annotated[str, Field(max_length=100)] | None = Field(
        default=None,
        description="A label for the step, echoed in the answer (up to 100 characters).",
    )


class FunnelQuery(RequestBody):
    """Actors who did step 1 in [from, to), then each next step in order, all within
    ``window_seconds`` of their first step 1."""

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,  # `from` is `from_`
        json_schema_extra={
            "examples": [{"steps": _STEPS, "from": _FROM, "to": _TO, "window_seconds": 7 * 86400}]
        },
    )

    steps: Annotated[list[FunnelStep], Field(min_length=2, max_length=10)] = Field(
        description="2 to 10 steps, in the order an actor must take them."
    )
    from_: Instant = Field(
        alias="from",
        description="Actors enter with a step 1 at or after this time (RFC 3339 with offset).",
    )
    to: Instant = Field(description="… and before this one (exclusive).")
    window_seconds: Annotated[int, Field(gt=0, le=90 * 86400)] = Field(
        default=7 * 86400,
        description="How long after their first step 1 an actor has to take the other steps "
        "(seconds, at most 90 days; default 7 days). Later steps may fall after `to`.",
    )


class FunnelStepResult(BaseModel):
    """How many actors reached one step, and the conversion into it."""

    model_config = ConfigDict(json_schema_extra={"examples": [_STEP_RESULTS[2]]})

    step: int = Field(description="Its position, from 1.")
    type: str = Field(description="The step's event type, as asked.")
    name: str | None = Field(description="The step's label, as asked.")
    actors: int = Field(
        description="Distinct actors who reached this step (and every step before it, in "
        "order, within the window)."
    )
    conversion_from_previous: float | None = Field(
        description="actors / the previous step's actors (0.2137 = 21.37 %); null for step 1 "
        "or when the previous step had none."
    )
    conversion_from_first: float | None = Field(
        description="actors / step 1's actors; null when step 1 had none."
    )


class FunnelResult(BaseModel):
    """The funnel's steps with their actors and conversions, and where it leaks most."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "window_start": _FROM,
                    "window_end": _TO,
                    "window_seconds": 7 * 86400,
                    "steps": _STEP_RESULTS,
                    "weakest_step": 3,
                }
            ]
        }
    )

    window_start: datetime = Field(description="`from`, as read.")
    window_end: datetime = Field(description="`to`, as read.")
    window_seconds: int = Field(description="The time each actor had, as asked.")
    steps: list[FunnelStepResult] = Field(description="One per step, in order.")
    weakest_step: int | None = Field(
        description="The step (2…n) with the lowest conversion from the step before it."
    )
