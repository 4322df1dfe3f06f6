"""Topics, posts, review and revisions through the real gateway, every service a real process."""

from __future__ import annotations

from typing import Any

import httpx

from .conftest import make_token
from .stack import Stack

TOPIC: dict[str, Any] = {
    "title": "小红书618护肤选题",
    "brief": "用三组真实对比图讲清楚怎么选精华",
    "audience": "25-35 岁的职场女性",
    "pain_point": "成分看不懂也怕买错",
    "tags": ["618", "护肤"],
    "priority": 1,
    "due_date": "2026-06-10",
}


def ok(r: httpx.Response, status: int = 200) -> Any:
    assert r.status_code == status, r.text
    return r.json()


def test_topic_to_approved_post_with_revisions_and_review(api: httpx.Client) -> None:
    topic = ok(api.post("/v1/topics", json=TOPIC), 201)
    assert topic["status"] == "proposed"
    assert topic["owner_id"] == "e2e-user"

    # A post cannot start from a topic nobody accepted yet.
    assert api.post(f"/v1/topics/{topic['id']}/posts").status_code == 409
    accepted = ok(api.post(f"/v1/topics/{topic['id']}/transitions", json={"to": "accepted"}))
    assert accepted["status"] == "accepted"

    started = api.post(f"/v1/topics/{topic['id']}/posts")
    post = ok(started, 201)
    assert started.headers["location"] == f"/v1/posts/{post['id']}"
    assert started.headers["etag"] == '"1"'
    assert (post["title"], post["topic_id"], post["status"]) == (
        TOPIC["title"],
        topic["id"],
        "draft",
    )
    assert post["tags"] == TOPIC["tags"]
    assert post["author_id"] == "e2e-user"
    assert TOPIC["pain_point"] in str(post["body"])
    url = f"/v1/posts/{post['id']}"

    new_body = str(post["body"]) + "\n## 对比\n\n小红书上三款精华的实测对比。\n"
    edited = api.patch(url, json={"body": new_body}, headers={"If-Match": '"1"'})
    assert ok(edited)["version"] == 2
    assert edited.headers["etag"] == '"2"'

    revisions = ok(api.get(f"{url}/revisions"))["items"]
    assert [r["number"] for r in revisions] == [1, 2]
    assert ok(api.get(f"{url}/revisions/1"))["body"] == post["body"]  # the first text is kept
    diff = ok(api.get(f"{url}/revisions/2/diff"))
    assert "+## 对比\n" in str(diff["body_diff"])
    assert "+小红书上三款精华的实测对比。\n" in str(diff["body_diff"])
    assert diff["title_diff"] == ""

    # Search finds the new Chinese text, and only in this workspace's posts.
    found = ok(api.get("/v1/posts", params={"q": "三款精华"}))["items"]
    assert [p["id"] for p in found] == [post["id"]]

    comment = ok(
        api.post(f"{url}/comments", json={"body": "对比图请加来源", "revision_number": 2}), 201
    )
    assert (comment["revision_number"], comment["author_id"]) == (2, "e2e-user")

    ok(api.post(f"{url}/transitions", json={"to": "in_review"}))
    illegal = api.post(f"{url}/transitions", json={"to": "archived"})
    assert illegal.status_code == 409
    assert "approved, changes_requested" in illegal.json()["detail"]
    approved = ok(api.post(f"{url}/transitions", json={"to": "approved", "comment": "可以发"}))
    assert approved["status"] == "approved"

    comments = ok(api.get(f"{url}/comments"))["items"]
    assert [(c["body"], c["transition_to"]) for c in comments] == [
        ("对比图请加来源", None),
        ("可以发", "approved"),
    ]
    assert ok(api.get("/v1/posts", params={"status": "approved"}))["items"] == [approved]


def test_stale_if_match_is_412_and_keeps_the_newer_text(api: httpx.Client) -> None:
    post = ok(api.post("/v1/posts", json={"title": "稿子", "body": "第一版"}), 201)
    url = f"/v1/posts/{post['id']}"
    ok(api.patch(url, json={"body": "第二版"}, headers={"If-Match": '"1"'}))
    stale = api.patch(url, json={"body": "过期的改动"}, headers={"If-Match": '"1"'})
    assert stale.status_code == 412
    assert stale.headers["content-type"].startswith("application/problem+json")
    assert stale.json()["current_version"] == 2
    assert ok(api.get(url))["body"] == "第二版"
    assert len(ok(api.get(f"{url}/revisions"))["items"]) == 2


def test_another_workspaces_topic_and_post_are_404(stack: Stack, api: httpx.Client) -> None:
    topic = ok(api.post("/v1/topics", json=TOPIC), 201)
    post = ok(api.post("/v1/posts", json={"title": "别人的稿子"}), 201)
    other = {"Authorization": f"Bearer {make_token('ws-other-' + str(post['id'])[:8])}"}
    with httpx.Client(base_url=stack.gateway, headers=other, timeout=10.0) as b:
        for r in (
            b.get(f"/v1/topics/{topic['id']}"),
            b.post(f"/v1/topics/{topic['id']}/transitions", json={"to": "accepted"}),
            b.get(f"/v1/posts/{post['id']}"),
            b.patch(f"/v1/posts/{post['id']}", json={"title": "hijack"}),
            b.get(f"/v1/posts/{post['id']}/revisions/1/diff"),
            b.post(f"/v1/posts/{post['id']}/comments", json={"body": "x"}),
            b.delete(f"/v1/posts/{post['id']}"),
        ):
            assert r.status_code == 404, r.text
        linked = b.post("/v1/posts", json={"title": "x", "topic_id": topic["id"]})
        assert linked.status_code == 422
        assert "not a topic of this workspace" in linked.json()["detail"]
        assert b.get("/v1/posts").json()["items"] == []
    assert ok(api.get(f"/v1/posts/{post['id']}"))["title"] == "别人的稿子"
    assert ok(api.get(f"/v1/topics/{topic['id']}"))["status"] == "proposed"


def test_body_over_the_limit_is_413_through_the_gateway(api: httpx.Client) -> None:
    huge = ('{"title": "x", "body": "' + "字" * 400_000 + '"}').encode()
    r = api.post("/v1/posts", content=huge, headers={"Content-Type": "application/json"})
    assert r.status_code == 413
    assert api.get("/v1/posts").json()["items"] == []
