from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from metrics_svc import examples as ex
from metrics_svc.funnels.schemas import AnyEventType
from metrics_svc.metrics.schemas import MetricFilters
from metrics_svc.vocabulary import RetentionPeriod
from servicekit.bodies import RequestBody
from servicekit.timebounds import Instant

# Who joined the moms' group in November (weeks from Monday in Shanghai), and how many of them
# still spoke in it in the weeks after.
_FROM, _TO = "2026-11-01T16:00:00Z", "2026-11-15T16:00:00Z"
_COHORTS: list[Any] = [
    {
        "cohort_start": "2026-11-02",
        "size": 120,
        "returned": [96, 71, 58, 49],
        "rates": [0.8, 0.5917, 0.4833, 0.4083],
    },
    {
        "cohort_start": "2026-11-09",
        "size": 85,
        "returned": [70, 52, 41, 37],
        "rates": [0.8235, 0.6118, 0.4824, 0.4353],
    },
]


class RetentionQuery(RequestBody):
    """Cohorts of actors by the local period of their first ``cohort_event`` in [from, to);
    for each, how many did ``return_event`` in period 0, 1, … N-1 after it."""

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,  # `from` is `from_`
        json_schema_extra={
            "examples": [
                {
                    "cohort_event": "join_group",
                    "return_event": "message",
                    "from": _FROM,
                    "to": _TO,
                    "period": "week",
                    "periods": 4,
                    "tz": "Asia/Shanghai",
                    "filters": {"group_id": ex.GROUP_ID},
                }
            ]
        },
    )

    cohort_event: AnyEventType = Field(
        description="The event that puts an actor in a cohort (their first one in the window): "
        "`join_group`, `register`, `purchase`, …"
    )
    return_event: AnyEventType = Field(
        description="The event that counts as coming back: `message`, `view`, `purchase`, …"
    )
    from_: Instant = Field(
        alias="from", description="Cohorts start at or after this time (RFC 3339 with offset)."
    )
    to: Instant = Field(description="… and before this one (exclusive).")
    period: RetentionPeriod = Field(
        default=RetentionPeriod.WEEK,
        description="The length of a cohort and of each period after it: a local day, or a "
        "week from Monday.",
    )
    periods: Annotated[int, Field(ge=1, le=52)] = Field(
        default=4, description="How many periods to follow each cohort for (1 to 52)."
    )
    tz: Annotated[str, Field(max_length=64)] = Field(
        default="UTC",
        description="The IANA time zone days and weeks are cut in (`Asia/Shanghai`).",
    )
    filters: MetricFilters = Field(
        default_factory=MetricFilters,
        description="Only events (of both kinds) of these channels, posts, publications, "
        "campaigns or groups count; none by default.",
    )


class Cohort(BaseModel):
    """The actors whose first cohort event fell in one period, and how many came back."""

    model_config = ConfigDict(json_schema_extra={"examples": [_COHORTS[0]]})

    cohort_start: date = Field(description="The cohort's first local day (a Monday for weeks).")
    size: int = Field(description="Actors in the cohort.")
    returned: list[int] = Field(description="Actors returning in period 0, 1, …")
    rates: list[float | None] = Field(
        description="returned / size per period (0.5917 = 59.17 %); period 0 is the cohort's "
        "own period. A period that has not happened yet counts 0."
    )


class RetentionResult(BaseModel):
    """A cohort table, one row per cohort in time order."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "period": "week",
                    "periods": 4,
                    "tz": "Asia/Shanghai",
                    "window_start": _FROM,
                    "window_end": _TO,
                    "cohorts": _COHORTS,
                }
            ]
        }
    )

    period: RetentionPeriod = Field(description="The length of each period, as asked.")
    periods: int = Field(description="How many periods each cohort is followed for.")
    tz: str = Field(description="The time zone periods are cut in.")
    window_start: datetime = Field(description="`from`, as read.")
    window_end: datetime = Field(description="`to`, as read.")
    cohorts: list[Cohort] = Field(
        description="One per period with at least one new actor, oldest first."
    )
