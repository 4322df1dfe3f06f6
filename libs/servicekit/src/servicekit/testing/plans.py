"""Plans, for tests: which plans PostgreSQL made for the statements prepared on a test's
connection, for tests that a read is planned with its parameters' values
(``servicekit.db.plan_with_values``); and, for tests that a statement reads a table the way it
must whatever plan PostgreSQL makes, the statements a piece of code sends
(``sent_statements``) and their plans under custom and generic plans (``plans_by_mode``).

PostgreSQL keeps a generic plan only from a statement's sixth execution on a connection, and
only when its estimate wins, which a test's few rows may not reproduce. ``force_generic_plans``
makes that choice for every statement of the test's transaction at once, so a read that does not
ask for its values gets a generic plan on its first execution, and one that does gets a custom
one: ``assert_planned_with_values`` fails exactly when the read would be left to PostgreSQL.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from servicekit.db import Database

if TYPE_CHECKING:
    import asyncpg

PlanMode = Literal["force_custom_plan", "force_generic_plan"]


async def force_generic_plans(session: AsyncSession) -> None:
    """Every statement prepared on the session's connection from here to the end of its
    transaction gets a generic plan unless it asks otherwise."""
    await session.execute(text("SET LOCAL plan_cache_mode = force_generic_plan"))


def _generic_plans_by_default(engine: AsyncEngine) -> None:
    """Every connection ``engine`` opens from now on plans each statement generically unless
    its transaction asks otherwise."""

    @event.listens_for(engine.sync_engine, "connect")
    def generic_by_default(dbapi_connection: Any, _record: Any) -> None:
        # asyncpg's own call: no transaction of the adapter's around it to roll it back
        dbapi_connection.run_async(lambda c: c.execute("SET plan_cache_mode = force_generic_plan"))


async def assert_steps_planned_with_values(
    database_url: str,
    step_on: Callable[[Database], Callable[[], Awaitable[object]]],
    *fragments: str,
    calls: int = 2,
) -> None:
    """For code that runs in transactions of its own (a background loop's step: a poll, a
    purge): ``step_on(database)`` gives the step run on ``database``, a pool of one connection
    on which every statement is planned generically unless its transaction asks otherwise.
    ``calls`` steps must make no generic plan for the statement whose text holds every
    fragment, and a custom one each."""
    database = Database(database_url, pool_size=1, application_name="plans-check")
    _generic_plans_by_default(database.engine)
    try:
        step = step_on(database)
        for _ in range(calls):
            await step()
        async with database.sessionmaker() as session:  # the pool's one connection
            assert await session.scalar(text("SHOW plan_cache_mode")) == "force_generic_plan"
            generic, custom = await prepared_plans(session, *fragments)
    finally:
        await database.dispose()
    assert generic == 0, f"a generic plan for {fragments}"
    assert custom >= calls, f"{fragments}: not run, or not planned each time"


async def prepared_plans(session: AsyncSession, *fragments: str) -> tuple[int, int]:
    """``(generic plans, custom plans)`` made so far for the statements prepared on the
    session's connection whose text holds every fragment (this query's own text left out),
    summed: compare them before and after the calls of a test, as the connection may hold
    earlier tests' statements."""
    rows = await session.execute(
        text(
            "SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements "
            "WHERE statement NOT LIKE '%pg_prepared_statements%'"
        )
    )
    generic = custom = 0
    for statement, generic_plans, custom_plans in rows:
        if all(fragment in statement for fragment in fragments):
            generic += int(generic_plans)
            custom += int(custom_plans)
    return generic, custom


async def assert_planned_with_values(
    session: AsyncSession, read: Callable[[], Awaitable[object]], *fragments: str, calls: int = 2
) -> None:
    """``read`` (a request through the app joined to ``session``'s transaction), called
    ``calls`` times with generic plans forced on the connection, made no generic plan and a
    custom one per call for its statement (the one whose text holds every fragment)."""
    await force_generic_plans(session)
    generic_before, custom_before = await prepared_plans(session, *fragments)
    for _ in range(calls):
        await read()
    generic_after, custom_after = await prepared_plans(session, *fragments)
    assert generic_after - generic_before == 0, f"a generic plan for {fragments}"
    assert custom_after - custom_before >= calls, f"{fragments}: not run, or not planned each time"


@contextmanager
def sent_statements(
    bind: AsyncEngine | AsyncConnection,
) -> Iterator[list[tuple[str, Any]]]:
    """Every statement ``bind`` (an engine, or one connection of it) sends while the block
    runs, as the driver gets it: its SQL (``$n`` parameters) and its parameters."""
    sent: list[tuple[str, Any]] = []
    target: Any = bind.sync_engine if isinstance(bind, AsyncEngine) else bind.sync_connection

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        sent.append((statement, parameters))

    event.listen(target, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(target, "before_cursor_execute", record)


def _literal(value: Any) -> str:
    """A parameter as SQL text for ``EXECUTE``'s arguments (typed by the prepared statement)."""
    if value is None:
        return "NULL"
    assert isinstance(value, str | int | uuid.UUID | datetime), type(value)
    return "'" + str(value).replace("'", "''") + "'"


async def prepared_plan(
    conn: asyncpg.Connection, sql: str, arguments: Sequence[Any], mode: PlanMode
) -> dict[str, Any]:
    """The plan of ``sql`` (``$n`` parameters) prepared on ``conn`` and executed with
    ``arguments`` under ``plan_cache_mode`` = ``mode``: EXPLAIN without ANALYZE, so nothing
    runs."""
    name = f"plan_{uuid.uuid4().hex[:8]}"
    async with conn.transaction():
        await conn.execute(f"SET LOCAL plan_cache_mode = {mode}")
        await conn.execute(f"PREPARE {name} AS {sql}")
        args = ", ".join(_literal(a) for a in arguments)
        explained = await conn.fetchval(f"EXPLAIN (FORMAT JSON) EXECUTE {name}({args})")
        await conn.execute(f"DEALLOCATE {name}")
    (plan,) = json.loads(explained)
    return dict(plan["Plan"])


async def plans_by_mode(
    conn: asyncpg.Connection, sql: str, arguments: Sequence[Any]
) -> dict[PlanMode, dict[str, Any]]:
    """``sql``'s plan under a custom plan and under a generic one (``prepared_plan``)."""
    modes: tuple[PlanMode, ...] = ("force_custom_plan", "force_generic_plan")
    return {mode: await prepared_plan(conn, sql, arguments, mode) for mode in modes}


def plan_nodes(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """``plan`` and every node under it."""
    yield plan
    for child in plan.get("Plans", ()):
        yield from plan_nodes(child)
