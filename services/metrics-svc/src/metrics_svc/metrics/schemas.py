from datetime import date, datetime, time
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field

from metrics_svc.metrics.exceptions import BadInstant, BadTimeZone, InstantOutOfRange
from metrics_svc.vocabulary import Dimension, Interval, TargetStatus, Unit
from servicekit.bodies import RequestBody
from servicekit.timebounds import instant_in_range

DimensionId = Annotated[str, Field(min_length=1, max_length=64)]


# A field per Dimension (tests/test_vocabulary.py holds them equal): the docstring is the API's.
class MetricFilters(RequestBody):
    """Restrict a metric to one channel, post, publication, campaign and/or group."""

    channel_id: DimensionId | None = None
    post_id: DimensionId | None = None
    publication_id: DimensionId | None = None
    campaign_id: DimensionId | None = None
    group_id: DimensionId | None = None

    def as_dict(self) -> dict[str, str]:
        return {k: v for k, v in self.model_dump().items() if v is not None}


class MetricRead(BaseModel):
    name: str
    zh_name: str
    formula: str
    unit: Unit
    description: str


class SeriesPoint(BaseModel):
    start: datetime
    value: float | None


class Series(BaseModel):
    group: str | None = Field(description="The group_by value ('' = events without one).")
    total: float | None = Field(description="The metric over the whole window.")
    points: list[SeriesPoint]


class SeriesRead(BaseModel):
    metric: str
    unit: Unit
    interval: Interval
    tz: str
    window_start: datetime
    window_end: datetime
    filters: dict[str, str]
    group_by: Dimension | None
    series: list[Series]


class ProgressRead(BaseModel):
    """Where reaching ``target`` of a metric within [from, to) stands now: the targets' rule."""

    model_config = ConfigDict(populate_by_name=True)  # `from` is `from_`

    metric: str
    from_: datetime = Field(alias="from")
    to: datetime
    actual: float | None = Field(
        description="The metric from `from` to now or `to`, whichever is first; null before "
        "`from`, or for a ratio whose denominator is 0."
    )
    target: float
    progress: float | None = Field(description="actual / target")
    status: TargetStatus = Field(
        description="achieved once reached; missed once `to` passed short of it; else "
        "on_track or at_risk against the expected share of the elapsed period (counts and "
        "amounts pro-rata, ratios the target itself)."
    )


def zone(tz: str) -> ZoneInfo:
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise BadTimeZone(tz) from exc


def parse_instant(raw: str, tz: ZoneInfo, name: str) -> datetime:
    """A date means local midnight in ``tz``; a time must carry its offset."""
    try:
        if len(raw) == 10:
            at = datetime.combine(date.fromisoformat(raw), time(), tz)
        else:
            at = datetime.fromisoformat(raw)
    except ValueError as exc:
        raise BadInstant(name, raw) from exc
    if at.tzinfo is None:
        raise BadInstant(name, raw)
    # The same range as every servicekit Instant: year 1 at +14:00 has no UTC instant, and
    # buckets near 9999 overflow.
    if not instant_in_range(at):
        raise InstantOutOfRange(name, at)
    return at
