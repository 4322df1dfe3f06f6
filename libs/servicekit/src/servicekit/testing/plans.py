"""Which plans PostgreSQL made for the statements prepared on a test's connection, for tests
that a read is planned with its parameters' values (``servicekit.db.plan_with_values``).

PostgreSQL keeps a generic plan only from a statement's sixth execution on a connection, and
only when its estimate wins, which a test's few rows may not reproduce. ``force_generic_plans``
makes that choice for every statement of the test's transaction at once, so a read that does not
ask for its values gets a generic plan on its first execution, and one that does gets a custom
one: ``assert_planned_with_values`` fails exactly when the read would be left to PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession


async def force_generic_plans(session: AsyncSession) -> None:
    """Every statement prepared on the session's connection from here to the end of its
    transaction gets a generic plan unless it asks otherwise."""
    await session.execute(text("SET LOCAL plan_cache_mode = force_generic_plan"))


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
