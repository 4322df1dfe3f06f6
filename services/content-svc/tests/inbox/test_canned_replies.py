"""Canned replies: created at version 1, every change a new version kept readable by number,
names unique, edits guarded by If-Match."""

import uuid
from collections.abc import Callable

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from content_svc.inbox.models import CannedReply, CannedReplyVersion
from servicekit.testing.headers import WORKSPACE_B

from ..helpers import assert_create_refused, assert_problem, listed_ids

GREETING: dict[str, object] = {"name": "问候", "text": "您好，这里是美妍研究所", "tags": ["通用"]}  # noqa: RUF001


async def create(client: httpx.AsyncClient, body: dict[str, object] = GREETING) -> str:
    r = await client.post("/v1/inbox/canned-replies", json=body)
    assert r.status_code == 201, r.text
    assert r.headers["etag"] == '"1"'
    assert r.headers["location"] == f"/v1/inbox/canned-replies/{r.json()['id']}"
    return str(r.json()["id"])


async def test_a_change_makes_a_new_version_and_keeps_the_old_ones(
    client: httpx.AsyncClient,
) -> None:
    canned = await create(client)
    url = f"/v1/inbox/canned-replies/{canned}"
    r = await client.patch(url, json={"text": "您好～"}, headers={"If-Match": '"1"'})  # noqa: RUF001
    assert r.status_code == 200, r.text
    assert (r.json()["version"], r.json()["text"]) == (2, "您好～")  # noqa: RUF001
    r = await client.patch(url, json={"name": "开场白", "tags": []})
    assert (r.json()["version"], r.json()["name"], r.json()["tags"]) == (3, "开场白", [])
    # The same values again: nothing changes, no version is made.
    assert (await client.patch(url, json={"name": "开场白"})).json()["version"] == 3

    versions = (await client.get(f"{url}/versions")).json()["items"]
    assert [(v["version"], v["name"], v["text"]) for v in versions] == [
        (1, "问候", GREETING["text"]),
        (2, "问候", "您好～"),  # noqa: RUF001
        (3, "开场白", "您好～"),  # noqa: RUF001
    ]
    first = await client.get(f"{url}/versions/1")
    assert first.json() == versions[0]
    missing = await client.get(f"{url}/versions/4")
    assert_problem(missing, 404)
    assert missing.json()["latest_version"] == 3
    assert_problem(await client.get(f"{url}/versions/0"), 422)


async def test_a_stale_edit_is_412_and_makes_no_version(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    canned = await create(client)
    url = f"/v1/inbox/canned-replies/{canned}"
    assert (await client.patch(url, json={"text": "第二版"})).status_code == 200
    r = await client.patch(url, json={"text": "第三版"}, headers={"If-Match": '"1"'})
    assert_problem(r, 412)
    assert r.json()["current_version"] == 2
    assert (await client.get(url)).json()["text"] == "第二版"
    assert len((await client.get(f"{url}/versions")).json()["items"]) == 2


async def test_names_are_unique_in_a_workspace(
    client: httpx.AsyncClient, client_for: Callable[..., httpx.AsyncClient]
) -> None:
    first = await create(client)
    r = await client.post("/v1/inbox/canned-replies", json=GREETING)
    assert_problem(r, 409)
    assert "问候" in r.json()["detail"]
    other = await create(client, {"name": "售后", "text": "请提供订单号"})
    r = await client.patch(f"/v1/inbox/canned-replies/{other}", json={"name": "问候"})
    assert_problem(r, 409)
    # Another workspace may use the name.
    await create(client_for(WORKSPACE_B))
    assert await listed_ids(client, "/v1/inbox/canned-replies") == [first, other]


async def test_the_list_filters_by_tag(client: httpx.AsyncClient) -> None:
    greeting = await create(client)
    await create(client, {"name": "售后", "text": "请提供订单号", "tags": ["售后"]})
    assert await listed_ids(client, "/v1/inbox/canned-replies", tag="通用") == [greeting]


async def test_bad_canned_replies_are_422_and_store_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    for body in (
        {"name": "", "text": "x"},
        {"name": "x", "text": ""},
        {"name": "x", "text": "y" * 5001},
        {"name": "x", "text": "y", "tags": ["t"] * 31},
        {"name": "x"},
        {"name": "x", "text": "y", "version": 3},
    ):
        await assert_create_refused(
            client, db_session, "/v1/inbox/canned-replies", body, CannedReply, CannedReplyVersion
        )
    canned = await create(client)
    r = await client.patch(f"/v1/inbox/canned-replies/{canned}", json={"text": None})
    assert_problem(r, 422)


async def test_another_workspaces_canned_reply_is_404(
    client: httpx.AsyncClient, client_for: Callable[..., httpx.AsyncClient]
) -> None:
    canned = await create(client)
    intruder = client_for(WORKSPACE_B)
    url = f"/v1/inbox/canned-replies/{canned}"
    for r in (
        await intruder.get(url),
        await intruder.get(f"{url}/versions"),
        await intruder.get(f"{url}/versions/1"),
        await intruder.patch(url, json={"text": "改"}),
        await intruder.get(f"/v1/inbox/canned-replies/{uuid.uuid4()}"),
    ):
        assert_problem(r, 404)
    assert (await client.get(url)).json()["version"] == 1
