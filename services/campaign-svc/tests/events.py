"""Reading what the units of work recorded in the outbox, for the tests."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from campaign_svc.models import OutboxEvent


async def payloads(db_session: AsyncSession, event_type: str) -> list[dict[str, Any]]:
    """The payloads of ``event_type`` in the outbox, oldest first."""
    rows = await db_session.scalars(
        select(OutboxEvent.payload)
        .where(OutboxEvent.event_type == event_type)
        .order_by(OutboxEvent.occurred_at, OutboxEvent.created_at)
    )
    return [dict(p) for p in rows]
