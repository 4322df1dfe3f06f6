"""Async engine and session, with one commit point: the request's session dependency."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Annotated, Any

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
        self,
        url: str,
        *,
        pool_size: int = 10,
        application_name: str = "mediaops",
        connect_timeout_s: float | None = None,
    ) -> None:
        connect_args: dict[str, Any] = {"server_settings": {"application_name": application_name}}
        if connect_timeout_s is not None:
            # asyncpg waits 60 s for a connection by default: an app that must answer quickly
            # while its database is unreachable (the gateway's API keys) asks for less.
            connect_args["timeout"] = connect_timeout_s
        self.engine: AsyncEngine = create_async_engine(
            async_url(url),
            pool_size=pool_size,
            max_overflow=pool_size,
            pool_pre_ping=True,
            connect_args=connect_args,
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


async def driver_connection(session: AsyncSession) -> Any:
    """The driver's (asyncpg's) connection under the session's transaction, for what only the
    driver does (COPY).

    SQLAlchemy's asyncpg adapter sends BEGIN with the first statement it runs itself; a COPY
    sent straight to the driver before any would run outside the transaction and commit on its
    own, whatever the request does next. So one statement goes first when none has."""
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    driver = raw.driver_connection
    if driver is None:  # only a connection already closed has none
        raise RuntimeError("the session's connection is closed")
    if not driver.is_in_transaction():
        await connection.exec_driver_sql("SELECT 1")
    return driver


@asynccontextmanager
async def request_transaction(request: Request, session: AsyncSession) -> AsyncIterator[None]:
    """The one commit point: commit when the endpoint returns, roll back when it raises; every
    provider of the request's session runs its request in this (the test plugin's joined
    session too, where commit and rollback act on a savepoint)."""
    await session_opened(request, session)
    try:
        yield
    except BaseException:
        await session.rollback()
        raise
    else:
        await session.commit()


async def get_db_session(request: Request) -> AsyncIterator[AsyncSession]:
    database: Database = request.state.database
    async with database.sessionmaker() as session, request_transaction(request, session):
        yield session


# scope="function" runs the commit before the response is sent, so a failed commit is an
# error response rather than a 2xx for data that was never stored.
SessionDep = Annotated[AsyncSession, Depends(get_db_session, scope="function")]
# A session that stays open until the answer has been sent, for a route that streams rows it
# reads as it sends them (a CSV export): only reads, so its commit at the end changes nothing.
StreamingSessionDep = Annotated[AsyncSession, Depends(get_db_session, scope="request")]
