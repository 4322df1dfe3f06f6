"""The reads whose work grows with the campaign or batch they are about are planned with their
parameters' values, whatever plan PostgreSQL would keep for the connection (one campaign or
batch may hold most of the codes: servicekit.db.plan_with_values)."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from servicekit.testing.plans import assert_planned_with_values
from tests.coupons.helpers import create_batch, running_campaign

# Each read's path and fragments of its statement's text
READS = {
    "campaign stats": ("/v1/campaigns/{campaign}/stats", ("FROM coupon", "coupon.batch_id IN")),
    "batch stats": ("/v1/coupon-batches/{batch}/stats", ("FROM coupon", "FILTER (WHERE coupon.")),
    "a campaign's leads": ("/v1/leads?campaign_id={campaign}", ("FROM lead", "lead.campaign_id")),
}


@pytest.mark.parametrize("read", READS)
async def test_the_read_is_planned_with_its_values(
    client: httpx.AsyncClient, db_session: AsyncSession, read: str
) -> None:
    campaign = (await client.post("/v1/campaigns", json=running_campaign())).json()
    batch = await create_batch(client, campaign_id=campaign["id"])
    path, fragments = READS[read]

    async def get() -> None:
        r = await client.get(path.format(campaign=campaign["id"], batch=batch["id"]))
        assert r.status_code == 200, r.text

    await assert_planned_with_values(db_session, get, *fragments)
