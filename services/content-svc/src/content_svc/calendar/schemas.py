import datetime as dt
import uuid

from pydantic import BaseModel

from content_svc.channels.models import Platform
from content_svc.publications.models import PublicationStatus
from content_svc.publications.schemas import PublicationRead


class CalendarItem(BaseModel):
    publication: PublicationRead
    channel_id: uuid.UUID
    channel_name: str
    platform: Platform
    timezone: str
    status: PublicationStatus
    at: dt.datetime
    local_time: str


class CalendarDay(BaseModel):
    date: dt.date
    items: list[CalendarItem]


class Calendar(BaseModel):
    days: list[CalendarDay]
