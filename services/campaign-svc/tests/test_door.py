"""The door every route has (servicekit): a misspelt filter is refused, a create is safe to
retry under an Idempotency-Key."""

from collections.abc import Callable

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine

from campaign_svc.models import metadata
from servicekit.testing.door import (
    assert_create_race_makes_one,
    assert_create_replays,
    assert_unknown_query_parameter_refused,
)

from .coupons.helpers import running_campaign


async def test_a_misspelt_coupon_filter_is_422_not_an_unfiltered_list(
    client: httpx.AsyncClient,
) -> None:
    problem = await assert_unknown_query_parameter_refused(client, "/v1/coupons", "costumer_id")
    assert "customer_id" in problem["detail"]


async def test_a_campaign_create_replays_under_its_key_and_409s_for_another_body(
    client: httpx.AsyncClient,
) -> None:
    body = running_campaign()
    created = await assert_create_replays(
        client, "/v1/campaigns", body, {**body, "name": "另一个活动"}
    )
    listed = (await client.get("/v1/campaigns")).json()["items"]
    assert [c["id"] for c in listed] == [created["id"]]


async def test_concurrent_campaign_creates_under_one_key_store_one(
    committed_client_for: Callable[..., httpx.AsyncClient], engine: AsyncEngine
) -> None:
    await assert_create_race_makes_one(
        committed_client_for(),
        engine,
        "/v1/campaigns",
        running_campaign(),
        metadata.tables["campaign"],
    )
