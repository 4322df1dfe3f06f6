"""community-svc's own query on its outbox table (recording goes through the unit of work)."""

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ARRAY, DateTime, Uuid, bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from community_svc.models import OutboxEvent


class OutboxRepository:
    """The workspace's outbox rows (``uow.repo(OutboxRepository)``); the outbox model is no
    ``WorkspaceModel``, so this is no ``WorkspaceRepository``, but it is built the same way."""

    def __init__(self, session: AsyncSession, workspace_id: str) -> None:
        self.session = session
        self.workspace_id = workspace_id

    async def set_occurred_at(self, ids: Sequence[uuid.UUID], times: Sequence[datetime]) -> None:
        """Give each event its own time in one statement. ``record_many`` stamps a whole batch
        with one time; an import's joins happened each at its row's ``joined_at``."""
        given = select(
            func.unnest(bindparam("ids", list(ids), type_=ARRAY(Uuid))).label("id"),
            func.unnest(
                bindparam("times", list(times), type_=ARRAY(DateTime(timezone=True)))
            ).label("at"),
        ).subquery()
        stmt = (
            update(OutboxEvent)
            .where(OutboxEvent.workspace_id == self.workspace_id, OutboxEvent.id == given.c.id)
            .values(occurred_at=given.c.at)
            .execution_options(synchronize_session=False)
        )
        await self.session.execute(stmt)
