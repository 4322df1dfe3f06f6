"""The migration that brings tracking codes gives every existing publication one: well formed,
each its own, and unique from then on."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from typing import Any

import asyncpg
import pytest
from alembic import command

from servicekit.migrations import alembic_config
from servicekit.testing import ServiceUnderTest

BEFORE = "c0a7_idempotency_key"
WELL_FORMED = re.compile(r"[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}")
PUBLICATIONS = 1200

SEED = (
    """
INSERT INTO channel (id, workspace_id, platform, name, handle, timezone, version,
                     limit_overrides, prime_time_slots, publisher_kind)
VALUES ('00000000-0000-0000-0000-0000000000c1', 'ws-a', 'weibo', '微博', 'brand',
        'Asia/Shanghai', 1, '{}', '[]', 'manual')
""",
    """
INSERT INTO post (id, workspace_id, title, body, summary, tags, media, status, version)
VALUES ('00000000-0000-0000-0000-0000000000b1', 'ws-a', '标题', '正文', '', '{}', '[]',
        'approved', 1)
""",
    f"""
INSERT INTO publication (id, workspace_id, post_id, channel_id, status, scheduled_at,
                         next_attempt_at, attempts, delivery_id)
SELECT gen_random_uuid(), CASE WHEN n % 2 = 0 THEN 'ws-a' ELSE 'ws-b' END,
       '00000000-0000-0000-0000-0000000000b1', '00000000-0000-0000-0000-0000000000c1',
       'published', now(), now(), 1, gen_random_uuid()
FROM generate_series(1, {PUBLICATIONS}) AS n
""",
)


async def _run(url: str, *statements: str) -> list[Any]:
    conn = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://", 1))
    try:
        return [await conn.fetch(s) for s in statements]
    finally:
        await conn.close()


# Sync: Alembic's env.py runs its own event loop, which cannot nest in the test's.
def test_upgrade_backfills_a_distinct_code_for_every_publication(
    scratch_database: Callable[[str], str], service_under_test: ServiceUnderTest
) -> None:
    url = scratch_database("content_tracking_backfill")
    config = alembic_config(service_under_test.alembic_ini, url)
    command.upgrade(config, BEFORE)
    asyncio.run(_run(url, *SEED))
    command.upgrade(config, "heads")

    (rows,) = asyncio.run(_run(url, "SELECT tracking_code FROM publication"))
    codes = [row["tracking_code"] for row in rows]
    assert len(codes) == PUBLICATIONS
    assert all(code is not None and WELL_FORMED.fullmatch(code) for code in codes)
    assert len(set(codes)) == PUBLICATIONS
    with pytest.raises(asyncpg.UniqueViolationError, match="uq_publication_tracking_code"):
        asyncio.run(
            _run(
                url,
                f"UPDATE publication SET tracking_code = '{codes[0]}' "
                f"WHERE tracking_code = '{codes[1]}'",
            )
        )
    with pytest.raises(asyncpg.NotNullViolationError):
        asyncio.run(_run(url, "UPDATE publication SET tracking_code = NULL"))
    command.downgrade(config, BEFORE)
    command.upgrade(config, "heads")
