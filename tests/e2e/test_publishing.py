"""Publishing end to end, through the gateway: channel → topic → post → review → approve →
schedule → the publisher worker delivers to a local webhook receiver → published → calendar."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from servicekit.testing.webhooks import Receiver, published_url, running_receiver

from .conftest import make_token
from .stack import Stack

SECRET = "e2e-webhook-secret-0123456789abcdef"


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with running_receiver() as rcv:
        yield rcv


@pytest.fixture
def publisher(stack: Stack) -> Iterator[None]:
    stack.start("publisher", wait=False)
    stack.wait_for_log("publisher", "publisher worker started")
    yield
    assert stack.stop("publisher") == 0


def ok(response: httpx.Response, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    return body


def make_channel(api: httpx.Client, receiver_url: str | None = None) -> dict[str, Any]:
    publisher = (
        {"kind": "webhook", "url": receiver_url, "secret": SECRET}
        if receiver_url
        else {"kind": "manual"}
    )
    return ok(
        api.post(
            "/v1/channels",
            json={
                "platform": "xiaohongshu",
                "name": "品牌小红书",
                "handle": f"xhs-{uuid.uuid4().hex[:6]}",
                "timezone": "Asia/Shanghai",
                "publisher": publisher,
                "prime_time_slots": [{"weekday": 5, "time": "20:30"}],
            },
        ),
        201,
    )


def draft_post(api: httpx.Client, title: str) -> dict[str, Any]:
    # A post started from a topic takes the topic's title (and tags, and an outline as body).
    topic = ok(api.post("/v1/topics", json={"title": title, "tags": ["双十一"]}), 201)
    ok(api.post(f"/v1/topics/{topic['id']}/transitions", json={"to": "accepted"}))
    post = ok(api.post(f"/v1/topics/{topic['id']}/posts"), 201)
    assert post["status"] == "draft"
    return post


def approve(api: httpx.Client, post_id: str) -> None:
    ok(api.post(f"/v1/posts/{post_id}/transitions", json={"to": "in_review"}))
    ok(api.post(f"/v1/posts/{post_id}/transitions", json={"to": "approved"}))


def test_whole_path_publishes_through_the_webhook_and_shows_on_the_calendar(
    api: httpx.Client, receiver: Receiver, publisher: None
) -> None:
    channel = make_channel(api, receiver.url)
    assert channel["publisher"] == {"kind": "webhook", "url": receiver.url, "has_secret": True}

    post = draft_post(api, "双十一省钱攻略")
    edited = ok(
        api.patch(
            f"/v1/posts/{post['id']}",
            json={"body": "满300减50 **今晚8点** 开抢"},
            headers={"If-Match": f'"{post["version"]}"'},
        )
    )
    revisions = ok(api.get(f"/v1/posts/{post['id']}/revisions"))["items"]
    assert len(revisions) >= 2  # the edit kept a revision
    ok(api.post(f"/v1/posts/{post['id']}/comments", json={"body": "标题很好 通过"}), 201)
    approve(api, post["id"])

    scheduled_at = datetime.now(UTC) + timedelta(seconds=2)
    publication = ok(
        api.post(
            "/v1/publications",
            json={
                "post_id": post["id"],
                "channel_id": channel["id"],
                "scheduled_at": scheduled_at.isoformat(),
            },
        ),
        201,
    )
    assert publication["status"] == "scheduled"

    deadline = time.monotonic() + 20
    while True:
        current = ok(api.get(f"/v1/publications/{publication['id']}"))
        if current["status"] in ("published", "failed"):
            break
        assert time.monotonic() < deadline, f"still {current['status']}: {current}"
        time.sleep(0.2)

    assert current["status"] == "published", current["last_error"]
    assert current["attempts"] == 1
    assert current["url"] == published_url(publication["delivery_id"])
    assert datetime.fromisoformat(current["published_at"]) >= scheduled_at - timedelta(seconds=1)

    [delivery] = receiver.deliveries
    headers, body = delivery.headers, delivery.body
    assert headers["x-mediaops-delivery"] == publication["delivery_id"]
    signature = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["x-mediaops-signature"], signature)
    delivered = json.loads(body)
    assert delivered["title"] == "双十一省钱攻略"
    assert delivered["body"] == edited["body"]
    assert delivered["channel"]["platform"] == "xiaohongshu"

    published_at = datetime.fromisoformat(current["published_at"])
    local_day = published_at.astimezone(ZoneInfo("Asia/Shanghai")).date().isoformat()
    window = {
        "from": (published_at - timedelta(days=1)).isoformat(),
        "to": (published_at + timedelta(days=1)).isoformat(),
        "channel_id": channel["id"],
    }
    days = ok(api.get("/v1/calendar", params=window))["days"]
    [day] = [
        d for d in days if any(i["publication"]["id"] == publication["id"] for i in d["items"])
    ]
    assert day["date"] == local_day
    [item] = day["items"]
    assert item["status"] == "published"
    assert item["local_time"] == published_at.astimezone(ZoneInfo("Asia/Shanghai")).strftime(
        "%H:%M"
    )


def test_unapproved_post_is_409(api: httpx.Client) -> None:
    channel = make_channel(api)
    post = draft_post(api, "还在写")
    r = api.post("/v1/publications", json={"post_id": post["id"], "channel_id": channel["id"]})
    assert r.status_code == 409, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert "draft" in r.json()["detail"]


def test_over_long_xiaohongshu_title_is_422_naming_the_limit(api: httpx.Client) -> None:
    channel = make_channel(api)
    post = draft_post(api, "小" * 25)
    approve(api, post["id"])
    r = api.post("/v1/publications", json={"post_id": post["id"], "channel_id": channel["id"]})
    assert r.status_code == 422, r.text
    assert "title is 25 characters; xiaohongshu allows at most 20" in r.json()["detail"]
    assert ok(api.get("/v1/publications"))["items"] == []


def test_another_workspaces_post_is_404(api: httpx.Client, stack: Stack) -> None:
    channel = make_channel(api)
    other_workspace = f"ws-{uuid.uuid4().hex[:12]}"
    headers = {"Authorization": f"Bearer {make_token(other_workspace)}"}
    with httpx.Client(base_url=stack.gateway, headers=headers, timeout=10.0) as other:
        foreign = draft_post(other, "别人的稿子")
        approve(other, foreign["id"])
    r = api.post("/v1/publications", json={"post_id": foreign["id"], "channel_id": channel["id"]})
    assert r.status_code == 404, r.text
    assert foreign["id"] in r.json()["detail"]
