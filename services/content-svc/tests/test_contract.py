"""What every MediaOps service guarantees (servicekit.testing.contract), checked for content-svc."""

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


def _calendar_window() -> dict[str, str]:
    now = datetime.now(UTC)
    return {"from": now.isoformat(), "to": (now + timedelta(days=7)).isoformat()}


class TestContentContract(ServiceContract):
    guarded_path = "/v1/channels"
    routes_taking_ids = 25
    shared_path_values: ClassVar[Mapping[str, str]] = {"number": "1"}  # a post's first revision
    probe_bodies: ClassVar[Mapping[str, Any]] = {
        "PATCH /v1/channels/{channel_id}": {"name": "改名"},
        "PATCH /v1/topics/{topic_id}": {"title": "改题"},
        "POST /v1/topics/{topic_id}/transitions": {"to": "accepted"},
        "PATCH /v1/posts/{post_id}": {"title": "改稿"},
        "POST /v1/posts/{post_id}/transitions": {"to": "archived"},
        "POST /v1/posts/{post_id}/comments": {"body": "评论"},
        "POST /v1/publications/{publication_id}/mark-published": {"url": "https://x.example.com/1"},
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
        return {
            "code": code,
            "channel_id": channel,
            "topic_id": topic,
            "post_id": post,
            "publication_id": publication,
        }

    async def more_tenancy_probes(
        self, theirs: Mapping[str, str], own: Mapping[str, str]
    ) -> list[Probe]:
        def publish(post: Mapping[str, str], channel: Mapping[str, str]) -> Probe:
            body = {"post_id": post["post_id"], "channel_id": channel["channel_id"]}
            return Probe("POST", "/v1/publications", body)

        calendar = {**_calendar_window(), "channel_id": theirs["channel_id"]}
        return [
            publish(theirs, theirs),
            publish(theirs, own),
            publish(own, theirs),
            Probe("GET", "/v1/calendar", params=calendar),
        ]
