import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from content_svc.calendar import service
from content_svc.calendar.exceptions import BadCalendarWindow
from content_svc.calendar.schemas import Calendar
from content_svc.channels.exceptions import ChannelNotFound
from content_svc.channels.repository import ChannelRepository
from content_svc.scopes import READ
from servicekit.apidoc import problems
from servicekit.timebounds import Instant
from servicekit.unitofwork import UnitOfWorkDep

router = APIRouter(prefix="/v1/calendar", tags=["calendar"])


@router.get("", dependencies=READ, responses=problems(ChannelNotFound, BadCalendarWindow))
async def get_calendar(
    uow: UnitOfWorkDep,
    start: Annotated[Instant, Query(alias="from", description="window start, inclusive")],
    end: Annotated[Instant, Query(alias="to", description="window end, exclusive")],
    channel_id: Annotated[uuid.UUID | None, Query(description="Only this channel's")] = None,
) -> Calendar:
    """The publishing calendar: publications (at published_at, else scheduled_at) in the
    window, grouped by the local day in each channel's time zone; cancelled ones are left out.

    A window is at most 93 days; an unknown `channel_id` is a 404.
    """
    if channel_id is not None and await uow.repo(ChannelRepository).get(channel_id) is None:
        raise ChannelNotFound(channel_id)
    return await service.build_calendar(uow, start, end, channel_id)
