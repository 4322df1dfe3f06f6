"""The migration to the inbox and unsharded rollups keeps every number, and its downgrade
refuses to strand events that were acknowledged but not yet folded."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from typing import Any

import asyncpg
import pytest
from alembic import command
from alembic.config import Config

from servicekit.migrations import alembic_config
from servicekit.testing import ServiceUnderTest

BEFORE = "m0a4_hourly_post"
HOUR = "2026-11-20T09:00:00Z"


def _database_at(
    scratch_database: Callable[[str], str], service: ServiceUnderTest, name: str, revision: str
) -> tuple[str, Config]:
    """A scratch database migrated to ``revision``, and the Alembic config to move it on."""
    url = scratch_database(name)
    config = alembic_config(service.alembic_ini, url)
    command.upgrade(config, revision)
    return url, config


async def _run(url: str, *statements: str) -> list[Any]:
    conn = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://", 1))
    try:
        return [await conn.fetch(s) for s in statements]
    finally:
        await conn.close()


# Sync: Alembic's env.py runs its own event loop, which cannot nest in the test's.
def test_upgrade_merges_each_rollups_shards_into_one_row(
    scratch_database: Callable[[str], str], service_under_test: ServiceUnderTest
) -> None:
    url, config = _database_at(scratch_database, service_under_test, "metrics_shards", BEFORE)
    asyncio.run(
        _run(
            url,
            "INSERT INTO event_hourly (workspace_id, type, bucket_at, channel_id, post_id, "
            "campaign_id, group_id, event_count, value_sum, shard) VALUES "
            f"('ws', 'read', '{HOUR}', 'ch', 'p', '', '', 2, 30, 0), "
            f"('ws', 'read', '{HOUR}', 'ch', 'p', '', '', 3, 45, 5), "
            f"('ws', 'view', '{HOUR}', 'ch', 'p', '', '', 7, 0, 1)",
            "INSERT INTO event_hourly_dim (workspace_id, type, dimension, dimension_value, "
            "bucket_at, event_count, value_sum, shard) VALUES "
            f"('ws', 'read', 'channel_id', 'ch', '{HOUR}', 2, 30, 0), "
            f"('ws', 'read', 'channel_id', 'ch', '{HOUR}', 3, 45, 7)",
        )
    )
    command.upgrade(config, "heads")
    hourly, dims = asyncio.run(
        _run(
            url,
            "SELECT type, event_count, value_sum FROM event_hourly ORDER BY type",
            "SELECT dimension_value, event_count, value_sum FROM event_hourly_dim",
        )
    )
    assert [tuple(r) for r in hourly] == [("read", 5, 75.0), ("view", 7, 0.0)]
    assert [tuple(r) for r in dims] == [("ch", 5, 75.0)]


def test_downgrade_refuses_while_the_inbox_holds_events(
    scratch_database: Callable[[str], str], service_under_test: ServiceUnderTest
) -> None:
    url, config = _database_at(scratch_database, service_under_test, "metrics_inbox_down", "heads")
    asyncio.run(
        _run(
            url,
            "INSERT INTO event_inbox (workspace_id, id, type, occurred_at, received_at) "
            f"VALUES ('ws', gen_random_uuid(), 'view', '{HOUR}', now())",
        )
    )
    with pytest.raises(Exception, match="not yet folded"):
        command.downgrade(config, BEFORE)
    (pending,) = asyncio.run(_run(url, "SELECT count(*) FROM event_inbox"))
    assert pending[0][0] == 1
    asyncio.run(_run(url, "DELETE FROM event_inbox"))
    command.downgrade(config, BEFORE)
    command.upgrade(config, "heads")


def test_upgrade_numbers_the_actors_and_fills_the_presence_bitmaps(
    scratch_database: Callable[[str], str], service_under_test: ServiceUnderTest
) -> None:
    url, config = _database_at(
        scratch_database, service_under_test, "metrics_presence", "m0a5_inbox"
    )
    later = "2026-11-20T10:00:00Z"
    asyncio.run(
        _run(
            url,
            "INSERT INTO actor_hourly (workspace_id, type, bucket_at, actor_id, channel_id, "
            "post_id, campaign_id, group_id, event_count) VALUES "
            f"('ws', 'view', '{HOUR}', 'b', 'ch', 'p1', '', '', 1), "
            f"('ws', 'view', '{HOUR}', 'b', 'ch', 'p2', '', '', 2), "
            f"('ws', 'view', '{HOUR}', 'a', 'ch', 'p1', '', '', 1), "
            f"('ws', 'view', '{later}', 'c', 'ch', 'p1', '', '', 1), "
            f"('ws', 'purchase', '{later}', 'a', 'ch', 'p1', '', '', 1), "
            f"('other', 'view', '{HOUR}', 'z', 'ch', 'p1', '', '', 1)",
        )
    )
    command.upgrade(config, "heads")
    ordinals, hours, window = asyncio.run(
        _run(
            url,
            "SELECT workspace_id, actor_id, ordinal FROM actor_ordinal ORDER BY 1, 2",
            "SELECT workspace_id, type, bucket_at, page, bit_count(bits), "
            "(SELECT array_agg(x ORDER BY x) FROM unnest(ordinals) x) "
            "FROM actor_presence ORDER BY 1, 2, 3",
            "SELECT bit_count(bit_or(bits)) FROM actor_presence "
            "WHERE workspace_id = 'ws' AND type = 'view'",
        )
    )
    assert [tuple(r) for r in ordinals] == [
        ("other", "z", 0),
        ("ws", "a", 0),
        ("ws", "b", 1),
        ("ws", "c", 2),
    ]
    # b (1) has three views in the first hour (over two posts): listed twice.
    hour, later_hour = (datetime.fromisoformat(t) for t in (HOUR, later))
    assert [tuple(r) for r in hours] == [
        ("other", "view", hour, 0, 1, [0]),
        ("ws", "purchase", later_hour, 0, 1, [0]),
        ("ws", "view", hour, 0, 2, [0, 1, 1]),
        ("ws", "view", later_hour, 0, 1, [2]),
    ]
    assert window[0][0] == 3
