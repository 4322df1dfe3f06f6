from typing import Annotated

from fastapi import Depends

from content_svc.calendar.repository import CalendarRepository
from servicekit.context import ContextDep
from servicekit.db import SessionDep


def get_calendar_repository(session: SessionDep, ctx: ContextDep) -> CalendarRepository:
    return CalendarRepository(session, ctx.workspace_id)


CalendarRepoDep = Annotated[CalendarRepository, Depends(get_calendar_repository)]
