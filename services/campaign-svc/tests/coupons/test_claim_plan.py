"""A claim's pick of a code stays an index scan whatever plan PostgreSQL makes for the prepared
claim statement. asyncpg prepares it, and after a few runs PostgreSQL may keep a generic plan,
made without the batch id: once the table had statistics, a pick without an order was planned
as a sequential scan expected to stop at the first of the batch's codes, and read every older
batch's rows instead (bench/RESULTS.md, 2026-12-06 (late morning): 19 ms of PostgreSQL for a
pick the index answers in 0.06 ms)."""

import json
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import asyncpg
import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from campaign_svc.coupons.repository import _CLAIM, claim_params
from campaign_svc.models import CouponBatch

from .helpers import create_batch

ClientFactory = Callable[..., httpx.AsyncClient]


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


async def _coupon_scans(conn: asyncpg.Connection, sql: str, arguments: list[Any]) -> list[Any]:
    """The plan nodes of ``sql`` that read ``coupon``, as ``EXECUTE`` of it prepared."""
    name = f"claim_plan_{uuid.uuid4().hex[:8]}"
    await conn.execute(f"PREPARE {name} AS {sql}")
    args = ", ".join(_literal(a) for a in arguments)
    explained = await conn.fetchval(f"EXPLAIN (FORMAT JSON) EXECUTE {name}({args})")
    await conn.execute(f"DEALLOCATE {name}")
    (plan,) = json.loads(explained)
    return [n for n in _nodes(plan["Plan"]) if n.get("Relation Name") == "coupon"]


@pytest.mark.parametrize("plan_cache_mode", ["force_generic_plan", "force_custom_plan"])
async def test_the_claim_statement_picks_its_code_by_index_never_by_scanning_the_table(
    committed_client_for: ClientFactory, engine: AsyncEngine, plan_cache_mode: str
) -> None:
    client = committed_client_for()
    workspace = client.headers["X-Workspace-Id"]
    # A few big batches, the newest last in the table: what a flash sale's claims meet.
    batches = [await create_batch(client, total_quantity=1000) for _ in range(3)]
    async with AsyncSession(engine) as session:
        batch = await session.get(CouponBatch, uuid.UUID(batches[-1]["id"]))
    assert batch is not None
    params = claim_params(workspace, batch, "c-1", None, "coupon.claimed", {"actor_id": "c-1"})
    arguments = _CLAIM.arguments(params)
    url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    conn = await asyncpg.connect(url)
    try:
        await conn.execute("ANALYZE coupon")
        async with conn.transaction():
            await conn.execute(f"SET LOCAL plan_cache_mode = {plan_cache_mode}")
            on_coupon = await _coupon_scans(conn, _CLAIM.sql, arguments)
            if plan_cache_mode == "force_generic_plan":
                # The control: the same statement without its order meets the scan here, so
                # this database shows what the order prevents.
                unordered = _CLAIM.sql.replace("ORDER BY id\n", "", 1)
                assert unordered != _CLAIM.sql
                control = await _coupon_scans(conn, unordered, arguments)
                assert "Seq Scan" in {n["Node Type"] for n in control}, (
                    f"setup did not reproduce the scan: {control}"
                )
    finally:
        await conn.close()
    assert not [n for n in on_coupon if n["Node Type"] == "Seq Scan"], on_coupon
    assert "ix_coupon_batch_id_id_available" in {n.get("Index Name") for n in on_coupon}
