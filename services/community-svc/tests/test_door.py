"""The door every route has (servicekit): a misspelt filter is refused, hostile import bodies
are 422s, a create is safe to retry under an Idempotency-Key."""

from collections.abc import Callable

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine

from community_svc.models import Group, metadata
from servicekit.testing.door import (
    assert_create_race_makes_one,
    assert_create_replays,
    assert_unknown_query_parameter_refused,
)
from tests.helpers import NEW_GROUP, create_group

JSON = {"content-type": "application/json"}


async def test_a_misspelt_task_filter_is_422_not_an_unfiltered_list(
    client: httpx.AsyncClient,
) -> None:
    problem = await assert_unknown_query_parameter_refused(client, "/v1/tasks", "asignee")
    assert "assignee" in problem["detail"]


async def test_an_import_nested_10000_deep_is_422(client: httpx.AsyncClient) -> None:
    group = await create_group(client)
    body = '{"members":' + "[" * 10_000 + "]" * 10_000 + "}"
    r = await client.post(f"/v1/groups/{group['id']}/members/import", content=body, headers=JSON)
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["type"] == "json_too_deep"


async def test_an_import_with_a_lone_surrogate_is_422_naming_the_field(
    client: httpx.AsyncClient,
) -> None:
    group = await create_group(client)
    body = '{"members":[{"external_id":"bad-\\ud800","display_name":"x"}]}'
    r = await client.post(f"/v1/groups/{group['id']}/members/import", content=body, headers=JSON)
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["loc"] == ["body", "members", 0, "external_id"]
    assert (await client.get(f"/v1/groups/{group['id']}/members")).json()["items"] == []


async def test_a_group_create_replays_under_its_key_and_409s_for_another_body(
    client: httpx.AsyncClient,
) -> None:
    created = await assert_create_replays(
        client, "/v1/groups", NEW_GROUP, {**NEW_GROUP, "name": "另一个群"}
    )
    listed = (await client.get("/v1/groups")).json()["items"]
    assert [g["id"] for g in listed] == [created["id"]]


async def test_concurrent_group_creates_under_one_key_store_one(
    committed_client_for: Callable[..., httpx.AsyncClient], engine: AsyncEngine
) -> None:
    await assert_create_race_makes_one(
        committed_client_for(),
        engine,
        "/v1/groups",
        NEW_GROUP,
        metadata.tables[Group.__tablename__],
    )
