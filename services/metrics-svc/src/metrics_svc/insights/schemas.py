from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from metrics_svc import examples as ex

# The WeChat OA's best hours over the last 90 days, in Shanghai time: weekday evenings.
_SLOTS: list[Any] = [
    {"weekday": 3, "hour": 20, "exposures": 1840, "engagements": 212, "engagement_rate": 0.1152},
    {"weekday": 5, "hour": 21, "exposures": 2310, "engagements": 249, "engagement_rate": 0.1078},
    {"weekday": 1, "hour": 12, "exposures": 960, "engagements": 97, "engagement_rate": 0.101},
]


class TimeSlot(BaseModel):
    """An hour of the week and how content shown in it did."""

    model_config = ConfigDict(json_schema_extra={"examples": [_SLOTS[0]]})

    weekday: int = Field(description="ISO weekday in tz: 1 = Monday … 7 = Sunday")
    hour: int = Field(description="Hour of day in tz, 0-23")
    exposures: int = Field(description="impression + view events")
    engagements: int = Field(description="click + like + favorite + comment + share events")
    engagement_rate: float = Field(description="engagements / exposures")


class BestTimes(BaseModel):
    """The hours of the week to publish on a channel, best first."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"channel_id": ex.CHANNEL_ID, "tz": "Asia/Shanghai", "days": 90, "slots": _SLOTS}
            ]
        }
    )

    channel_id: str = Field(description="The content-svc channel, as asked.")
    tz: str = Field(description="The time zone weekdays and hours are in, as asked.")
    days: int = Field(description="How many days of history were read, up to now.")
    slots: list[TimeSlot] = Field(
        description="Up to `limit` slots with at least `min_exposures` exposures, highest "
        "engagement rate first (more exposures first on a tie); empty without enough history."
    )
