"""Which plans PostgreSQL made for the statements prepared on a test's connection, for tests
that a read is planned with its parameters' values (``servicekit.db.plan_with_values``).

PostgreSQL keeps a generic plan only from a statement's sixth execution on a connection, and
only when its estimate wins, which a test's few rows may not reproduce. ``force_generic_plans``
makes that choice for every statement of the test's transaction at once, so a read that does not
ask for its values gets a generic plan on its first execution, and one that does gets a custom
one: the test fails exactly when the read would be left to PostgreSQL's choice.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession


async def force_generic_plans(session: AsyncSession) -> None:
    """Every statement prepared on the session's connection from here to the end of its
    transaction (rolled back after the test) gets a generic plan unless it asks otherwise."""
    await session.execute(text("SET plan_cache_mode = force_generic_plan"))


async def prepared_plans(session: AsyncSession, *fragments: str) -> tuple[int, int]:
    """``(generic plans, custom plans)`` made so far for the statements prepared on the
    session's connection whose text holds every fragment (this query's own text left out),
    summed: a test compares them before and after the calls it makes, as the connection may
    hold earlier tests' statements."""
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


def plans_made(before: tuple[int, int], after: tuple[int, int]) -> tuple[int, int]:
    """``(generic, custom)`` plans made between two ``prepared_plans`` readings."""
    return after[0] - before[0], after[1] - before[1]
