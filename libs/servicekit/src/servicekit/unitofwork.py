"""The unit of work: what one request's code changes, and the one place it is committed.

A route receives one ``UnitOfWorkDep``. It holds the request's session and workspace, hands out
the workspace's repositories (one of each class per request, so services never build a sibling
repository from another one's session), and records domain events into the service's outbox in
the same transaction as the change. The commit point stays the session dependency
(``servicekit.db.get_db_session``): commit when the route returns, roll back when it raises.

The outbox relay reads what ``record`` wrote once it is committed, oldest first, from the
service's ``outbox_event`` table: a rolled-back request leaves nothing for it to send.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Annotated, Any, Protocol, TypeVar

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from servicekit.context import get_request_context
from servicekit.db import SessionDep, StreamingSessionDep
from servicekit.outbox import OutboxEventMixin, record_event, record_events
from servicekit.state import service_state


class WorkspaceBound(Protocol):
    """What a repository class is to a unit of work: built from the session and the workspace."""

    def __init__(self, session: AsyncSession, workspace_id: str) -> None: ...


R = TypeVar("R", bound=WorkspaceBound)


class NoOutbox(RuntimeError):
    """A unit of work of a service without an outbox table was asked to record an event."""


class UnitOfWork:
    """One request's session, workspace, repositories and outbox."""

    def __init__(
        self,
        session: AsyncSession,
        workspace_id: str,
        outbox_model: type[OutboxEventMixin] | None = None,
    ) -> None:
        self.session = session
        self.workspace_id = workspace_id
        self._outbox_model = outbox_model
        self._repositories: dict[type[WorkspaceBound], WorkspaceBound] = {}

    def repo(self, kind: type[R]) -> R:
        """The request's repository of this class (built on first use, then the same one)."""
        found = self._repositories.get(kind)
        if not isinstance(found, kind):
            found = kind(self.session, self.workspace_id)
            self._repositories[kind] = found
        return found

    async def record(
        self,
        event_type: str,
        payload: Mapping[str, Any],
        *,
        occurred_at: datetime | None = None,
    ) -> uuid.UUID:
        """Store a domain event in the outbox, committed (or rolled back) with the change.

        The row is written with the session's next flush (at the latest the commit's), not by
        a round trip of its own: the events of a request go in one INSERT."""
        event_id = await record_event(
            self.session,
            self.outbox_model(),
            self.workspace_id,
            event_type,
            dict(payload),
            occurred_at=occurred_at,
            flush=False,
        )
        return event_id

    async def record_many(
        self,
        event_type: str,
        payloads: Sequence[Mapping[str, Any]],
        *,
        occurred_at: datetime | None = None,
    ) -> list[uuid.UUID]:
        """Store many domain events of one type in one statement (a bulk change's: an import
        of thousands of rows), committed (or rolled back) with the change."""
        return await record_events(
            self.session,
            self.outbox_model(),
            self.workspace_id,
            event_type,
            payloads,
            occurred_at=occurred_at,
        )

    def outbox_model(self) -> type[OutboxEventMixin]:
        """The service's outbox table, for a statement that records its event itself
        (``servicekit.outbox.insert_event_sql``)."""
        if self._outbox_model is None:
            raise NoOutbox("this service has no outbox table; give create_service_app one")
        return self._outbox_model


async def get_unit_of_work(request: Request, session: SessionDep) -> UnitOfWork:
    ctx = await get_request_context(request)
    outbox_model = service_state(request.scope)["outbox_model"]
    return UnitOfWork(session, ctx.workspace_id, outbox_model)


UnitOfWorkDep = Annotated[UnitOfWork, Depends(get_unit_of_work)]


async def get_streaming_unit_of_work(request: Request, session: StreamingSessionDep) -> UnitOfWork:
    ctx = await get_request_context(request)
    outbox_model = service_state(request.scope)["outbox_model"]
    return UnitOfWork(session, ctx.workspace_id, outbox_model)


# A unit of work for reading what a streamed answer sends (``StreamingResponse``): its session
# lives until the last byte is sent, where ``UnitOfWorkDep``'s has committed and closed before
# the answer starts. Its repositories read; a route writes through ``UnitOfWorkDep``.
StreamingUnitOfWorkDep = Annotated[UnitOfWork, Depends(get_streaming_unit_of_work)]
