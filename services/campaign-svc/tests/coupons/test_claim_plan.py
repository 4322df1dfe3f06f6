"""A claim's pick of a code stays an index scan whatever plan PostgreSQL makes for the prepared
claim statement. asyncpg prepares it, and after a few runs PostgreSQL may switch to a generic
plan, made without the batch id: once the table has statistics, a pick without an order was
planned as a sequential scan expected to stop at the first of the batch's codes, and read every
older batch's rows instead (bench/RESULTS.md, 2026-12-06 (late morning): a claim fell from
0.06 ms to 19 ms in PostgreSQL)."""

import json
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from campaign_svc.coupons.repository import _CLAIM
from servicekit.outbox import outbox_params

from .helpers import create_batch

ClientFactory = Callable[..., httpx.AsyncClient]


def _nodes(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("Plans", ()):
        yield from _nodes(child)


def _literal(value: Any) -> str:
    """A value as SQL text for ``EXECUTE``'s arguments (typed by the prepared statement)."""
    if value is None:
        return "NULL"
    return "'" + str(value).replace("'", "''") + "'"


@pytest.mark.parametrize("plan_cache_mode", ["force_generic_plan", "force_custom_plan"])
async def test_the_claim_statement_picks_its_code_by_index_never_by_scanning_the_table(
    committed_client_for: ClientFactory, engine: AsyncEngine, plan_cache_mode: str
) -> None:
    client = committed_client_for()
    workspace = client.headers["X-Workspace-Id"]
    # A few big batches, the newest last in the table: what a flash sale's claims meet.
    batches = [await create_batch(client, total_quantity=1000) for _ in range(3)]
    arguments = _CLAIM.arguments(
        {
            **outbox_params(workspace, "coupon.claimed"),
            "payload": {"actor_id": "c-1"},
            "batch_id": uuid.UUID(batches[-1]["id"]),
            "workspace_id": workspace,
            "customer_id": "c-1",
            "per_customer_limit": 1,
            "valid_days": None,
            "valid_from": batches[-1]["valid_from"],
            "valid_until": batches[-1]["valid_until"],
            "source": None,
        }
    )
    statement = f"claim_plan_{uuid.uuid4().hex[:8]}"
    async with engine.connect() as conn:
        await conn.execute(text("ANALYZE coupon"))
        driver = (await conn.get_raw_connection()).driver_connection
        assert driver is not None
        await driver.execute(f"SET plan_cache_mode = {plan_cache_mode}")
        try:
            await driver.execute(f"PREPARE {statement} AS {_CLAIM.sql}")
            args = ", ".join(_literal(a) for a in arguments)
            explained = await driver.fetchval(f"EXPLAIN (FORMAT JSON) EXECUTE {statement}({args})")
            # Decoded already where the engine's connection has its json codec.
            (plan,) = json.loads(explained) if isinstance(explained, str) else explained
            await driver.execute(f"DEALLOCATE {statement}")
        finally:
            await driver.execute("RESET plan_cache_mode")
    on_coupon = [n for n in _nodes(plan["Plan"]) if n.get("Relation Name") == "coupon"]
    assert not [n for n in on_coupon if n["Node Type"] == "Seq Scan"], on_coupon
    assert "ix_coupon_batch_id_id_available" in {n.get("Index Name") for n in on_coupon}
