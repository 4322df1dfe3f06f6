"""Async engine and session, with one commit point: the request's session dependency."""

from __future__ import annotations

import json
import re
import weakref
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Collection, Iterator, Mapping
from contextlib import asynccontextmanager
from typing import Annotated, Any, TypeVar

import asyncpg
from fastapi import Depends, Request
from prometheus_client import REGISTRY
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import event, text
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Session, SessionTransaction
from sqlalchemy.util import greenlet_spawn

from servicekit.tracing import statement_span, trace_engine


def async_url(url: str) -> str:
    """Accept ``postgresql://`` / ``postgres://`` URLs and use the asyncpg driver."""
    for prefix in ("postgresql+asyncpg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    raise ValueError(f"expected a postgresql:// URL (got {url.split('://')[0]}://…)")


_READS_ONLY = "mediaops.reads_only"


def _discard_closed_connection(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    """A pool checkout hook: a connection whose socket the server has closed (its backend
    terminated, the server restarted) is dropped and another one handed out, with no round trip.

    Instead of ``pool_pre_ping``, which sent a ping in its own transaction (BEGIN, a statement,
    ROLLBACK: three round trips) at every checkout, before every request's first statement.
    asyncpg learns that the server closed the connection as soon as the event loop reads the
    close, so ``is_closed()`` is a look at a flag. SQLAlchemy retries a checkout that raises
    ``DisconnectionError`` with another connection (a fresh one when the pool holds no more)."""
    driver = getattr(dbapi_connection, "driver_connection", None)
    if driver is not None and driver.is_closed():
        raise DisconnectionError("the server closed this pooled connection")


class _PoolUsage(Collector):
    """``mediaops_db_pool_connections{pool, state}``: the connections of every open
    ``Database``'s pool (``pool`` is its application name), read when Prometheus scrapes, so
    nothing is counted per request. ``checked_out`` near ``size`` means requests queue for a
    connection."""

    def __init__(self) -> None:
        self.databases: weakref.WeakSet[Database] = weakref.WeakSet()

    def collect(self) -> Iterator[GaugeMetricFamily]:
        family = GaugeMetricFamily(
            "mediaops_db_pool_connections",
            "Database pool connections by state: checked_out (in use), idle, size (kept open)",
            labels=["pool", "state"],
        )
        totals: Counter[tuple[str, str]] = Counter()
        for database in list(self.databases):
            pool = database.engine.sync_engine.pool
            for state, read in (
                ("checked_out", "checkedout"),
                ("idle", "checkedin"),
                ("size", "size"),
            ):
                if callable(reader := getattr(pool, read, None)):
                    totals[(database.name, state)] += int(reader())
        for (name, state), value in sorted(totals.items()):
            family.add_metric([name, state], value)
        yield family


POOL_USAGE = _PoolUsage()
REGISTRY.register(POOL_USAGE)


class Database:
    """An engine and its session factory; lives in the app's lifespan state.

    ``pool_size`` connections are kept open; ``max_overflow`` more may be opened for a burst and
    are closed again as soon as they are returned while the pool is full. Under a steady load
    above ``pool_size`` concurrent requests that means a new PostgreSQL connection (a backend
    forked on the server, ~4 ms) for every request beyond it, so the default is none: requests
    beyond the pool wait for a connection (up to ``pool_timeout_s``, then they fail).
    ``pool_recycle_s`` replaces a connection older than that at its
    next checkout (a server or proxy that drops idle connections silently)."""

    def __init__(
        self,
        url: str,
        *,
        pool_size: int = 10,
        max_overflow: int = 0,
        pool_timeout_s: float = 30.0,
        pool_recycle_s: float = 1800.0,
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
            max_overflow=max_overflow,
            pool_timeout=pool_timeout_s,
            pool_recycle=pool_recycle_s,
            connect_args=connect_args,
        )
        event.listen(self.engine.sync_engine.pool, "checkout", _discard_closed_connection)
        trace_engine(self.engine.sync_engine)
        self.name = application_name
        POOL_USAGE.databases.add(self)
        self.sessionmaker = async_sessionmaker(self.engine, expire_on_commit=False)
        # The same pool, each statement its own transaction: for routes marked ``reads_only``.
        self.read_sessionmaker = async_sessionmaker(
            self.engine.execution_options(isolation_level="AUTOCOMMIT"),
            expire_on_commit=False,
            info={_READS_ONLY: True},
        )

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


# For the rest of the transaction: each statement planned with its parameters' values.
PLAN_WITH_VALUES = "set_config('plan_cache_mode', 'force_custom_plan', true)"
# For the rest of the transaction: no JIT compilation. PostgreSQL compiles a statement whose
# estimated cost passes jit_above_cost (100,000 by default), and past 500,000 inlines and
# optimizes it too: ~250-300 ms each time for a statement estimated at ~700,000 that ran in
# ~30 ms (PostgreSQL 15 with LLVM, bench/RESULTS.md, "background polls"). It pays off only for
# statements that run for seconds; a statement whose row estimate is several times too high can
# pass the threshold while it runs in milliseconds.
JIT_OFF = "set_config('jit', 'off', true)"


async def plan_with_values(session: AsyncSession, *, without_jit: bool = False) -> None:
    """Plan the rest of this transaction's statements with their parameters' values (one round
    trip; ``PLAN_WITH_VALUES`` joins another statement where one is sent anyway).

    The driver prepares each statement once per connection, and from its sixth execution there
    PostgreSQL may keep a generic plan, made without the values, whenever its estimate is no
    higher than the custom plans'. That estimate takes the workspace, group, campaign or batch
    asked about for an average one; where one holds most of a table, the generic plan reads all
    of it: a group's task list 0.02 → 58 ms, the calendar 56 → 437 ms, a campaign's stats
    0.25 → 47 ms over 1M codes, a funnel 0.3 → 30 s (bench/RESULTS.md, "generic plans"). The
    reads whose work depends on how big the thing they are about is call this first. Planning
    every time costs PostgreSQL ~35 µs of CPU per statement, which the hot fixed statements (a
    claim, a get by id) are spared.

    ``without_jit=True`` also turns JIT compilation off for the transaction (``JIT_OFF``), in
    the same round trip.

    It holds for a transaction, so a ``reads_only`` session, which runs each statement as its
    own, refuses it (``ReadOnlySession``) rather than ignore it."""
    if session.info.get(_READS_ONLY):
        raise ReadOnlySession("plan_with_values needs a transaction; a reads_only route has none")
    settings = f"{PLAN_WITH_VALUES}, {JIT_OFF}" if without_jit else PLAN_WITH_VALUES
    await session.execute(text(f"SELECT {settings}"))


async def driver_connection(session: AsyncSession) -> Any:
    """The driver's (asyncpg's) connection under the session's transaction, for what only the
    driver does (COPY) and for the few fixed statements every request sends (the
    idempotency record: ``servicekit.idempotency``), where SQLAlchemy's statement machinery
    costs ~110 µs of CPU a statement against ~55 µs for asyncpg alone (bench/RESULTS.md).

    SQLAlchemy's asyncpg adapter sends BEGIN with the first statement it runs itself; a
    statement sent straight to the driver before any would run outside the transaction and
    commit on its own, whatever the request does next. So the adapter's transaction is
    started first when it has none (its own ``_start_transaction``, what it would call before
    its first statement: no extra round trip), or, should a SQLAlchemy release no longer have
    that method, by one statement through SQLAlchemy (``SELECT 1``)."""
    # Asked for again within one transaction (the idempotency claim, the change, the answer),
    # the connection found the first time serves: the same transaction, the same connection,
    # without the ~50 µs of looking it up through the session's greenlet each time. Within a
    # savepoint (``begin_nested``) it is looked up again: SQLAlchemy sends the SAVEPOINT only
    # as the savepoint's connection is first asked for, and a statement sent before that would
    # not be undone by its rollback.
    known = session.info.get(_DRIVER)
    current = _innermost_transaction(session)
    if known is not None and current is not None and known[0] is current and current.is_active:
        return known[1]
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    driver = raw.driver_connection
    if driver is None:  # only a connection already closed has none
        raise RuntimeError("the session's connection is closed")
    if not driver.is_in_transaction():
        adapter = raw.dbapi_connection
        start = getattr(adapter, "_start_transaction", None)
        if start is not None and getattr(adapter, "_transaction", False) is None:
            await start()
        else:
            await connection.exec_driver_sql("SELECT 1")
    if not driver.is_in_transaction():
        # A session reading without BEGIN (``reads_only``): a write sent here would commit on
        # its own, outside the request's one commit point.
        raise RuntimeError("the session has no transaction (a reads_only route?)")
    session.info[_DRIVER] = (_innermost_transaction(session), driver)
    return driver


def _innermost_transaction(session: AsyncSession) -> SessionTransaction | None:
    """The session's savepoint when it is in one, else its transaction."""
    sync = session.sync_session
    return sync.get_nested_transaction() or sync.get_transaction()


# Where ``driver_connection`` keeps what it found, in the session's ``info``.
_DRIVER = "servicekit.driver_connection"


_PLAIN_SELECT = re.compile(r"\s*SELECT\b", re.IGNORECASE)
_NOT_A_PLAIN_READ = re.compile(r";|\bINTO\b|\bFOR\s+(UPDATE|SHARE|NO\s+KEY|KEY)\b", re.IGNORECASE)
# A ``:name`` parameter, not the second colon of a ``::type`` cast.
_NAMED_PARAMETER = re.compile(r"(?<![:\w]):(\w+)")


class DriverStatement:
    """A fixed SQL statement with ``:name`` parameters, sent by asyncpg itself in the
    session's transaction (``driver_connection``), or in a ``reads_only`` route's session as
    its own transaction when it is a plain read, traced as the engine's statements are.

    For the few statements every request of a money path sends (the coupon claim and redeem,
    the ``Idempotency-Key`` record): SQLAlchemy's statement machinery (the session, the
    compiled cache, the adapter, the result's typing) costs several times the driver's own
    work for them (bench/RESULTS.md, 2026-12-05). The statement is written once as text and its
    parameters numbered once; ``json_params`` names those sent as JSON (a jsonb value), encoded
    here as SQLAlchemy's asyncpg codec for jsonb expects. PostgreSQL types the other
    parameters from the statement, so each must be used where its type is plain (a column
    compared or assigned, or a ``CAST``). Every ``:word`` is a parameter: the statement may not
    hold one in a string literal or a comment, nor ``$n`` placeholders of its own."""

    def __init__(self, sql: str, *, json_params: Collection[str] = ()) -> None:
        if re.search(r"\$\d", sql):
            raise ValueError("write parameters as :name; the statement numbers them itself")
        names: list[str] = []

        def number(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in names:
                names.append(name)
            return f"${names.index(name) + 1}"

        self.sql = _NAMED_PARAMETER.sub(number, sql)
        self.names = tuple(names)
        unknown = set(json_params) - set(names)
        if unknown:
            raise ValueError(f"json_params names parameters the statement does not take: {unknown}")
        self.json_params = frozenset(json_params)
        # A plain read, the one kind of statement a ``reads_only`` route may send: one SELECT
        # (no data-modifying WITH, which would start with WITH; no second statement after a
        # `;`), taking no row lock (which would end with the statement under autocommit) and
        # creating no table (SELECT … INTO). A guard against a mistake in a fixed statement of
        # our own, not against a hostile one: a function with side effects is not looked for.
        self.reads = bool(_PLAIN_SELECT.match(self.sql)) and not _NOT_A_PLAIN_READ.search(self.sql)

    def arguments(self, params: Mapping[str, Any]) -> list[Any]:
        """``params`` in the statement's order (a missing one raises ``KeyError``)."""
        return [
            json.dumps(params[name]) if name in self.json_params and params[name] is not None
            else params[name]
            for name in self.names
        ]  # fmt: skip

    async def fetchrow(self, session: AsyncSession, params: Mapping[str, Any]) -> Any:
        """The statement's first row (an ``asyncpg.Record``), or None."""
        return await self._run(session, "fetchrow", params)

    async def fetch(self, session: AsyncSession, params: Mapping[str, Any]) -> list[Any]:
        """Every row of the statement (``asyncpg.Record``s)."""
        rows: list[Any] = await self._run(session, "fetch", params)
        return rows

    async def execute(self, session: AsyncSession, params: Mapping[str, Any]) -> str:
        """Run the statement; its status (``UPDATE 1``)."""
        status: str = await self._run(session, "execute", params)
        return status

    async def _run(self, session: AsyncSession, call: str, params: Mapping[str, Any]) -> Any:
        """The driver's ``call`` (fetchrow, fetch, execute) of the statement: in the session's
        transaction, or, in a ``reads_only`` route's session (no transaction: each statement
        commits on its own), for a plain ``SELECT`` only (``_read_connection``)."""
        # Before any connection is taken: a missing parameter is the caller's mistake, not a
        # reason to close a borrowed connection.
        arguments = self.arguments(params)
        if not session.info.get(_READS_ONLY):
            driver = await driver_connection(session)
            with statement_span(self.sql):
                return await getattr(driver, call)(self.sql, *arguments)
        async with self._read_connection(session) as driver:
            with statement_span(self.sql):
                return await getattr(driver, call)(self.sql, *arguments)

    @asynccontextmanager
    async def _read_connection(self, session: AsyncSession) -> AsyncIterator[Any]:
        """A ``reads_only`` session's connection for this plain read: the session's own when it
        holds one already (an ORM read began it), else one borrowed from the pool for this
        statement alone (``_borrowed``)."""
        if not self.reads:
            raise ReadOnlySession(
                "a route marked reads_only sent a statement that is not a plain SELECT"
            )
        # A session bound to an engine, not to one connection: the test plugin's joined session
        # is bound to the connection whose transaction every statement must stay in.
        if not session.in_transaction() and isinstance(session.bind, AsyncEngine):
            async with _borrowed(session.bind) as driver:
                yield driver
            return
        connection = await session.connection()
        raw = await connection.get_raw_connection()
        if raw.driver_connection is None:  # only a connection already closed has none
            raise RuntimeError("the session's connection is closed")
        yield raw.driver_connection


@asynccontextmanager
async def _borrowed(engine: AsyncEngine) -> AsyncIterator[Any]:
    """A driver connection from the engine's pool for one statement outside any transaction,
    returned as soon as it is done: what a ``reads_only`` session's plain reads use while the
    session holds no connection, instead of the session's own, whose SQLAlchemy session,
    connection and commit bookkeeping cost 7% of a simple list's instructions
    (bench/RESULTS.md "2026-12-06 (morning)") for a statement that needs none of it. The
    session holds no connection meanwhile, and a later ORM read takes its own only after this
    one is back: a request that uses its session one statement at a time (as SQLAlchemy asks)
    never holds two. After an error of PostgreSQL's the connection goes back to the pool as
    after a success (outside a transaction, nothing is left to undo); after anything else
    (cancelled mid-statement, the socket gone) it is closed rather than pooled."""
    pooled = await engine.raw_connection()
    try:
        driver = pooled.driver_connection
        if driver is None or driver.is_in_transaction():
            raise RuntimeError("the pool lent a connection that is closed or in a transaction")
        yield driver
    except asyncpg.PostgresError:
        await greenlet_spawn(pooled.close)
        raise
    except BaseException:
        await greenlet_spawn(pooled.invalidate)
        raise
    else:
        await greenlet_spawn(pooled.close)


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
        if _has_work(session):
            await session.commit()


def _has_work(session: AsyncSession) -> bool:
    """Whether committing the session would do anything: whether it began a transaction, which
    SQLAlchemy does at its first statement or flush and as soon as an object is added. A session
    that did neither (any route's, where its reads were ``_borrowed`` or it read nothing) is not
    committed: SQLAlchemy would begin a transaction only to commit it, 5% of a simple list's
    instructions for nothing (bench/RESULTS.md "2026-12-06 (morning)")."""
    return session.in_transaction()


_Endpoint = TypeVar("_Endpoint", bound=Callable[..., Any])


def reads_only(endpoint: _Endpoint) -> _Endpoint:
    """Mark a GET endpoint whose every statement is a plain read (no row lock, no cursor, no
    write, no ``SET LOCAL``): its session runs each statement as its own transaction, which
    saves the BEGIN and COMMIT round trips around a one-statement read (two of its three).

    What it gives up is nothing such a route had: under READ COMMITTED every statement sees
    its own snapshot, in a transaction or not. An ORM flush in such a session is refused
    (``ReadOnlySession``), so a write added later fails loudly rather than committing alone."""
    setattr(endpoint, _READS_ONLY, True)
    return endpoint


class ReadOnlySession(RuntimeError):
    """A route marked ``reads_only`` tried to write through its session."""


@event.listens_for(Session, "before_flush")
def _refuse_writes(session: Session, _context: Any, _instances: Any) -> None:
    if session.info.get(_READS_ONLY) and (session.new or session.dirty or session.deleted):
        raise ReadOnlySession("a route marked reads_only wrote through its session")


def _route_reads_only(request: Request) -> bool:
    route = request.scope.get("route")
    return request.method in ("GET", "HEAD") and bool(
        getattr(getattr(route, "endpoint", None), _READS_ONLY, False)
    )


async def get_db_session(request: Request) -> AsyncIterator[AsyncSession]:
    database: Database = request.state.database
    factory = database.read_sessionmaker if _route_reads_only(request) else database.sessionmaker
    async with factory() as session, request_transaction(request, session):
        yield session


# scope="function" runs the commit before the response is sent, so a failed commit is an
# error response rather than a 2xx for data that was never stored.
SessionDep = Annotated[AsyncSession, Depends(get_db_session, scope="function")]
# A session that stays open until the answer has been sent, for a route that streams rows it
# reads as it sends them (a CSV export): only reads, so its commit at the end changes nothing.
StreamingSessionDep = Annotated[AsyncSession, Depends(get_db_session, scope="request")]
