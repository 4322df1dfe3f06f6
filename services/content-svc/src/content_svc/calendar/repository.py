import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from content_svc.channels.models import Channel
from content_svc.publications.models import Publication, PublicationStatus
from servicekit.db import plan_with_values


def calendar_time() -> ColumnElement[datetime]:
    """Where a publication sits on the calendar: when it went out, else when it is due."""
    return func.coalesce(Publication.published_at, Publication.scheduled_at)


class CalendarRepository:
    """Publications with their channel, by calendar time; built with the workspace."""

    def __init__(self, session: AsyncSession, workspace_id: str) -> None:
        self.session = session
        self.workspace_id = workspace_id

    async def publications_between(
        self, start: datetime, end: datetime, channel_id: uuid.UUID | None, limit: int
    ) -> Sequence[tuple[Publication, Channel]]:
        at = calendar_time()
        stmt = (
            select(Publication, Channel)
            .join(Channel, Channel.id == Publication.channel_id)
            .where(
                Publication.workspace_id == self.workspace_id,
                Channel.workspace_id == self.workspace_id,
                Publication.status != PublicationStatus.CANCELLED,
                at >= start,
                at < end,
            )
            .order_by(at, Publication.id)
            .limit(limit)
        )
        if channel_id is not None:
            stmt = stmt.where(Publication.channel_id == channel_id)
        # One workspace may hold most of the publications (servicekit.db.plan_with_values).
        await plan_with_values(self.session)
        return [(row[0], row[1]) for row in (await self.session.execute(stmt)).all()]
