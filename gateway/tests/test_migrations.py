"""The gateway's own database: its migrations build exactly the schema its models describe and
undo it cleanly (the checks every service's contract makes)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from alembic import command
from sqlalchemy.ext.asyncio import AsyncEngine

from gateway.apikeys.models import metadata
from servicekit.migrations import COMPATIBILITY_TABLE, alembic_config
from servicekit.testing import ServiceUnderTest
from servicekit.testing.contract import public_tables, schema_differences


async def test_migrated_schema_matches_the_models(engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        differences = await conn.run_sync(schema_differences, metadata)
    assert differences == []


# Sync: Alembic's env.py runs its own event loop, which cannot nest in the test's.
def test_downgrade_to_base_removes_everything_and_upgrade_rebuilds_it(
    scratch_database: Callable[[str], str], service_under_test: ServiceUnderTest
) -> None:
    url = scratch_database("gateway_roundtrip")
    config = alembic_config(service_under_test.alembic_ini, url)
    tables = set(metadata.tables)
    assert tables == {"api_key", "idempotency_key"}

    command.upgrade(config, "heads")
    assert tables <= asyncio.run(public_tables(url))
    command.downgrade(config, "base")
    assert asyncio.run(public_tables(url)) == {"alembic_version", COMPATIBILITY_TABLE}
    command.upgrade(config, "heads")
    assert tables <= asyncio.run(public_tables(url))
