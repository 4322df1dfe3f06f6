"""Every date campaign-svc takes (campaign windows, coupon validity), at year 1 and year 9999
(with +14:00/-12:00 offsets): a 422 naming the field, never a 500, and nothing changed."""

from __future__ import annotations

import httpx
import pytest

from servicekit.testing.dates import EDGE_INSTANTS, assert_refused_naming

from .coupons.helpers import fixed_batch, running_campaign


@pytest.mark.parametrize("edge", EDGE_INSTANTS)
async def test_campaign_window_at_the_edges_of_time_is_422_on_create_and_patch(
    client: httpx.AsyncClient, edge: str
) -> None:
    for field in ("starts_at", "ends_at"):
        r = await client.post("/v1/campaigns", json=running_campaign(**{field: edge}))
        assert_refused_naming(r, field)
    created = await client.post("/v1/campaigns", json=running_campaign())
    assert created.status_code == 201, created.text
    campaign = created.json()
    for field in ("starts_at", "ends_at"):
        r = await client.patch(f"/v1/campaigns/{campaign['id']}", json={field: edge})
        assert_refused_naming(r, field)
    assert (await client.get(f"/v1/campaigns/{campaign['id']}")).json()["version"] == 1
    listed = (await client.get("/v1/campaigns")).json()["items"]
    assert [c["id"] for c in listed] == [campaign["id"]]


@pytest.mark.parametrize("edge", EDGE_INSTANTS)
async def test_coupon_validity_at_the_edges_of_time_is_422(
    client: httpx.AsyncClient, edge: str
) -> None:
    for field in ("valid_from", "valid_until"):
        r = await client.post("/v1/coupon-batches", json=fixed_batch(**{field: edge}))
        assert_refused_naming(r, field)
    assert (await client.get("/v1/coupon-batches")).json()["items"] == []


async def test_a_batch_beyond_the_jobs_cap_is_422_naming_total_quantity(
    client: httpx.AsyncClient,
) -> None:
    r = await client.post("/v1/coupon-batches", json=fixed_batch(total_quantity=10_000_001))
    assert_refused_naming(r, "total_quantity")
    assert "10000000" in r.json()["detail"]
    assert (await client.get("/v1/coupon-batches")).json()["items"] == []
