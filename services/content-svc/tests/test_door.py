"""The door every route has (servicekit): a misspelt filter is refused, a create is safe to
retry under an Idempotency-Key."""

from collections.abc import Callable

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine

from content_svc.models import Channel, metadata
from servicekit.testing.door import (
    assert_create_race_makes_one,
    assert_create_replays,
    assert_unknown_query_parameter_refused,
)

CHANNEL = {"platform": "xiaohongshu", "name": "品牌小红书", "handle": "brand_xhs"}


async def test_a_misspelt_topic_filter_is_422_not_an_unfiltered_list(
    client: httpx.AsyncClient,
) -> None:
    problem = await assert_unknown_query_parameter_refused(client, "/v1/topics", "stauts")
    assert "status" in problem["detail"]


async def test_a_channel_create_replays_under_its_key_and_409s_for_another_body(
    client: httpx.AsyncClient,
) -> None:
    created = await assert_create_replays(
        client, "/v1/channels", CHANNEL, {**CHANNEL, "name": "另一个"}
    )
    listed = (await client.get("/v1/channels")).json()["items"]
    assert [c["id"] for c in listed] == [created["id"]]


async def test_concurrent_channel_creates_under_one_key_store_one(
    committed_client_for: Callable[..., httpx.AsyncClient], engine: AsyncEngine
) -> None:
    await assert_create_race_makes_one(
        committed_client_for(),
        engine,
        "/v1/channels",
        CHANNEL,
        metadata.tables[Channel.__tablename__],
    )
