"""The door every route has (servicekit): a misspelt or unsupported filter is refused, deep
event batches are 422s, a create is safe to retry under an Idempotency-Key."""

import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from metrics_svc.models import Target, metadata
from servicekit.testing.door import (
    assert_create_race_makes_one,
    assert_create_replays,
    assert_unknown_query_parameter_refused,
)

NOW = datetime.now(UTC)
JSON = {"content-type": "application/json"}


def target(**changes: Any) -> dict[str, Any]:
    return {
        "name": "本周点击",
        "metric": "clicks",
        "filters": {"channel_id": "ch-door"},
        "period_start": (NOW - timedelta(days=1)).isoformat(),
        "period_end": (NOW + timedelta(days=1)).isoformat(),
        "target_value": 10,
        **changes,
    }


@pytest.mark.parametrize("name", ["chanel_id", "actor_id"])
async def test_a_misspelt_or_unsupported_metric_filter_is_422(
    client: httpx.AsyncClient, name: str
) -> None:
    problem = await assert_unknown_query_parameter_refused(client, "/v1/metrics/clicks", name)
    assert "channel_id" in problem["detail"]


async def test_a_batch_nested_10000_deep_is_422(client: httpx.AsyncClient) -> None:
    body = "[" * 10_000 + "]" * 10_000
    r = await client.post("/v1/events", content=body, headers=JSON)
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["type"] == "json_too_deep"


async def test_an_event_whose_props_nest_990_deep_is_422(client: httpx.AsyncClient) -> None:
    event = {"id": str(uuid.uuid4()), "type": "view", "occurred_at": NOW.isoformat()}
    body = json.dumps([event])[:-2] + ',"props":{"a":' + "[" * 990 + "]" * 990 + "}}]"
    r = await client.post("/v1/events", content=body, headers=JSON)
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["type"] == "json_too_deep"


async def test_a_target_create_replays_under_its_key_and_409s_for_another_body(
    client: httpx.AsyncClient,
) -> None:
    created = await assert_create_replays(client, "/v1/targets", target(), target(name="另一个"))
    listed = (await client.get("/v1/targets")).json()["items"]
    assert [t["id"] for t in listed] == [created["id"]]


async def test_concurrent_target_creates_under_one_key_store_one(
    committed_client_for: Callable[..., httpx.AsyncClient], engine: AsyncEngine
) -> None:
    await assert_create_race_makes_one(
        committed_client_for(),
        engine,
        "/v1/targets",
        target(),
        metadata.tables[Target.__tablename__],
    )
