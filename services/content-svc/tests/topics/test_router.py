import uuid
from collections.abc import Callable
from functools import partial
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from content_svc.models import OutboxEvent
from content_svc.posts.models import Post, PostRevision
from content_svc.topics.models import Topic
from servicekit.testing.headers import WORKSPACE_A, WORKSPACE_B

from ..helpers import (
    BAD_TITLED_BODIES,
    assert_create_refused,
    assert_illegal_move_refused,
    assert_problem,
    assert_read_scope_cannot_create,
    assert_stale_edit_refused,
    count_rows,
    listed_ids,
    send_raw,
)

NEW_TOPIC = {
    "title": "双十一小红书种草选题",
    "brief": "用三个真实案例讲清楚怎么选购",
    "audience": "25-35 岁的职场妈妈",
    "pain_point": "没时间比价也怕踩坑",
    "tags": ["双十一", "种草"],
    "priority": 2,
    "due_date": "2026-11-30",
}


async def create_topic(client: httpx.AsyncClient, **overrides: object) -> dict[str, Any]:
    r = await client.post("/v1/topics", json=NEW_TOPIC | overrides)
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


async def accept(client: httpx.AsyncClient, topic_id: object) -> httpx.Response:
    return await client.post(f"/v1/topics/{topic_id}/transitions", json={"to": "accepted"})


async def test_create_round_trips_chinese_and_defaults_owner_to_the_caller(
    client: httpx.AsyncClient,
) -> None:
    r = await client.post("/v1/topics", json=NEW_TOPIC)
    assert r.status_code == 201, r.text
    topic = r.json()
    assert topic["title"] == NEW_TOPIC["title"]
    assert topic["pain_point"] == NEW_TOPIC["pain_point"]
    assert topic["tags"] == ["双十一", "种草"]
    assert topic["status"] == "proposed"
    assert topic["owner_id"] == "user-1"  # the X-Actor-Id of the test client
    assert topic["due_date"] == "2026-11-30"
    assert r.headers["etag"] == '"1"'
    assert r.headers["location"] == f"/v1/topics/{topic['id']}"
    fetched = await client.get(f"/v1/topics/{topic['id']}")
    assert fetched.json() == topic
    assert fetched.headers["etag"] == '"1"'


async def test_explicit_owner_is_kept(client: httpx.AsyncClient) -> None:
    topic = await create_topic(client, owner_id="editor-7")
    assert topic["owner_id"] == "editor-7"


async def test_list_filters_by_status_owner_tag_and_due_window(client: httpx.AsyncClient) -> None:
    early = await create_topic(client, due_date="2026-11-10", tags=["直播"], owner_id="a")
    mid = await create_topic(client, due_date="2026-11-20", tags=["种草"], owner_id="b")
    late = await create_topic(client, due_date="2026-12-20", tags=["种草", "直播"], owner_id="a")
    await create_topic(client, due_date=None, tags=[], owner_id="c")
    assert (await accept(client, mid["id"])).status_code == 200

    ids = partial(listed_ids, client, "/v1/topics")

    assert await ids(status="accepted") == [mid["id"]]
    assert await ids(owner_id="a") == [early["id"], late["id"]]
    assert await ids(tag="直播") == [early["id"], late["id"]]
    assert await ids(due_from="2026-11-15", due_to="2026-11-30") == [mid["id"]]
    assert await ids(due_to="2026-11-20") == [early["id"], mid["id"]]
    assert await ids(tag="种草", owner_id="a") == [late["id"]]


async def test_due_window_backwards_is_422(client: httpx.AsyncClient) -> None:
    r = await client.get("/v1/topics", params={"due_from": "2026-12-01", "due_to": "2026-11-01"})
    assert r.status_code == 422
    assert "due_from" in r.json()["detail"]


async def test_list_pages_with_a_cursor(client: httpx.AsyncClient) -> None:
    made = [(await create_topic(client, title=f"t{i}"))["id"] for i in range(5)]
    seen: list[object] = []
    cursor = None
    while True:
        params: dict[str, str | int] = {"limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = (await client.get("/v1/topics", params=params)).json()
        seen += [t["id"] for t in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == made


async def test_patch_with_current_if_match_bumps_version(client: httpx.AsyncClient) -> None:
    topic = await create_topic(client)
    r = await client.patch(
        f"/v1/topics/{topic['id']}",
        json={"title": "改过的标题", "priority": 5, "due_date": None},
        headers={"If-Match": '"1"'},
    )
    assert r.status_code == 200, r.text
    assert r.json()["title"] == "改过的标题"
    assert r.json()["priority"] == 5
    assert r.json()["due_date"] is None
    assert r.json()["version"] == 2
    assert r.headers["etag"] == '"2"'


async def test_patch_with_stale_if_match_is_412_and_changes_nothing(
    client: httpx.AsyncClient,
) -> None:
    topic = await create_topic(client)
    await assert_stale_edit_refused(client, f"/v1/topics/{topic['id']}", "title")


async def test_patch_cannot_null_the_title(client: httpx.AsyncClient) -> None:
    topic = await create_topic(client)
    r = await client.patch(f"/v1/topics/{topic['id']}", json={"title": None})
    assert r.status_code == 422
    assert "title cannot be null" in r.json()["detail"]


async def test_patch_cannot_set_status(client: httpx.AsyncClient) -> None:
    topic = await create_topic(client)
    r = await client.patch(f"/v1/topics/{topic['id']}", json={"status": "accepted"})
    assert r.status_code == 422
    assert (await client.get(f"/v1/topics/{topic['id']}")).json()["status"] == "proposed"


async def test_accept_records_an_outbox_event(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    topic = await create_topic(client)
    r = await accept(client, topic["id"])
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "accepted"
    assert r.json()["version"] == 2
    events = (
        await db_session.scalars(
            select(OutboxEvent).where(
                OutboxEvent.workspace_id == WORKSPACE_A, OutboxEvent.event_type == "topic.accepted"
            )
        )
    ).all()
    assert [e.payload["topic_id"] for e in events] == [topic["id"]]
    assert events[0].payload["title"] == NEW_TOPIC["title"]


@pytest.mark.parametrize(
    ("steps", "target", "allowed"),
    [
        ([], "done", "accepted, rejected"),
        (["accepted"], "rejected", "done"),
        (["rejected"], "accepted", "none"),
        (["accepted", "done"], "accepted", "none"),
    ],
)
async def test_illegal_transition_is_409_naming_allowed_targets(
    client: httpx.AsyncClient,
    db_session: AsyncSession,
    steps: list[str],
    target: str,
    allowed: str,
) -> None:
    topic = await create_topic(client)
    url = f"/v1/topics/{topic['id']}"
    for step in steps:
        assert (await client.post(f"{url}/transitions", json={"to": step})).status_code == 200
    await assert_illegal_move_refused(client, db_session, url, {"to": target}, allowed)


async def test_unknown_transition_target_is_422(client: httpx.AsyncClient) -> None:
    topic = await create_topic(client)
    r = await client.post(f"/v1/topics/{topic['id']}/transitions", json={"to": "proposed"})
    assert r.status_code == 422


async def test_transition_with_stale_if_match_is_412(client: httpx.AsyncClient) -> None:
    topic = await create_topic(client)
    await client.patch(f"/v1/topics/{topic['id']}", json={"priority": 1})
    r = await client.post(
        f"/v1/topics/{topic['id']}/transitions",
        json={"to": "accepted"},
        headers={"If-Match": '"1"'},
    )
    assert r.status_code == 412


async def test_post_from_accepted_topic_is_a_prefilled_draft(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    topic = await create_topic(client)
    await accept(client, topic["id"])
    r = await client.post(f"/v1/topics/{topic['id']}/posts")
    assert r.status_code == 201, r.text
    post = r.json()
    assert post["title"] == NEW_TOPIC["title"]
    assert post["topic_id"] == topic["id"]
    assert post["tags"] == NEW_TOPIC["tags"]
    assert post["status"] == "draft"
    assert post["author_id"] == "user-1"
    for part in ("## Brief", NEW_TOPIC["brief"], NEW_TOPIC["audience"], NEW_TOPIC["pain_point"]):
        assert str(part) in post["body"]
    assert r.headers["location"] == f"/v1/posts/{post['id']}"
    revision = (await client.get(f"/v1/posts/{post['id']}/revisions/1")).json()
    assert revision["body"] == post["body"]
    listed = (await client.get("/v1/posts", params={"topic_id": topic["id"]})).json()
    assert [p["id"] for p in listed["items"]] == [post["id"]]


async def test_post_from_topic_leaves_out_empty_sections(client: httpx.AsyncClient) -> None:
    topic = await create_topic(client, audience="", pain_point="  ")
    await accept(client, topic["id"])
    post = (await client.post(f"/v1/topics/{topic['id']}/posts")).json()
    assert post["body"] == f"## Brief\n\n{NEW_TOPIC['brief']}\n"


@pytest.mark.parametrize("path", [[], ["rejected"], ["accepted", "done"]])
async def test_post_from_a_topic_not_accepted_is_409_and_stores_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession, path: list[str]
) -> None:
    topic = await create_topic(client)
    for step in path:
        await client.post(f"/v1/topics/{topic['id']}/transitions", json={"to": step})
    r = await client.post(f"/v1/topics/{topic['id']}/posts")
    assert r.status_code == 409
    assert "accepted" in r.json()["detail"]
    assert await count_rows(db_session, Post) == 0
    assert await count_rows(db_session, PostRevision) == 0


async def test_delete_keeps_posts_and_unlinks_them(client: httpx.AsyncClient) -> None:
    topic = await create_topic(client)
    await accept(client, topic["id"])
    post = (await client.post(f"/v1/topics/{topic['id']}/posts")).json()
    assert (await client.delete(f"/v1/topics/{topic['id']}")).status_code == 204
    assert (await client.get(f"/v1/topics/{topic['id']}")).status_code == 404
    kept = (await client.get(f"/v1/posts/{post['id']}")).json()
    assert kept["topic_id"] is None
    assert kept["title"] == post["title"]


async def test_delete_with_stale_if_match_is_412(client: httpx.AsyncClient) -> None:
    topic = await create_topic(client)
    await client.patch(f"/v1/topics/{topic['id']}", json={"priority": 1})
    r = await client.delete(f"/v1/topics/{topic['id']}", headers={"If-Match": '"1"'})
    assert r.status_code == 412
    assert (await client.get(f"/v1/topics/{topic['id']}")).status_code == 200


async def test_other_workspace_sees_404_on_every_route(
    client: httpx.AsyncClient,
    client_for: Callable[..., httpx.AsyncClient],
    db_session: AsyncSession,
) -> None:
    topic = await create_topic(client)
    await accept(client, topic["id"])
    url = f"/v1/topics/{topic['id']}"
    other = client_for(WORKSPACE_B)
    answers = [
        await other.get(url),
        await other.patch(url, json={"title": "x"}),
        await other.post(f"{url}/transitions", json={"to": "done"}),
        await other.post(f"{url}/posts"),
        await other.delete(url),
    ]
    assert [a.status_code for a in answers] == [404] * 5
    assert all(topic["id"] in a.json()["detail"] for a in answers)
    assert (await other.get("/v1/topics")).json()["items"] == []
    kept = (await client.get(url)).json()
    assert (kept["title"], kept["status"], kept["version"]) == (NEW_TOPIC["title"], "accepted", 2)
    assert await count_rows(db_session, Post) == 0


async def test_unknown_id_is_404(client: httpx.AsyncClient) -> None:
    r = await client.get(f"/v1/topics/{uuid.uuid4()}")
    assert_problem(r, 404)


async def test_read_scope_cannot_write(client_for: Callable[..., httpx.AsyncClient]) -> None:
    r = await assert_read_scope_cannot_create(client_for, "/v1/topics", NEW_TOPIC)
    assert "content:write" in r.json()["detail"]


@pytest.mark.parametrize(
    "body",
    [
        *BAD_TITLED_BODIES,
        {"title": "   "},
        {"title": "长" * 201},
        {"title": "x", "priority": 0},
        {"title": "x", "priority": 6},
        {"title": "x", "priority": "high"},
        {"title": "x", "tags": ["x" * 51]},
        {"title": "x", "due_date": "next friday"},
        {"title": "x", "status": "accepted"},
        {"title": "x", "colour": "red"},
        {"brief": "no title"},
    ],
)
async def test_bad_input_is_422_and_stores_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession, body: dict[str, object]
) -> None:
    await assert_create_refused(client, db_session, "/v1/topics", body, Topic)


async def test_huge_body_is_413_and_stores_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    huge = b'{"title": "x", "brief": "' + b"x" * 2_000_000 + b'"}'
    r = await send_raw(client, "/v1/topics", huge)
    assert r.status_code == 413
    assert await count_rows(db_session, Topic) == 0
