import asyncio
import uuid
from collections.abc import Callable

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from content_svc.channels.models import Channel
from servicekit.testing.headers import WORKSPACE_B

from ..helpers import assert_problem, assert_read_scope_cannot_create, send_raw

NEW_CHANNEL = {"platform": "xiaohongshu", "name": "品牌小红书", "handle": "brand_xhs"}


async def count_channels(db_session: AsyncSession) -> int:
    return int(await db_session.scalar(select(func.count()).select_from(Channel)) or 0)


async def test_create_then_get_round_trips_chinese_text(client: httpx.AsyncClient) -> None:
    created = await client.post("/v1/channels", json=NEW_CHANNEL)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["name"] == "品牌小红书"
    assert body["timezone"] == "Asia/Shanghai"
    assert body["version"] == 1
    assert created.headers["etag"] == '"1"'
    assert created.headers["location"] == f"/v1/channels/{body['id']}"

    fetched = await client.get(f"/v1/channels/{body['id']}")
    assert fetched.status_code == 200
    assert fetched.json() == body


async def test_list_is_empty_for_a_new_workspace(client: httpx.AsyncClient) -> None:
    listed = await client.get("/v1/channels")
    assert listed.status_code == 200
    assert listed.json() == {"items": [], "next_cursor": None}


async def test_list_pages_with_a_cursor_in_creation_order(client: httpx.AsyncClient) -> None:
    ids = []
    for i in range(5):
        r = await client.post("/v1/channels", json={**NEW_CHANNEL, "handle": f"h{i}"})
        ids.append(r.json()["id"])
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = (await client.get("/v1/channels", params=params)).json()
        seen += [item["id"] for item in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == ids
    assert pages == 3


async def test_list_filters_by_platform(client: httpx.AsyncClient) -> None:
    await client.post("/v1/channels", json=NEW_CHANNEL)
    await client.post("/v1/channels", json={**NEW_CHANNEL, "platform": "weibo"})
    page = (await client.get("/v1/channels", params={"platform": "weibo"})).json()
    assert [c["platform"] for c in page["items"]] == ["weibo"]


async def test_a_filtered_list_pages_through_its_own_rows_only(client: httpx.AsyncClient) -> None:
    weibo = []
    for i in range(5):
        platform = "weibo" if i % 2 == 0 else "xiaohongshu"
        r = await client.post(
            "/v1/channels", json={**NEW_CHANNEL, "platform": platform, "handle": f"f{i}"}
        )
        if platform == "weibo":
            weibo.append(r.json()["id"])
    first = (await client.get("/v1/channels", params={"platform": "weibo", "limit": 2})).json()
    assert [c["id"] for c in first["items"]] == weibo[:2]
    rest = (
        await client.get(
            "/v1/channels",
            params={"platform": "weibo", "limit": 2, "cursor": first["next_cursor"]},
        )
    ).json()
    assert [c["id"] for c in rest["items"]] == weibo[2:]
    assert rest["next_cursor"] is None


async def test_garbage_cursor_is_422(client: httpx.AsyncClient) -> None:
    r = await client.get("/v1/channels", params={"cursor": "not-a-cursor"})
    assert_problem(r, 422)
    assert "cursor" in r.json()["detail"]


async def test_limit_over_200_is_422(client: httpx.AsyncClient) -> None:
    r = await client.get("/v1/channels", params={"limit": 201})
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["query", "limit"]


async def test_patch_with_current_if_match_bumps_version(client: httpx.AsyncClient) -> None:
    channel = (await client.post("/v1/channels", json=NEW_CHANNEL)).json()
    r = await client.patch(
        f"/v1/channels/{channel['id']}", json={"name": "新名字"}, headers={"If-Match": '"1"'}
    )
    assert r.status_code == 200, r.text
    assert r.json()["name"] == "新名字"
    assert r.json()["version"] == 2
    assert r.headers["etag"] == '"2"'


async def test_patch_with_stale_if_match_is_412_and_changes_nothing(
    client: httpx.AsyncClient,
) -> None:
    channel = (await client.post("/v1/channels", json=NEW_CHANNEL)).json()
    url = f"/v1/channels/{channel['id']}"
    await client.patch(url, json={"name": "second"})
    r = await client.patch(url, json={"name": "third"}, headers={"If-Match": '"1"'})
    assert r.status_code == 412
    assert r.json()["current_version"] == 2
    assert (await client.get(url)).json()["name"] == "second"


async def test_patch_to_a_taken_handle_is_409(client: httpx.AsyncClient) -> None:
    await client.post("/v1/channels", json=NEW_CHANNEL)
    other = (await client.post("/v1/channels", json={**NEW_CHANNEL, "handle": "other"})).json()
    r = await client.patch(f"/v1/channels/{other['id']}", json={"handle": NEW_CHANNEL["handle"]})
    assert r.status_code == 409


async def test_delete_then_get_is_404(client: httpx.AsyncClient) -> None:
    channel = (await client.post("/v1/channels", json=NEW_CHANNEL)).json()
    assert (await client.delete(f"/v1/channels/{channel['id']}")).status_code == 204
    assert (await client.get(f"/v1/channels/{channel['id']}")).status_code == 404


async def test_duplicate_handle_is_409_and_stores_one(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    assert (await client.post("/v1/channels", json=NEW_CHANNEL)).status_code == 201
    r = await client.post("/v1/channels", json=NEW_CHANNEL)
    assert r.status_code == 409
    assert "brand_xhs" in r.json()["detail"]
    assert await count_channels(db_session) == 1


async def test_other_workspace_sees_404_on_every_route(
    client: httpx.AsyncClient, client_for: Callable[..., httpx.AsyncClient]
) -> None:
    channel = (await client.post("/v1/channels", json=NEW_CHANNEL)).json()
    url = f"/v1/channels/{channel['id']}"
    other = client_for(WORKSPACE_B)
    assert (await other.get(url)).status_code == 404
    assert (await other.patch(url, json={"name": "x"})).status_code == 404
    assert (await other.delete(url)).status_code == 404
    assert (await other.get("/v1/channels")).json()["items"] == []
    assert (await client.get(url)).json()["name"] == NEW_CHANNEL["name"]


async def test_unknown_id_is_404_problem(client: httpx.AsyncClient) -> None:
    r = await client.get(f"/v1/channels/{uuid.uuid4()}")
    assert r.status_code == 404
    body = r.json()
    assert body["status"] == 404
    assert body["request_id"] == r.headers["x-request-id"]


async def test_read_scope_cannot_write(client_for: Callable[..., httpx.AsyncClient]) -> None:
    r = await assert_read_scope_cannot_create(client_for, "/v1/channels", NEW_CHANNEL)
    assert "content:write" in r.json()["detail"]


async def test_no_scopes_cannot_read(client_for: Callable[..., httpx.AsyncClient]) -> None:
    r = await client_for(scopes=("campaign:read",)).get("/v1/channels")
    assert r.status_code == 403


async def test_missing_internal_token_is_401(client_for: Callable[..., httpx.AsyncClient]) -> None:
    r = await client_for(internal_token=False).get("/v1/channels")
    assert_problem(r, 401)


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"{not json", 400),
        (b"", 422),
        (b"[]", 422),
        (b'{"platform": "myspace", "name": "x", "handle": "y"}', 422),
        (b'{"platform": "weibo", "name": 5, "handle": "y"}', 422),
        (b'{"platform": "weibo", "name": "x", "handle": "y", "colour": "red"}', 422),
        (b'{"platform": "weibo", "name": "x", "handle": "y", "timezone": "Mars/Base"}', 422),
        (b'{"platform": "weibo", "name": "   ", "handle": "y"}', 422),
    ],
)
async def test_bad_input_is_a_problem_and_stores_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession, body: bytes, status: int
) -> None:
    r = await send_raw(client, "/v1/channels", body)
    assert_problem(r, status)
    assert r.json()["detail"]
    assert await count_channels(db_session) == 0


async def test_ten_megabyte_body_is_413_and_stores_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    huge = b'{"platform": "weibo", "name": "' + b"x" * 10_000_000 + b'", "handle": "y"}'
    r = await send_raw(client, "/v1/channels", huge)
    assert_problem(r, 413)
    assert await count_channels(db_session) == 0


async def test_concurrent_creates_of_one_handle_store_one(
    committed_client_for: Callable[..., httpx.AsyncClient],
) -> None:
    # Real commits on separate connections: the unique constraint decides, never a 500.
    c = committed_client_for()
    results = await asyncio.gather(*(c.post("/v1/channels", json=NEW_CHANNEL) for _ in range(10)))
    codes = sorted(r.status_code for r in results)
    assert codes.count(201) == 1
    assert codes.count(409) == 9
    assert len((await c.get("/v1/channels")).json()["items"]) == 1
