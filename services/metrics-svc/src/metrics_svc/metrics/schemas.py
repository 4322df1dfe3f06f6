from datetime import date, datetime, time
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field

from metrics_svc import examples as ex
from metrics_svc.metrics.exceptions import BadInstant, BadTimeZone, InstantOutOfRange
from metrics_svc.vocabulary import GroupBy, Interval, TargetStatus, Unit
from servicekit.bodies import RequestBody
from servicekit.timebounds import instant_in_range

DimensionId = Annotated[str, Field(min_length=1, max_length=64)]


# A field per Dimension (tests/test_vocabulary.py holds them equal): the docstring is the API's.
class MetricFilters(RequestBody):
    """Restrict a metric to one channel, post, publication, campaign and/or group."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"campaign_id": ex.CAMPAIGN_ID, "channel_id": ex.CHANNEL_ID}]
        }
    )

    channel_id: DimensionId | None = Field(
        default=None, description="Only events of this content-svc channel."
    )
    post_id: DimensionId | None = Field(
        default=None, description="Only events of this content-svc post (on any channel)."
    )
    publication_id: DimensionId | None = Field(
        default=None, description="Only events of this content-svc publication."
    )
    campaign_id: DimensionId | None = Field(
        default=None, description="Only events of this campaign-svc campaign."
    )
    group_id: DimensionId | None = Field(
        default=None, description="Only events of this community-svc group."
    )

    def as_dict(self) -> dict[str, str]:
        return {k: v for k, v in self.model_dump().items() if v is not None}


class MetricRead(BaseModel):
    """A metric of the catalogue: what it counts and how."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "ctr",
                    "zh_name": "点击率",
                    "formula": "count(click) / count(impression)",
                    "unit": "ratio",
                    "description": "Click-through rate; null when there were no impressions.",
                }
            ]
        }
    )

    name: str = Field(description="What to ask for: `GET /v1/metrics/{name}`, a target's metric.")
    zh_name: str = Field(description="The name operations teams use, in Chinese (点击率).")
    formula: str = Field(
        description="How it is computed from events: `count(type)`, `sum(type.value)`, "
        "`distinct actors(type)` over the window, with the request's filters."
    )
    unit: Unit = Field(
        description="What a value measures: `count`, `ratio` (0.042 = 4.2 %), `seconds`, or "
        "`amount` (as events' values were sent)."
    )
    description: str = Field(description="What it tells, and when it is null.")


_WEEK_1, _WEEK_2 = "2026-11-16T00:00:00+08:00", "2026-11-23T00:00:00+08:00"
_SERIES: dict[str, Any] = {
    "group": ex.CHANNEL_ID,
    "total": 0.0387,
    "points": [{"start": _WEEK_1, "value": 0.0412}, {"start": _WEEK_2, "value": 0.0359}],
}


class SeriesPoint(BaseModel):
    """The metric over one interval."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"start": _WEEK_1, "value": 0.0412}]})

    start: datetime = Field(
        description="Where the interval starts: local midnight in the series' `tz` (a Monday "
        "for weeks, the 1st for months), RFC 3339 with that zone's offset. It ends where the "
        "next point starts; the first and last points are cut to the window."
    )
    value: float | None = Field(
        description="The metric over the interval, in the series' `unit`; null for a ratio "
        "whose denominator is 0 (no impressions, no views …)."
    )


class Series(BaseModel):
    """One line of the chart: the whole window, or one value of `group_by`."""

    model_config = ConfigDict(json_schema_extra={"examples": [_SERIES]})

    group: str | None = Field(
        description="The group_by value ('' = events without one); null without group_by."
    )
    total: float | None = Field(
        description="The metric over the whole window (for ratios not the mean of the points)."
    )
    points: list[SeriesPoint] = Field(
        description="One per interval overlapping the window, in time order, none skipped."
    )


class SeriesRead(BaseModel):
    """A metric over time: one series, or one per value of `group_by`."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "metric": "ctr",
                    "unit": "ratio",
                    "interval": "week",
                    "tz": "Asia/Shanghai",
                    "window_start": _WEEK_1,
                    "window_end": "2026-11-30T00:00:00+08:00",
                    "filters": {"campaign_id": ex.CAMPAIGN_ID},
                    "group_by": "channel_id",
                    "series": [
                        _SERIES,
                        {
                            "group": ex.OTHER_CHANNEL_ID,
                            "total": 0.0521,
                            "points": [
                                {"start": _WEEK_1, "value": 0.0498},
                                {"start": _WEEK_2, "value": 0.0547},
                            ],
                        },
                    ],
                }
            ]
        }
    )

    metric: str = Field(description="The metric's name in the catalogue.")
    unit: Unit = Field(description="What its values measure (see `GET /v1/metrics`).")
    interval: Interval = Field(description="The length of each point.")
    tz: str = Field(description="The IANA time zone days, weeks and months are cut in.")
    window_start: datetime = Field(description="`from` as read (inclusive).")
    window_end: datetime = Field(description="`to` as read (exclusive).")
    filters: dict[str, str] = Field(
        description="The filters applied (`channel_id`, `campaign_id`, …), only those given."
    )
    group_by: GroupBy | None = Field(description="What the series are split by, if anything.")
    series: list[Series] = Field(
        description="One series without group_by; else one per value seen in the window, "
        "ordered by value."
    )


class ProgressRead(BaseModel):
    """Where reaching ``target`` of a metric within [from, to) stands now: the targets' rule."""

    model_config = ConfigDict(
        populate_by_name=True,  # `from` is `from_`
        json_schema_extra={
            "examples": [
                {
                    "metric": "gmv",
                    "from": "2026-11-01T00:00:00Z",
                    "to": "2027-01-01T00:00:00Z",
                    "actual": 1286400.0,
                    "target": 2000000.0,
                    "progress": 0.6432,
                    "status": "on_track",
                }
            ]
        },
    )

    metric: str = Field(description="The metric's name in the catalogue.")
    from_: datetime = Field(alias="from", description="The period's start, as read.")
    to: datetime = Field(description="The period's end (exclusive), as read.")
    actual: float | None = Field(
        description="The metric from `from` to now or `to`, whichever is first; null before "
        "`from`, or for a ratio whose denominator is 0."
    )
    target: float = Field(description="The value to reach, as asked.")
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
