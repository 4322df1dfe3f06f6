"""Transactional outbox: a domain event is stored in the same transaction as the change.

A relay (added with the first service that emits events) later delivers undelivered rows to
metrics-svc in batches with retries, so a down metrics-svc delays numbers but never loses them.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Index, Integer, String, Text, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from servicekit.db import driver_connection
from servicekit.models import IdMixin, TimestampMixin, WorkspaceMixin, utcnow

# What a bulk record writes; the rest (last_error, delivered_at) starts NULL.
_COPY_COLUMNS = (
    "id",
    "workspace_id",
    "event_type",
    "occurred_at",
    "payload",
    "attempts",
    "created_at",
    "updated_at",
)


class OutboxEventMixin(IdMixin, WorkspaceMixin, TimestampMixin):
    """Columns of a service's ``outbox_event`` table (each service maps it on its own Base)."""

    __tablename__ = "outbox_event"

    @declared_attr.directive
    def __table_args__(cls) -> tuple[Any, ...]:
        # A fresh Index per table. The relay reads only undelivered rows, oldest first;
        # delivered rows (nearly all of them, in time) stay out of it so it stays small.
        return (
            Index(
                "ix_outbox_event_undelivered_created_at",
                "created_at",
                postgresql_where=text("delivered_at IS NULL"),
            ),
        )

    event_type: Mapped[str] = mapped_column(String(100))
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    delivered_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), default=None, index=True
    )


async def record_event(
    session: AsyncSession,
    model: type[OutboxEventMixin],
    workspace_id: str,
    event_type: str,
    payload: dict[str, Any],
    *,
    occurred_at: datetime | None = None,
    flush: bool = True,
) -> uuid.UUID:
    """Add an event to the outbox inside the caller's transaction (committed with the change).

    With ``flush`` (the default) the row is written now; without, it goes with the session's
    next flush, at the latest the commit's (the same transaction either way): a request that
    records events and changes nothing else through the ORM after them saves a round trip
    per event, and several events recorded together go in one INSERT."""
    # Set attribute by attribute: the mixin's type has no keyword constructor, the mapped
    # class it is mixed into does. The id is set here, not by the column's default at flush,
    # so it is known before the row is written.
    event = model()
    event.id = uuid.uuid4()
    event.workspace_id = workspace_id
    event.event_type = event_type
    event.payload = payload
    if occurred_at is not None:
        event.occurred_at = occurred_at
    session.add(event)
    if flush:
        await session.flush()
    return event.id


def insert_event_sql(
    model: type[OutboxEventMixin], rows: str, payload: str, *, type_param: str = "outbox_event_type"
) -> str:
    """SQL adding one event to ``model``'s outbox per row of ``rows`` (a CTE's name), to be
    one of the ``WITH`` parts of a statement that makes the change itself, so change and
    event are written in one round trip (and, being one statement, in one transaction).

    ``payload`` is a SQL expression of the event's payload (``jsonb``) over the columns of
    ``rows``. The statement binds ``:outbox_workspace_id`` and ``:outbox_event_type``
    (``outbox_params``), or the event type under ``type_param`` where one statement records
    events of several types. The row is the one ``record_event`` writes, its times the
    transaction's."""
    return f"""INSERT INTO {model.__tablename__}
        (id, workspace_id, event_type, occurred_at, payload, attempts, created_at, updated_at)
    SELECT gen_random_uuid(), :outbox_workspace_id, :{type_param}, now(), {payload}, 0,
           now(), now()
    FROM {rows}
    RETURNING id"""


def outbox_params(workspace_id: str, event_type: str) -> dict[str, str]:
    """The parameters ``insert_event_sql`` binds."""
    return {"outbox_workspace_id": workspace_id, "outbox_event_type": event_type}


async def record_events(
    session: AsyncSession,
    model: type[OutboxEventMixin],
    workspace_id: str,
    event_type: str,
    payloads: Sequence[Mapping[str, Any]],
    *,
    occurred_at: datetime | None = None,
) -> list[uuid.UUID]:
    """Add many events of one type to the outbox in one statement (a COPY), inside the caller's
    transaction; their ids, in the order of ``payloads``.

    For bulk changes (an import of thousands of rows): one INSERT per event through the ORM
    would cost more than the change itself. The rows are the ones ``record_event`` writes.
    """
    if not payloads:
        return []
    now = utcnow()
    at = occurred_at if occurred_at is not None else now
    ids = [uuid.uuid4() for _ in payloads]
    records = [
        # JSON text, as the ORM sends it: SQLAlchemy's asyncpg codec for jsonb takes text.
        (event_id, workspace_id, event_type, at, json.dumps(dict(payload)), 0, now, now)
        for event_id, payload in zip(ids, payloads, strict=True)
    ]
    driver = await driver_connection(session)
    await driver.copy_records_to_table(model.__tablename__, records=records, columns=_COPY_COLUMNS)
    return ids
