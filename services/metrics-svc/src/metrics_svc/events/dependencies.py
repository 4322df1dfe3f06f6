from typing import Annotated

from fastapi import Depends

from metrics_svc.events.repository import EventRepository
from servicekit.context import ContextDep
from servicekit.db import SessionDep


async def get_event_repository(session: SessionDep, ctx: ContextDep) -> EventRepository:
    return EventRepository(session, ctx.workspace_id)


EventRepoDep = Annotated[EventRepository, Depends(get_event_repository)]
