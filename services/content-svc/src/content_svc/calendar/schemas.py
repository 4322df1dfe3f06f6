import datetime as dt
import uuid
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from content_svc.channels.models import Platform
from content_svc.examples import CHANNEL_ID
from content_svc.publications.models import PublicationStatus
from content_svc.publications.schemas import PUBLICATION_EXAMPLE, PublicationRead

_ITEM: dict[str, Any] = {
    "publication": PUBLICATION_EXAMPLE,
    "channel_id": CHANNEL_ID,
    "channel_name": "美妍研究所服务号",
    "platform": "wechat_oa",
    "timezone": "Asia/Shanghai",
    "status": "published",
    "at": PUBLICATION_EXAMPLE["published_at"],
    "local_time": "20:30",
}
_DAY: dict[str, Any] = {"date": "2026-11-11", "items": [_ITEM]}


class CalendarItem(BaseModel):
    """One publication on the calendar, with its channel."""

    model_config = ConfigDict(json_schema_extra={"examples": [_ITEM]})

    publication: PublicationRead = Field(description="The publication, as GET returns it.")
    channel_id: uuid.UUID = Field(description="The channel it goes out on.")
    channel_name: str = Field(description="That channel's name.")
    platform: Platform = Field(description="That channel's platform.")
    timezone: str = Field(description="That channel's IANA time zone, which `local_time` is in.")
    status: PublicationStatus = Field(description="The publication's status.")
    at: dt.datetime = Field(
        description="Where it sits: when it went out, else when it is due (RFC 3339, UTC)."
    )
    local_time: str = Field(description="`at` as HH:MM in the channel's time zone.")


class CalendarDay(BaseModel):
    """One local day of the window and what goes out on it."""

    model_config = ConfigDict(json_schema_extra={"examples": [_DAY]})

    date: dt.date = Field(description="The day, `YYYY-MM-DD`, in each item's channel's zone.")
    items: list[CalendarItem] = Field(description="Its publications, in time order.")


class Calendar(BaseModel):
    """The publications of a window, by local day; days without any are left out."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"days": [_DAY]}]})

    days: list[CalendarDay] = Field(description="The days that have publications, in order.")
