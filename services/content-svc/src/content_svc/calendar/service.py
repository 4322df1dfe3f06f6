"""The publishing calendar: publications in a window, on the local day of each one's channel."""

import uuid
from collections import defaultdict
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from content_svc.calendar.exceptions import BadCalendarWindow
from content_svc.calendar.repository import CalendarRepository
from content_svc.calendar.schemas import Calendar, CalendarDay, CalendarItem
from content_svc.publications.schemas import PublicationRead
from servicekit.unitofwork import UnitOfWork

MAX_WINDOW = timedelta(days=93)
# A calendar is read by people: more than this in one window means the window is too wide.
MAX_ITEMS = 5000


async def build_calendar(
    uow: UnitOfWork, start: datetime, end: datetime, channel_id: uuid.UUID | None
) -> Calendar:
    # from and to are servicekit Instants: a channel's zone conversion cannot overflow.
    if end <= start:
        raise BadCalendarWindow(f"to ({end.isoformat()}) must be after from ({start.isoformat()}).")
    if end - start > MAX_WINDOW:
        raise BadCalendarWindow(
            f"The window is {(end - start).days} days; ask for at most {MAX_WINDOW.days} days "
            "at a time."
        )
    rows = await uow.repo(CalendarRepository).publications_between(
        start, end, channel_id, MAX_ITEMS + 1
    )
    if len(rows) > MAX_ITEMS:
        raise BadCalendarWindow(
            f"More than {MAX_ITEMS} publications fall in this window; narrow it or filter by "
            "channel_id."
        )
    days: dict[date, list[CalendarItem]] = defaultdict(list)
    for publication, channel in rows:
        at = publication.published_at or publication.scheduled_at
        local = at.astimezone(ZoneInfo(channel.timezone))
        days[local.date()].append(
            CalendarItem(
                publication=PublicationRead.model_validate(publication),
                channel_id=channel.id,
                channel_name=channel.name,
                platform=channel.platform,
                timezone=channel.timezone,
                status=publication.status,
                at=at,
                local_time=local.strftime("%H:%M"),
            )
        )
    return Calendar(
        days=[CalendarDay(date=day, items=items) for day, items in sorted(days.items())]
    )
