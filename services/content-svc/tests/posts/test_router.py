import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from content_svc.models import OutboxEvent
from content_svc.posts.models import Post, PostComment, PostRevision
from content_svc.publications.models import Publication
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

NEW_POST = {
    "title": "小红书双十一攻略",
    "body": "# 开场\n\n今年小红书上最火的是……\n\n## 清单\n\n- 面霜\n- 精华\n",
    "summary": "三分钟看完的省钱清单",
    "tags": ["双十一", "攻略"],
    "media": [
        {"url": "https://cdn.example.com/cover.jpg", "kind": "image", "alt": "封面"},
        {"url": "https://cdn.example.com/intro.mp4", "kind": "video"},
    ],
}


async def create_post(client: httpx.AsyncClient, **overrides: object) -> dict[str, Any]:
    r = await client.post("/v1/posts", json=NEW_POST | overrides)
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


async def move(client: httpx.AsyncClient, post_id: object, *targets: str) -> httpx.Response:
    r = httpx.Response(500)
    for target in targets:
        r = await client.post(f"/v1/posts/{post_id}/transitions", json={"to": target})
        assert r.status_code == 200, r.text
    return r


async def test_create_round_trips_and_stores_revision_one(client: httpx.AsyncClient) -> None:
    r = await client.post("/v1/posts", json=NEW_POST)
    assert r.status_code == 201, r.text
    post = r.json()
    for field in ("title", "body", "summary", "tags"):
        assert post[field] == NEW_POST[field]
    assert post["media"][0] == NEW_POST["media"][0]
    assert post["media"][1] == {
        "url": "https://cdn.example.com/intro.mp4",
        "kind": "video",
        "alt": None,
    }
    assert post["author_id"] == "user-1"
    assert post["status"] == "draft"
    assert post["version"] == 1
    assert post["topic_id"] is None
    assert r.headers["etag"] == '"1"'
    assert r.headers["location"] == f"/v1/posts/{post['id']}"
    assert (await client.get(f"/v1/posts/{post['id']}")).json() == post
    revisions = (await client.get(f"/v1/posts/{post['id']}/revisions")).json()["items"]
    assert [(rev["number"], rev["title"], rev["author_id"]) for rev in revisions] == [
        (1, NEW_POST["title"], "user-1")
    ]


async def test_author_is_the_caller_not_the_body(client: httpx.AsyncClient) -> None:
    r = await client.post("/v1/posts", json=NEW_POST | {"author_id": "someone-else"})
    assert r.status_code == 422  # unknown field: the author is who calls


async def test_repeated_tags_are_kept_once_in_order(client: httpx.AsyncClient) -> None:
    post = await create_post(client, tags=["b", "a", "b", " a "])
    assert post["tags"] == ["b", "a"]


async def test_topic_from_another_workspace_is_422_and_stores_nothing(
    client: httpx.AsyncClient,
    client_for: Callable[..., httpx.AsyncClient],
    db_session: AsyncSession,
) -> None:
    foreign = (await client_for(WORKSPACE_B).post("/v1/topics", json={"title": "别人的"})).json()
    r = await client.post("/v1/posts", json=NEW_POST | {"topic_id": foreign["id"]})
    assert r.status_code == 422
    assert f"topic_id {foreign['id']} is not a topic of this workspace" in r.json()["detail"]
    assert r.json()["errors"][0]["loc"] == ["body", "topic_id"]
    assert await count_rows(db_session, Post) == 0
    assert await count_rows(db_session, PostRevision) == 0


async def test_topic_of_this_workspace_links(client: httpx.AsyncClient) -> None:
    topic = (await client.post("/v1/topics", json={"title": "选题"})).json()
    post = await create_post(client, topic_id=topic["id"])
    assert post["topic_id"] == topic["id"]


async def test_list_filters_by_status_tag_author_and_topic(
    client: httpx.AsyncClient, client_for: Callable[..., httpx.AsyncClient]
) -> None:
    topic = (await client.post("/v1/topics", json={"title": "选题"})).json()
    first = await create_post(client, tags=["直播"], topic_id=topic["id"])
    second = await create_post(client, tags=["种草"])
    other_author = client_for(WORKSPACE_A)
    other_author.headers["X-Actor-Id"] = "user-2"
    third = (await other_author.post("/v1/posts", json=NEW_POST)).json()
    await move(client, second["id"], "in_review")

    ids = partial(listed_ids, client, "/v1/posts")

    assert await ids(status="in_review") == [second["id"]]
    assert await ids(status="draft") == [first["id"], third["id"]]
    assert await ids(tag="直播") == [first["id"]]
    assert await ids(author_id="user-2") == [third["id"]]
    assert await ids(topic_id=str(topic["id"])) == [first["id"]]


async def test_search_finds_chinese_in_body_and_title(client: httpx.AsyncClient) -> None:
    in_body = await create_post(client, title="双十一", body="来自小红书的灵感")
    in_title = await create_post(client, title="小红书运营手册", body="plain")
    await create_post(client, title="抖音", body="短视频脚本")

    ids = partial(listed_ids, client, "/v1/posts")
    assert await ids(q="小红书") == [in_body["id"], in_title["id"]]
    assert await ids(q="红书的灵") == [in_body["id"]]
    assert await ids(q="微博") == []


async def test_search_is_case_insensitive_for_latin_text(client: httpx.AsyncClient) -> None:
    post = await create_post(client, title="WeChat Growth Playbook", body="")
    r = await client.get("/v1/posts", params={"q": "growth play"})
    assert [p["id"] for p in r.json()["items"]] == [post["id"]]


async def test_search_treats_percent_and_underscore_literally(client: httpx.AsyncClient) -> None:
    percent = await create_post(client, title="满减 100% 返现", body="")
    underscore = await create_post(client, title="snake_case", body="")
    await create_post(client, title="满减 100 元", body="snakeXcase")
    by_q = {}
    for q in ("100%", "_", "e_c", "%"):
        r = await client.get("/v1/posts", params={"q": q})
        by_q[q] = [p["id"] for p in r.json()["items"]]
    assert by_q == {
        "100%": [percent["id"]],
        "_": [underscore["id"]],
        "e_c": [underscore["id"]],
        "%": [percent["id"]],
    }


async def test_empty_or_long_search_is_422(client: httpx.AsyncClient) -> None:
    assert (await client.get("/v1/posts", params={"q": ""})).status_code == 422
    assert (await client.get("/v1/posts", params={"q": "x" * 201})).status_code == 422


async def test_edit_bumps_version_and_keeps_a_revision_with_a_diff(
    client: httpx.AsyncClient,
) -> None:
    post = await create_post(client)
    url = f"/v1/posts/{post['id']}"
    r = await client.patch(
        url,
        json={"title": "小红书双十一攻略修订版", "body": "# 开场\n\n今年抖音上最火的是……\n"},
        headers={"If-Match": '"1"'},
    )
    assert r.status_code == 200, r.text
    assert r.json()["version"] == 2
    assert r.headers["etag"] == '"2"'
    revisions = (await client.get(f"{url}/revisions")).json()["items"]
    assert [rev["number"] for rev in revisions] == [1, 2]
    assert revisions[0]["body"] == NEW_POST["body"]  # the old text is kept
    assert revisions[1]["title"] == "小红书双十一攻略修订版"

    diff = (await client.get(f"{url}/revisions/2/diff")).json()
    assert diff["previous_number"] == 1
    assert "-小红书双十一攻略\n+小红书双十一攻略修订版\n" in diff["title_diff"]
    assert diff["body_diff"] == (
        "--- revision 1/body\n+++ revision 2/body\n@@ -1,8 +1,3 @@\n # 开场\n \n"
        "-今年小红书上最火的是……\n-\n-## 清单\n-\n-- 面霜\n-- 精华\n+今年抖音上最火的是……\n"
    )
    assert diff["diff"] == diff["title_diff"] + diff["body_diff"]


async def test_first_revision_diffs_against_empty(client: httpx.AsyncClient) -> None:
    post = await create_post(client, body="第一行\n第二行")
    diff = (await client.get(f"/v1/posts/{post['id']}/revisions/1/diff")).json()
    assert diff["previous_number"] is None
    assert diff["body_diff"] == (
        "--- (empty)/body\n+++ revision 1/body\n@@ -0,0 +1,2 @@\n+第一行\n+第二行\n"
    )


async def test_unchanged_edit_stores_no_revision_and_keeps_the_version(
    client: httpx.AsyncClient,
) -> None:
    post = await create_post(client)
    r = await client.patch(f"/v1/posts/{post['id']}", json={"title": NEW_POST["title"]})
    assert r.status_code == 200
    assert r.json()["version"] == 1
    items = (await client.get(f"/v1/posts/{post['id']}/revisions")).json()["items"]
    assert len(items) == 1


async def test_relinking_the_topic_is_not_a_content_revision(client: httpx.AsyncClient) -> None:
    topic = (await client.post("/v1/topics", json={"title": "选题"})).json()
    post = await create_post(client)
    r = await client.patch(f"/v1/posts/{post['id']}", json={"topic_id": topic["id"]})
    assert r.json()["topic_id"] == topic["id"]
    assert r.json()["version"] == 2
    r = await client.patch(f"/v1/posts/{post['id']}", json={"topic_id": None})
    assert r.json()["topic_id"] is None
    items = (await client.get(f"/v1/posts/{post['id']}/revisions")).json()["items"]
    assert len(items) == 1


async def test_edit_with_stale_if_match_is_412_and_stores_no_revision(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    post = await create_post(client)
    await assert_stale_edit_refused(client, f"/v1/posts/{post['id']}", "body")
    assert await count_rows(db_session, PostRevision) == 2


async def test_editing_an_approved_post_sends_it_back_to_draft(client: httpx.AsyncClient) -> None:
    post = await create_post(client)
    await move(client, post["id"], "in_review", "approved")
    r = await client.patch(f"/v1/posts/{post['id']}", json={"summary": "新的摘要"})
    assert r.status_code == 200
    assert r.json()["status"] == "draft"
    assert r.json()["summary"] == "新的摘要"


async def test_editing_an_archived_post_is_409(client: httpx.AsyncClient) -> None:
    post = await create_post(client)
    await move(client, post["id"], "in_review", "approved", "archived")
    r = await client.patch(f"/v1/posts/{post['id']}", json={"title": "again"})
    assert r.status_code == 409
    assert "archived" in r.json()["detail"]
    assert (await client.get(f"/v1/posts/{post['id']}")).json()["title"] == NEW_POST["title"]


async def test_review_workflow_to_approved_records_one_outbox_event(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    post = await create_post(client)
    await move(client, post["id"], "in_review", "changes_requested", "in_review")
    r = await move(client, post["id"], "approved")
    assert r.json()["status"] == "approved"
    assert r.headers["etag"] == f'"{r.json()["version"]}"'
    events = (
        await db_session.scalars(
            select(OutboxEvent).where(
                OutboxEvent.workspace_id == WORKSPACE_A, OutboxEvent.event_type == "post.approved"
            )
        )
    ).all()
    assert len(events) == 1
    assert events[0].payload["post_id"] == post["id"]
    assert events[0].payload["title"] == NEW_POST["title"]


@pytest.mark.parametrize(
    ("path", "target", "allowed"),
    [
        ([], "approved", "in_review"),
        ([], "archived", "in_review"),
        (["in_review"], "draft", "approved, changes_requested"),
        (["in_review", "changes_requested"], "approved", "in_review, draft"),
        (["in_review", "approved"], "in_review", "archived, draft"),
        (["in_review", "approved", "archived"], "draft", "none"),
    ],
)
async def test_illegal_transition_is_409_naming_allowed_targets(
    client: httpx.AsyncClient,
    db_session: AsyncSession,
    path: list[str],
    target: str,
    allowed: str,
) -> None:
    post = await create_post(client)
    await move(client, post["id"], *path)
    r, before = await assert_illegal_move_refused(
        client,
        db_session,
        f"/v1/posts/{post['id']}",
        {"to": target, "comment": "不会保存"},
        allowed,
    )
    assert r.json()["current_status"] == before["status"]
    assert await count_rows(db_session, PostComment) == 0


async def test_approved_post_can_be_withdrawn_to_draft(client: httpx.AsyncClient) -> None:
    post = await create_post(client)
    r = await move(client, post["id"], "in_review", "approved", "draft")
    assert r.json()["status"] == "draft"


async def test_transition_comment_is_stored_on_the_latest_revision(
    client: httpx.AsyncClient,
) -> None:
    post = await create_post(client)
    await client.patch(f"/v1/posts/{post['id']}", json={"body": "v2"})
    await move(client, post["id"], "in_review")
    r = await client.post(
        f"/v1/posts/{post['id']}/transitions",
        json={"to": "changes_requested", "comment": "开头太长请压缩到两句"},
    )
    assert r.status_code == 200
    comments = (await client.get(f"/v1/posts/{post['id']}/comments")).json()["items"]
    assert [(c["body"], c["revision_number"], c["transition_to"]) for c in comments] == [
        ("开头太长请压缩到两句", 2, "changes_requested")
    ]


async def test_transition_with_stale_if_match_is_412(client: httpx.AsyncClient) -> None:
    post = await create_post(client)
    await client.patch(f"/v1/posts/{post['id']}", json={"body": "v2"})
    r = await client.post(
        f"/v1/posts/{post['id']}/transitions", json={"to": "in_review"}, headers={"If-Match": '"1"'}
    )
    assert r.status_code == 412


async def test_comments_pin_a_revision_and_page(client: httpx.AsyncClient) -> None:
    post = await create_post(client)
    await client.patch(f"/v1/posts/{post['id']}", json={"body": "v2"})
    url = f"/v1/posts/{post['id']}/comments"
    first = await client.post(url, json={"body": "第一版的标题更好", "revision_number": 1})
    assert first.status_code == 201, first.text
    assert first.json()["revision_number"] == 1
    assert first.json()["author_id"] == "user-1"
    latest = (await client.post(url, json={"body": "整体可以"})).json()
    assert latest["revision_number"] == 2
    page = (await client.get(url, params={"limit": 1})).json()
    assert [c["body"] for c in page["items"]] == ["第一版的标题更好"]
    rest = (await client.get(url, params={"limit": 1, "cursor": page["next_cursor"]})).json()
    assert [c["body"] for c in rest["items"]] == ["整体可以"]
    assert rest["next_cursor"] is None


async def test_comment_on_unknown_revision_is_422(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    post = await create_post(client)
    r = await client.post(
        f"/v1/posts/{post['id']}/comments", json={"body": "x", "revision_number": 9}
    )
    assert r.status_code == 422
    assert "revision_number 9" in r.json()["detail"]
    assert await count_rows(db_session, PostComment) == 0


@pytest.mark.parametrize("body", [{"body": ""}, {"body": "  "}, {"body": 3}, {"text": "x"}])
async def test_bad_comment_is_422(
    client: httpx.AsyncClient, db_session: AsyncSession, body: dict[str, object]
) -> None:
    post = await create_post(client)
    r = await client.post(f"/v1/posts/{post['id']}/comments", json=body)
    assert r.status_code == 422
    assert await count_rows(db_session, PostComment) == 0


async def test_revisions_page_and_unknown_numbers_are_404(client: httpx.AsyncClient) -> None:
    post = await create_post(client)
    for i in range(3):
        await client.patch(f"/v1/posts/{post['id']}", json={"body": f"v{i + 2}"})
    url = f"/v1/posts/{post['id']}/revisions"
    page = (await client.get(url, params={"limit": 3})).json()
    assert [r["number"] for r in page["items"]] == [1, 2, 3]
    rest = (await client.get(url, params={"cursor": page["next_cursor"]})).json()
    assert [r["number"] for r in rest["items"]] == [4]
    assert (await client.get(f"{url}/3")).json()["body"] == "v3"
    assert (await client.get(f"{url}/5")).status_code == 404
    assert (await client.get(f"{url}/5/diff")).status_code == 404
    assert (await client.get(f"{url}/0")).status_code == 422


async def test_delete_removes_revisions_and_comments(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    post = await create_post(client)
    await client.post(f"/v1/posts/{post['id']}/comments", json={"body": "ok"})
    assert (await client.delete(f"/v1/posts/{post['id']}")).status_code == 204
    assert (await client.get(f"/v1/posts/{post['id']}")).status_code == 404
    assert await count_rows(db_session, PostRevision) == 0
    assert await count_rows(db_session, PostComment) == 0


async def test_other_workspace_sees_404_on_every_route(
    client: httpx.AsyncClient,
    client_for: Callable[..., httpx.AsyncClient],
    db_session: AsyncSession,
) -> None:
    post = await create_post(client)
    url = f"/v1/posts/{post['id']}"
    other = client_for(WORKSPACE_B)
    answers = [
        await other.get(url),
        await other.patch(url, json={"title": "x"}),
        await other.post(f"{url}/transitions", json={"to": "in_review"}),
        await other.get(f"{url}/revisions"),
        await other.get(f"{url}/revisions/1"),
        await other.get(f"{url}/revisions/1/diff"),
        await other.post(f"{url}/comments", json={"body": "x"}),
        await other.get(f"{url}/comments"),
        await other.delete(url),
    ]
    assert [a.status_code for a in answers] == [404] * len(answers)
    assert all(post["id"] in a.json()["detail"] for a in answers)
    assert (await other.get("/v1/posts")).json()["items"] == []
    assert (await other.get("/v1/posts", params={"q": "小红书"})).json()["items"] == []
    assert (await client.get(url)).json() == post
    assert await count_rows(db_session, PostRevision) == 1
    assert await count_rows(db_session, PostComment) == 0


async def test_unknown_id_is_404(client: httpx.AsyncClient) -> None:
    r = await client.patch(f"/v1/posts/{uuid.uuid4()}", json={"title": "x"})
    assert_problem(r, 404)


async def test_read_scope_cannot_write(client_for: Callable[..., httpx.AsyncClient]) -> None:
    await assert_read_scope_cannot_create(client_for, "/v1/posts", NEW_POST)


@pytest.mark.parametrize(
    "body",
    [
        *BAD_TITLED_BODIES,
        {"title": "  "},
        {"title": "长" * 501},
        {"title": "x", "body": ["list"]},
        {"title": "x", "tags": [""]},
        {"title": "x", "media": [{"url": "https://a.example/x.png", "kind": "gif"}]},
        {"title": "x", "media": [{"url": "javascript:alert(1)", "kind": "image"}]},
        {"title": "x", "media": [{"url": "https://a.example/x.png", "kind": "image", "w": 1}]},
        {"title": "x", "media": [{"url": "https://a.example/x.png", "kind": "image"}] * 51},
        {"title": "x", "topic_id": "not-a-uuid"},
        {"title": "x", "status": "approved"},
        {"title": "x", "version": 7},
        {"body": "no title"},
    ],
)
async def test_bad_input_is_422_and_stores_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession, body: dict[str, object]
) -> None:
    await assert_create_refused(client, db_session, "/v1/posts", body, Post, PostRevision)


@pytest.mark.parametrize(
    "body",
    [{"title": None}, {"body": None}, {"title": ""}, {"tags": 3}, {"status": "approved"}],
)
async def test_bad_edit_is_422_and_changes_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession, body: dict[str, object]
) -> None:
    post = await create_post(client)
    r = await client.patch(f"/v1/posts/{post['id']}", json=body)
    assert r.status_code == 422, r.text
    assert (await client.get(f"/v1/posts/{post['id']}")).json() == post
    assert await count_rows(db_session, PostRevision) == 1


async def test_body_over_one_mebibyte_is_413_and_stores_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    huge = ('{"title": "x", "body": "' + "字" * 400_000 + '"}').encode()  # 1.2 MB of UTF-8
    r = await send_raw(client, "/v1/posts", huge)
    assert_problem(r, 413)
    assert await count_rows(db_session, Post) == 0


async def test_large_chinese_body_under_the_limit_round_trips(client: httpx.AsyncClient) -> None:
    body = "小红书" * 100_000  # 300k characters, 900 KB of UTF-8
    post = await create_post(client, body=body)
    assert (await client.get(f"/v1/posts/{post['id']}")).json()["body"] == body


@pytest.mark.parametrize(("raw", "status"), [(b"{not json", 400), (b"", 422), (b"[]", 422)])
async def test_malformed_body_is_a_problem_and_stores_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession, raw: bytes, status: int
) -> None:
    r = await send_raw(client, "/v1/posts", raw)
    assert_problem(r, status)
    assert await count_rows(db_session, Post) == 0


async def test_deleting_a_post_with_a_publication_is_409_and_keeps_it(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    post = await create_post(client)
    channel = (
        await client.post("/v1/channels", json={"platform": "weibo", "name": "微博", "handle": "b"})
    ).json()
    now = datetime.now(UTC)
    db_session.add(
        Publication(
            workspace_id=WORKSPACE_A,
            post_id=uuid.UUID(str(post["id"])),
            channel_id=uuid.UUID(channel["id"]),
            scheduled_at=now,
            next_attempt_at=now,
        )
    )
    await db_session.flush()
    r = await client.delete(f"/v1/posts/{post['id']}")
    assert r.status_code == 409
    assert "publication" in r.json()["detail"]
    assert (await client.get(f"/v1/posts/{post['id']}")).status_code == 200
    assert await count_rows(db_session, PostRevision) == 1
