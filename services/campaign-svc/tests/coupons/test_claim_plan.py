"""A claim's pick of a code stays one ordered index scan whatever plan PostgreSQL makes for the
prepared claim statement, before the coupon table has statistics and after.

asyncpg prepares the statement, and after a few runs PostgreSQL may keep a generic plan, made
without the batch id. Once the table had statistics, a pick without an order was planned as a
sequential scan expected to stop at the first of the batch's codes, and read every older
batch's rows instead; with the order but the old index on ``batch_id`` alone still there, a
table without statistics had each claim read and sort the batch's every code through it
(bench/RESULTS.md, 2026-12-06 (late morning)). Checked on databases of their own, with
autovacuum off the coupon table, so their statistics are only what the tests make."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import asyncpg
import pytest
from alembic import command

from campaign_svc.coupons.repository import _CLAIM, claim_params
from campaign_svc.models import CouponBatch
from servicekit.migrations import alembic_config
from servicekit.testing import ServiceUnderTest
from servicekit.testing.plans import PlanMode, plan_nodes, prepared_plan

BEFORE = "c3d6_partners"
INDEX = "ix_coupon_batch_id_id_available"
OLD_INDEX = "ix_coupon_batch_id_available"
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


async def _coupon_plan(
    conn: asyncpg.Connection, sql: str, arguments: list[Any], mode: PlanMode
) -> list[dict[str, Any]]:
    """The nodes of ``sql``'s plan that read ``coupon`` or sort, prepared and run as
    ``EXECUTE`` under ``plan_cache_mode`` = ``mode``."""
    plan = await prepared_plan(conn, sql, arguments, mode)
    return [
        n
        for n in plan_nodes(plan)
        if n.get("Relation Name") == "coupon" or n["Node Type"] == "Sort"
    ]


async def _connect(url: str) -> asyncpg.Connection:
    return await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://", 1))


async def _seed(url: str) -> None:
    """The batches and their codes, with autovacuum kept off the coupon table so that a test
    of a table without statistics keeps it without any."""
    conn = await _connect(url)
    try:
        await conn.execute("ALTER TABLE coupon SET (autovacuum_enabled = off)")
        for statement in SEED:
            await conn.execute(statement)
    finally:
        await conn.close()


async def _plans(url: str, analyze: bool) -> dict[str, list[dict[str, Any]]]:
    """The claim statement's coupon and sort nodes under each plan mode, and the control's:
    the same statement without its order, generic plan."""
    conn = await _connect(url)
    try:
        if analyze:
            await conn.execute("ANALYZE coupon")
        else:
            stats = "SELECT count(*) FROM pg_stats WHERE tablename = 'coupon'"
            assert await conn.fetchval(stats) == 0, "the coupon table has statistics"
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
    # Codes there before the upgrade, as in production: the migration swaps the index on them.
    command.upgrade(config, BEFORE)
    asyncio.run(_seed(url))
    command.upgrade(config, "heads")
    plans = asyncio.run(_plans(url, analyze))
    for mode in ("generic", "custom"):
        kinds = _kinds(plans[mode])
        assert INDEX in kinds, (mode, plans[mode])
        assert not kinds & {"Seq Scan", "Sort", OLD_INDEX}, (mode, kinds)
    if analyze:
        # The control: here, a pick without its order is the scan the order prevents, so this
        # database shows the bug the test guards against.
        assert "Seq Scan" in _kinds(plans["control"]), plans["control"]


def test_beside_the_old_index_the_ordered_pick_sorts_the_batch_before_statistics(
    scratch_database: Callable[[str], str], service_under_test: ServiceUnderTest
) -> None:
    """The control of the test above without statistics: both indexes, as the first version
    of the fix left them, and the plan reads the batch's every code and sorts it, so the
    ordered pick needs the old index gone."""
    url = scratch_database("campaign_claim_plan_two_indexes")
    command.upgrade(alembic_config(service_under_test.alembic_ini, url), "heads")

    async def old_index() -> None:
        conn = await _connect(url)
        try:
            await conn.execute(
                f"CREATE INDEX {OLD_INDEX} ON coupon (batch_id) WHERE status = 'available'"
            )
        finally:
            await conn.close()

    asyncio.run(old_index())
    asyncio.run(_seed(url))
    kinds = _kinds(asyncio.run(_plans(url, analyze=False))["generic"])
    assert {"Sort", OLD_INDEX} <= kinds, kinds


def test_the_index_change_migrates_down_and_up_again(
    scratch_database: Callable[[str], str], service_under_test: ServiceUnderTest
) -> None:
    url = scratch_database("campaign_claim_index_roundtrip")
    config = alembic_config(service_under_test.alembic_ini, url)
    command.upgrade(config, "heads")
    asyncio.run(_seed(url))
    command.downgrade(config, BEFORE)
    indexes = asyncio.run(_indexes(url))
    assert OLD_INDEX in indexes
    assert INDEX not in indexes
    command.upgrade(config, "heads")
    indexes = asyncio.run(_indexes(url))
    assert INDEX in indexes
    assert OLD_INDEX not in indexes


async def _indexes(url: str) -> set[str]:
    conn = await _connect(url)
    try:
        rows = await conn.fetch("SELECT indexname FROM pg_indexes WHERE tablename = 'coupon'")
    finally:
        await conn.close()
    return {r["indexname"] for r in rows}
