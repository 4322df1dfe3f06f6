"""The publishing calendar: publications in a window, on the local day of each one's channel."""

import uuid
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from content_svc.calendar.exceptions import BadCalendarWindow
from content_svc.calendar.repository import CalendarRepository
from content_svc.calendar.schemas import Calendar, CalendarDay, CalendarItem
from content_svc.publications.schemas import PublicationRead

MAX_WINDOW = timedelta(days=93)
# A calendar is read by people: more than this in one window means the window is too wide.
MAX_ITEMS = 5000
# Publications are scheduled at most two years ahead; a window outside these years holds
# nothing, and dates near year 9999 overflow when converted to a channel's time zone.
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)


async def build_calendar(
    repo: CalendarRepository, start: datetime, end: datetime, channel_id: uuid.UUID | None
) -> Calendar:
    for name, value in (("from", start), ("to", end)):
        if not EARLIEST <= value <= LATEST:
            raise BadCalendarWindow(
                f"{name} ({value.isoformat()}) is out of range; use a time between "
                f"{EARLIEST.isoformat()} and {LATEST.isoformat()}."
            )
    if end <= start:
        raise BadCalendarWindow(f"to ({end.isoformat()}) must be after from ({start.isoformat()}).")
    if end - start > MAX_WINDOW:
        raise BadCalendarWindow(
            f"The window is {(end - start).days} days; ask for at most {MAX_WINDOW.days} days "
            "at a time."
        )
    rows = await repo.publications_between(start, end, channel_id, MAX_ITEMS + 1)
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
