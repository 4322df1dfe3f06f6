"""The engagement inbox end to end, through the gateway: a comment comes in on a webhook
channel with a one-minute SLA, its thread reads overdue once the minute has passed (by the
database's clock), an operator's reply goes out signed to a local receiver and the thread reads
answered; the comment and the reply reach metrics-svc, where the response time and the comment
rate are metrics like the others. Bad input is refused with the usual 4xx."""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from servicekit.testing.webhooks import Receiver, running_receiver

from .conftest import make_token
from .helpers import eventually, ok
from .stack import Stack

SECRET = "e2e-inbox-secret-0123456789abcdef"
COMMENT = "敏感肌能用 A 款吗"
ANSWER = "您好 A 款不含香精 敏感肌可以先在耳后试用两天"


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with running_receiver() as rcv:
        yield rcv


def webhook_channel(api: httpx.Client, url: str) -> str:
    body = {
        "platform": "xiaohongshu",
        "name": "品牌小红书",
        "handle": f"xhs-{uuid.uuid4().hex[:6]}",
        "publisher": {"kind": "webhook", "url": url, "secret": SECRET},
    }
    return str(ok(api.post("/v1/channels", json=body), 201)["id"])


def window() -> dict[str, str]:
    now = datetime.now(UTC)
    return {
        "from": (now - timedelta(days=1)).isoformat(),
        "to": (now + timedelta(hours=1)).isoformat(),
    }


def metric_total(api: httpx.Client, name: str, channel_id: str) -> Any:
    r = api.get(f"/v1/metrics/{name}", params=window() | {"channel_id": channel_id})
    return ok(r)["series"][0]["total"]


def test_a_comment_goes_overdue_is_answered_and_counts_in_the_numbers(
    api: httpx.Client, receiver: Receiver
) -> None:
    channel = webhook_channel(api, receiver.url)
    settings = ok(api.put(f"/v1/inbox/channel-settings/{channel}", json={"reply_sla_minutes": 1}))
    assert settings == {"channel_id": channel, "reply_sla_minutes": 1, "is_default": False}
    # Two readers opened the piece: the comment below makes comment_rate 1 / 2.
    views = [
        {
            "id": str(uuid.uuid4()),
            "type": "view",
            "occurred_at": datetime.now(UTC).isoformat(),
            "actor_id": f"reader-{i}",
            "channel_id": channel,
        }
        for i in range(2)
    ]
    assert ok(api.post("/v1/events", json=views))["accepted"] == 2

    # The comment came in 55 s ago: within the minute, so not overdue yet.
    received_at = datetime.now(UTC) - timedelta(seconds=55)
    comment = {
        "channel_id": channel,
        "kind": "comment",
        "external_message_id": "c-6861203746194227201",
        "external_thread_id": "note-1",
        "author": {"id": "reader-0", "name": "小鹿"},
        "text": COMMENT,
        "received_at": received_at.isoformat(),
    }
    stored = ok(api.post("/v1/inbox/messages", json=comment), 201)
    thread_url = f"/v1/inbox/threads/{stored['thread_id']}"
    thread = ok(api.get(thread_url))
    assert (thread["status"], thread["overdue"]) == ("open", False)
    # The platform pushing it again changes nothing.
    assert ok(api.post("/v1/inbox/messages", json=comment), 200)["id"] == stored["id"]

    # The minute passes by the database's clock: the thread reads overdue, and is listed so.
    eventually(lambda: ok(api.get(thread_url))["overdue"], True, timeout_s=20)
    overdue = ok(api.get("/v1/inbox/threads", params={"overdue": "true"}))["items"]
    assert [t["id"] for t in overdue] == [stored["thread_id"]]

    version = ok(api.get(thread_url))["version"]
    r = api.post(
        f"{thread_url}/replies",
        json={"text": ANSWER},
        headers={"If-Match": f'"{version}"', "Idempotency-Key": uuid.uuid4().hex},
    )
    result = ok(r, 201)
    sent, answered = result["reply"], result["thread"]
    assert sent["status"] == "sent"
    assert sent["response_seconds"] >= 60
    assert (answered["status"], answered["overdue"]) == ("answered", False)
    assert ok(api.get(thread_url)) == answered
    assert ok(api.get("/v1/inbox/threads", params={"overdue": "true"}))["items"] == []

    [delivery] = receiver.deliveries
    expected = "sha256=" + hmac.new(SECRET.encode(), delivery.body, hashlib.sha256).hexdigest()
    assert delivery.headers["x-mediaops-signature"] == expected
    assert delivery.headers["x-mediaops-event"] == "reply"
    assert json.loads(delivery.body)["text"] == ANSWER

    # Another operator who read the thread before the answer: a 412, and nothing is sent.
    late = api.post(
        f"{thread_url}/replies", json={"text": "我也来回"}, headers={"If-Match": f'"{version}"'}
    )
    assert late.status_code == 412, late.text
    assert len(receiver.deliveries) == 1

    # The comment and the reply reach metrics-svc through content-svc's outbox relay.
    eventually(lambda: metric_total(api, "replies", channel), 1.0)
    response = metric_total(api, "avg_response_seconds", channel)
    assert response == pytest.approx(sent["response_seconds"])
    assert metric_total(api, "comment_rate", channel) == 0.5


def test_bad_inbox_input_is_a_clear_4xx_through_the_gateway(
    api: httpx.Client, stack: Stack, receiver: Receiver
) -> None:
    channel = webhook_channel(api, receiver.url)
    base = {
        "channel_id": channel,
        "kind": "message",
        "external_message_id": "m-1",
        "author": {"id": "o6_reader"},
        "text": "在吗",
    }
    oversized = api.post("/v1/inbox/messages", json=base | {"text": "长" * 10_001})
    assert oversized.status_code == 422, oversized.text
    assert oversized.json()["errors"][0]["loc"] == ["body", "text"]
    over_limit = api.post(
        "/v1/inbox/messages",
        content=json.dumps(base | {"text": "x" * 1_100_000}).encode(),
        headers={"Content-Type": "application/json"},
    )
    assert over_limit.status_code == 413, over_limit.text
    unknown = api.post("/v1/inbox/messages", json=base | {"channel_id": str(uuid.uuid4())})
    assert unknown.status_code == 404, unknown.text
    assert unknown.headers["content-type"] == "application/problem+json"
    assert ok(api.get("/v1/inbox/threads"))["items"] == []

    stored = ok(api.post("/v1/inbox/messages", json=base), 201)
    other = make_token(f"ws-{uuid.uuid4().hex[:12]}")
    with httpx.Client(
        base_url=stack.gateway, headers={"Authorization": f"Bearer {other}"}, timeout=10.0
    ) as intruder:
        thread_url = f"/v1/inbox/threads/{stored['thread_id']}"
        for r in (
            intruder.get(thread_url),
            intruder.post(f"{thread_url}/replies", json={"text": "hi"}),
            intruder.post("/v1/inbox/messages", json=base | {"external_message_id": "m-2"}),
        ):
            assert r.status_code == 404, r.text
    assert receiver.deliveries == []
