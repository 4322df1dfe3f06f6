"""A claim's pick of a code stays one ordered index scan whatever plan PostgreSQL makes for the
prepared claim statement, before the coupon table has statistics and after.

asyncpg prepares the statement, and after a few runs PostgreSQL may keep a generic plan, made
without the batch id. Once the table had statistics, a pick without an order was planned as a
sequential scan expected to stop at the first of the batch's codes, and read every older
batch's rows instead; with the order but the old index on ``batch_id`` alone still there, a
table without statistics had each claim read and sort the batch's every code through it
(bench/RESULTS.md, 2026-12-06 (late morning)). Checked on a database of its own, migrated from
the revision before the fix, so its statistics are only what the test makes."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import asyncpg
import pytest
from alembic import command

from campaign_svc.coupons.repository import _CLAIM, claim_params
from campaign_svc.models import CouponBatch
from servicekit.migrations import alembic_config
from servicekit.testing import ServiceUnderTest

BEFORE = "c3d6_partners"
INDEX = "ix_coupon_batch_id_id_available"
WORKSPACE = "ws-plan"
# Three batches of make bench's size, the newest last in the table: what a flash sale's claims
# meet. (With a tenth of the codes, the old index beside the new one was not chosen.)
CODES = 30_000
SEED = (
    f"""
INSERT INTO coupon_batch (id, workspace_id, name, discount_type, amount_off, min_spend,
    currency, total_quantity, claimed_count, per_customer_limit, valid_days, code_prefix,
    code_length, generated_count, created_at)
SELECT gen_random_uuid(), '{WORKSPACE}', 'batch ' || n, 'fixed', 2000, 0, 'CNY', {CODES}, 0, 1,
    7, '', 12, {CODES}, now() + n * interval '1 second'
FROM generate_series(1, 3) AS n
""",
    f"""
INSERT INTO coupon (id, workspace_id, batch_id, code, status)
SELECT gen_random_uuid(), '{WORKSPACE}', b.id, b.name || '-' || n, 'available'
FROM coupon_batch AS b, generate_series(1, {CODES}) AS n
ORDER BY b.created_at
""",
)


def _nodes(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("Plans", ()):
        yield from _nodes(child)


def _literal(value: Any) -> str:
    """A parameter as SQL text for ``EXECUTE``'s arguments (typed by the prepared statement)."""
    if value is None:
        return "NULL"
    assert isinstance(value, str | int | uuid.UUID | datetime), type(value)
    return "'" + str(value).replace("'", "''") + "'"


async def _coupon_plan(
    conn: asyncpg.Connection, sql: str, arguments: list[Any], mode: str
) -> list[dict[str, Any]]:
    """The nodes of ``sql``'s plan that read ``coupon`` or sort, prepared and run as
    ``EXECUTE`` under ``plan_cache_mode`` = ``mode``."""
    name = f"claim_plan_{uuid.uuid4().hex[:8]}"
    async with conn.transaction():
        await conn.execute(f"SET LOCAL plan_cache_mode = {mode}")
        await conn.execute(f"PREPARE {name} AS {sql}")
        args = ", ".join(_literal(a) for a in arguments)
        explained = await conn.fetchval(f"EXPLAIN (FORMAT JSON) EXECUTE {name}({args})")
        await conn.execute(f"DEALLOCATE {name}")
    (plan,) = json.loads(explained)
    return [
        n
        for n in _nodes(plan["Plan"])
        if n.get("Relation Name") == "coupon" or n["Node Type"] == "Sort"
    ]


async def _plans(url: str, analyze: bool) -> dict[str, list[dict[str, Any]]]:
    """The claim statement's coupon nodes under each plan mode, and the control's: the same
    statement without its order, generic plan."""
    conn = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://", 1))
    try:
        for statement in SEED if not await conn.fetchval("SELECT count(*) FROM coupon") else ():
            await conn.execute(statement)
        if analyze:
            await conn.execute("ANALYZE coupon")
        row = await conn.fetchrow(
            "SELECT id, per_customer_limit, valid_days FROM coupon_batch "
            "ORDER BY created_at DESC LIMIT 1"
        )
        batch = CouponBatch(
            id=row["id"],
            per_customer_limit=row["per_customer_limit"],
            valid_days=row["valid_days"],
            valid_from=None,
            valid_until=None,
        )
        params = claim_params(WORKSPACE, batch, "c-1", None, "coupon.claimed", {"actor_id": "c"})
        arguments = _CLAIM.arguments(params)
        unordered = _CLAIM.sql.replace("ORDER BY id\n", "", 1)
        assert unordered != _CLAIM.sql
        return {
            "generic": await _coupon_plan(conn, _CLAIM.sql, arguments, "force_generic_plan"),
            "custom": await _coupon_plan(conn, _CLAIM.sql, arguments, "force_custom_plan"),
            "control": await _coupon_plan(conn, unordered, arguments, "force_generic_plan"),
        }
    finally:
        await conn.close()


def _kinds(nodes: list[dict[str, Any]]) -> set[str]:
    return {n["Node Type"] for n in nodes} | {n.get("Index Name") or "" for n in nodes}


# Sync: Alembic's env.py runs its own event loop, which cannot nest in the test's.
@pytest.mark.parametrize("analyze", [False, True], ids=["no-statistics", "analyzed"])
def test_the_claim_picks_its_code_by_one_ordered_index_scan_in_every_plan(
    scratch_database: Callable[[str], str], service_under_test: ServiceUnderTest, analyze: bool
) -> None:
    url = scratch_database(f"campaign_claim_plan_{'analyzed' if analyze else 'fresh'}")
    config = alembic_config(service_under_test.alembic_ini, url)
    command.upgrade(config, BEFORE)
    command.upgrade(config, "heads")
    plans = asyncio.run(_plans(url, analyze))
    for mode in ("generic", "custom"):
        kinds = _kinds(plans[mode])
        assert INDEX in kinds, (mode, plans[mode])
        assert not kinds & {"Seq Scan", "Sort", "ix_coupon_batch_id_available"}, (mode, kinds)
    if analyze:
        # The control: here, a pick without its order is the scan the order prevents, so this
        # database shows the bug the test guards against.
        assert "Seq Scan" in _kinds(plans["control"]), plans["control"]


def test_the_index_change_migrates_down_and_up_again(
    scratch_database: Callable[[str], str], service_under_test: ServiceUnderTest
) -> None:
    url = scratch_database("campaign_claim_index_roundtrip")
    config = alembic_config(service_under_test.alembic_ini, url)
    command.upgrade(config, "heads")
    asyncio.run(_plans(url, analyze=False))  # seeded
    command.downgrade(config, BEFORE)
    indexes = asyncio.run(_indexes(url))
    assert "ix_coupon_batch_id_available" in indexes
    assert INDEX not in indexes
    command.upgrade(config, "heads")
    indexes = asyncio.run(_indexes(url))
    assert INDEX in indexes
    assert "ix_coupon_batch_id_available" not in indexes


async def _indexes(url: str) -> set[str]:
    conn = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://", 1))
    try:
        rows = await conn.fetch("SELECT indexname FROM pg_indexes WHERE tablename = 'coupon'")
    finally:
        await conn.close()
    return {r["indexname"] for r in rows}
