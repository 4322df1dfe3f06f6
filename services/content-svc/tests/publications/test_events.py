"""The events content-svc records carry the key names the outbox relay lifts into metrics
events (issue 13's contract): ids as strings under ``publication_id``, ``channel_id``,
``post_id``; the acting user as ``actor_id``; everything else becomes the event's props."""

from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from content_svc.events import METRICS_EVENT_TYPES, DomainEvent
from content_svc.models import OutboxEvent

from .conftest import MakePost
from .test_router import make_channel, schedule


async def payload_of(db_session: AsyncSession, event: DomainEvent) -> dict[str, Any]:
    [row] = (
        await db_session.scalars(select(OutboxEvent).where(OutboxEvent.event_type == event))
    ).all()
    payload: dict[str, Any] = row.payload
    return payload


async def test_published_event_is_a_publish_tied_to_publication_channel_and_post(
    client: httpx.AsyncClient, make_post: MakePost, db_session: AsyncSession
) -> None:
    post = await make_post()
    channel = await make_channel(client)
    created = (await schedule(client, post.id, channel["id"])).json()
    r = await client.post(
        f"/v1/publications/{created['id']}/mark-published",
        json={"url": "https://www.xiaohongshu.com/explore/abc", "external_id": "abc"},
    )
    assert r.status_code == 200, r.text
    published = r.json()

    assert METRICS_EVENT_TYPES[DomainEvent.PUBLICATION_PUBLISHED] == "publish"
    payload = await payload_of(db_session, DomainEvent.PUBLICATION_PUBLISHED)
    assert payload == {
        "publication_id": created["id"],
        "channel_id": channel["id"],
        "post_id": str(post.id),
        "platform": "xiaohongshu",
        "tracking_code": created["tracking_code"],
        "external_id": "abc",
        "url": "https://www.xiaohongshu.com/explore/abc",
        "attempts": 0,
        "published_at": published["published_at"].replace("Z", "+00:00"),
    }
    # A publish is the brand's act, not an audience member's: no actor for funnels to count.
    assert "actor_id" not in payload


async def test_topic_and_post_events_name_the_acting_user_actor_id(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    topic = (await client.post("/v1/topics", json={"title": "选题"})).json()
    r = await client.post(f"/v1/topics/{topic['id']}/transitions", json={"to": "accepted"})
    assert r.status_code == 200, r.text
    post = (await client.post("/v1/posts", json={"title": "标题", "body": "正文"})).json()
    for status in ("in_review", "approved"):
        r = await client.post(f"/v1/posts/{post['id']}/transitions", json={"to": status})
        assert r.status_code == 200, r.text

    accepted = await payload_of(db_session, DomainEvent.TOPIC_ACCEPTED)
    assert accepted["actor_id"] == "user-1"
    assert accepted["topic_id"] == topic["id"]
    approved = await payload_of(db_session, DomainEvent.POST_APPROVED)
    assert approved["actor_id"] == "user-1"
    assert approved["post_id"] == post["id"]
