"""What every MediaOps service guarantees (servicekit.testing.contract), checked for content-svc."""

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

import httpx

from servicekit.testing.contract import ServiceContract
from servicekit.testing.tenancy import Probe


async def _created(client: httpx.AsyncClient, path: str, body: object) -> str:
    r = await client.post(path, json=body)
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def _message(channel_id: str, publication_id: str | None) -> dict[str, Any]:
    """An inbound comment on ``channel_id``, a new one each time."""
    return {
        "channel_id": channel_id,
        "kind": "comment",
        "external_message_id": f"c-{uuid.uuid4().hex}",
        "author": {"id": "reader-1", "name": "读者"},
        "text": "请问什么时候补货",
        "publication_id": publication_id,
    }


def _calendar_window() -> dict[str, str]:
    now = datetime.now(UTC)
    return {"from": now.isoformat(), "to": (now + timedelta(days=7)).isoformat()}


class TestContentContract(ServiceContract):
    guarded_path = "/v1/channels"
    routes_taking_ids = 37
    # A post's first revision, a canned reply's first version.
    shared_path_values: ClassVar[Mapping[str, str]] = {"number": "1", "version": "1"}
    probe_bodies: ClassVar[Mapping[str, Any]] = {
        "PATCH /v1/channels/{channel_id}": {"name": "改名"},
        "PATCH /v1/topics/{topic_id}": {"title": "改题"},
        "POST /v1/topics/{topic_id}/transitions": {"to": "accepted"},
        "PATCH /v1/posts/{post_id}": {"title": "改稿"},
        "POST /v1/posts/{post_id}/transitions": {"to": "archived"},
        "POST /v1/posts/{post_id}/comments": {"body": "评论"},
        "POST /v1/publications/{publication_id}/mark-published": {"url": "https://x.example.com/1"},
        "PATCH /v1/inbox/threads/{thread_id}": {"assignee_id": "u-2", "tags": ["售后"]},
        "POST /v1/inbox/threads/{thread_id}/transitions": {"to": "closed"},
        "POST /v1/inbox/threads/{thread_id}/replies": {"text": "您好"},
        "PATCH /v1/inbox/canned-replies/{canned_reply_id}": {"text": "新版本"},
        "PUT /v1/inbox/channel-settings/{channel_id}": {"reply_sla_minutes": 5},
    }

    async def workspace_ids(self, client: httpx.AsyncClient) -> dict[str, str]:
        channel = await _created(
            client, "/v1/channels", {"platform": "weibo", "name": "微博", "handle": "brand"}
        )
        topic = await _created(client, "/v1/topics", {"title": "选题"})
        post = await _created(client, "/v1/posts", {"title": "标题", "body": "正文"})
        for status in ("in_review", "approved"):
            r = await client.post(f"/v1/posts/{post}/transitions", json={"to": status})
            assert r.status_code == 200, r.text
        later = (datetime.now(UTC) + timedelta(days=1)).isoformat()
        r = await client.post(
            "/v1/publications", json={"post_id": post, "channel_id": channel, "scheduled_at": later}
        )
        assert r.status_code == 201, r.text
        publication, code = str(r.json()["id"]), str(r.json()["tracking_code"])
        r = await client.post("/v1/inbox/messages", json=_message(channel, publication))
        assert r.status_code == 201, r.text
        thread = str(r.json()["thread_id"])
        canned = await _created(
            client, "/v1/inbox/canned-replies", {"name": "问候", "text": "您好"}
        )
        return {
            "code": code,
            "channel_id": channel,
            "topic_id": topic,
            "post_id": post,
            "publication_id": publication,
            "thread_id": thread,
            "canned_reply_id": canned,
        }

    async def more_tenancy_probes(
        self, theirs: Mapping[str, str], own: Mapping[str, str]
    ) -> list[Probe]:
        def publish(post: Mapping[str, str], channel: Mapping[str, str]) -> Probe:
            body = {"post_id": post["post_id"], "channel_id": channel["channel_id"]}
            return Probe("POST", "/v1/publications", body)

        calendar = {**_calendar_window(), "channel_id": theirs["channel_id"]}
        canned = {"canned_reply_id": theirs["canned_reply_id"]}
        own_replies = f"/v1/inbox/threads/{own['thread_id']}/replies"
        return [
            publish(theirs, theirs),
            publish(theirs, own),
            publish(own, theirs),
            Probe("GET", "/v1/calendar", params=calendar),
            # An inbound message on their channel, or on the caller's naming their publication.
            Probe("POST", "/v1/inbox/messages", _message(theirs["channel_id"], None)),
            Probe(
                "POST", "/v1/inbox/messages", _message(own["channel_id"], theirs["publication_id"])
            ),
            Probe(
                "POST",
                "/v1/inbox/messages",
                _message(own["channel_id"], None) | {"tracking_code": theirs["code"]},
            ),
            # A reply in the caller's own thread with their canned reply.
            Probe("POST", own_replies, canned),
        ]
