"""Async engine and session, with one commit point: the request's session dependency."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)


def async_url(url: str) -> str:
    """Accept ``postgresql://`` / ``postgres://`` URLs and use the asyncpg driver."""
    for prefix in ("postgresql+asyncpg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    raise ValueError(f"expected a postgresql:// URL (got {url.split('://')[0]}://…)")


class Database:
    """An engine and its session factory; lives in the app's lifespan state."""

    def __init__(
        self, url: str, *, pool_size: int = 10, application_name: str = "mediaops"
    ) -> None:
        self.engine: AsyncEngine = create_async_engine(
            async_url(url),
            pool_size=pool_size,
            max_overflow=pool_size,
            pool_pre_ping=True,
            connect_args={"server_settings": {"application_name": application_name}},
        )
        self.sessionmaker = async_sessionmaker(self.engine, expire_on_commit=False)

    async def dispose(self) -> None:
        await self.engine.dispose()


# Where a route's door leaves a coroutine to run in the session as soon as it opens, before
# the route's own work (``servicekit.idempotency`` claims its key there).
SCOPE_ON_SESSION = "mediaops.on_session"


async def session_opened(request: Request, session: AsyncSession) -> None:
    """Run what the route's door asked to run in the request's session before its work."""
    on_session: Callable[[AsyncSession], Awaitable[None]] | None = request.scope.get(
        SCOPE_ON_SESSION
    )
    if on_session is not None:
        await on_session(session)


# Where a session keeps the callbacks to run once its transaction has committed.
_AFTER_COMMIT = "mediaops.after_commit"


def after_commit(session: AsyncSession, callback: Callable[[], Awaitable[None]]) -> None:
    """Run ``callback`` after the request's commit (``get_db_session``); dropped on rollback."""
    session.info.setdefault(_AFTER_COMMIT, []).append(callback)


async def run_after_commit(session: AsyncSession) -> None:
    """Run (once) the callbacks registered on ``session`` since its last commit."""
    callbacks: list[Callable[[], Awaitable[None]]] = session.info.pop(_AFTER_COMMIT, [])
    for callback in callbacks:
        await callback()


@asynccontextmanager
async def request_transaction(request: Request, session: AsyncSession) -> AsyncIterator[None]:
    """The one commit point: commit when the endpoint returns, roll back when it raises; every
    provider of the request's session runs its request in this (the test plugin's joined
    session too, where commit and rollback act on a savepoint)."""
    await session_opened(request, session)
    try:
        yield
    except BaseException:
        session.info.pop(_AFTER_COMMIT, None)
        await session.rollback()
        raise
    else:
        await session.commit()
        await run_after_commit(session)


async def get_db_session(request: Request) -> AsyncIterator[AsyncSession]:
    database: Database = request.state.database
    async with database.sessionmaker() as session, request_transaction(request, session):
        yield session


# scope="function" runs the commit before the response is sent, so a failed commit is an
# error response rather than a 2xx for data that was never stored.
SessionDep = Annotated[AsyncSession, Depends(get_db_session, scope="function")]
