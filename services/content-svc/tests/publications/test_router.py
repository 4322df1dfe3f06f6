"""Publications: creation rules, channel limits, the state machine, tenancy."""

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from content_svc.models import OutboxEvent
from content_svc.publications.models import Publication
from servicekit.testing.headers import WORKSPACE_B

from ..helpers import assert_problem
from .conftest import MakePost

XHS = {"platform": "xiaohongshu", "name": "品牌小红书", "handle": "brand_xhs"}


async def count_publications(db_session: AsyncSession) -> int:
    return int(await db_session.scalar(select(func.count()).select_from(Publication)) or 0)


async def make_channel(client: httpx.AsyncClient, **fields: object) -> dict[str, object]:
    r = await client.post("/v1/channels", json={**XHS, **fields})
    assert r.status_code == 201, r.text
    body: dict[str, object] = r.json()
    return body


async def schedule(
    client: httpx.AsyncClient, post_id: uuid.UUID, channel_id: object, **fields: object
) -> httpx.Response:
    return await client.post(
        "/v1/publications",
        json={"post_id": str(post_id), "channel_id": channel_id, **fields},
    )


async def test_create_defaults_to_now_and_reads_back(
    client: httpx.AsyncClient, make_post: MakePost
) -> None:
    post = await make_post()
    channel = await make_channel(client)
    before = datetime.now(UTC)
    r = await schedule(client, post.id, channel["id"])
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["status"] == "scheduled"
    assert body["attempts"] == 0
    assert body["last_error"] is None
    assert body["url"] is None
    assert body["external_id"] is None
    assert body["published_at"] is None
    assert body["created_by"] == "user-1"
    uuid.UUID(body["delivery_id"])
    scheduled = datetime.fromisoformat(body["scheduled_at"])
    assert before - timedelta(seconds=1) <= scheduled <= datetime.now(UTC)
    assert r.headers["location"] == f"/v1/publications/{body['id']}"
    assert (await client.get(r.headers["location"])).json() == body


async def test_unapproved_post_is_409_naming_its_status(
    client: httpx.AsyncClient, make_post: MakePost, db_session: AsyncSession
) -> None:
    post = await make_post(status="in_review")
    channel = await make_channel(client)
    r = await schedule(client, post.id, channel["id"])
    assert r.status_code == 409
    assert "in_review" in r.json()["detail"]
    assert "approved" in r.json()["detail"]
    assert await count_publications(db_session) == 0


async def test_title_over_xiaohongshu_limit_is_422_naming_the_rule(
    client: httpx.AsyncClient, make_post: MakePost, db_session: AsyncSession
) -> None:
    post = await make_post(title="小" * 25)  # 25 characters, 75 bytes in UTF-8
    channel = await make_channel(client)
    r = await schedule(client, post.id, channel["id"])
    assert r.status_code == 422
    assert "title is 25 characters; xiaohongshu allows at most 20" in r.json()["detail"]
    assert r.json()["violations"] == ["title is 25 characters; xiaohongshu allows at most 20"]
    assert await count_publications(db_session) == 0


async def test_twenty_chinese_characters_fit_xiaohongshu(
    client: httpx.AsyncClient, make_post: MakePost
) -> None:
    post = await make_post(title="小" * 20)
    channel = await make_channel(client)
    assert (await schedule(client, post.id, channel["id"])).status_code == 201


async def test_title_override_is_what_gets_checked(
    client: httpx.AsyncClient, make_post: MakePost
) -> None:
    post = await make_post(title="小" * 25)
    channel = await make_channel(client)
    r = await schedule(client, post.id, channel["id"], title_override="短标题")
    assert r.status_code == 201, r.text
    assert r.json()["title_override"] == "短标题"
    too_long = await schedule(client, post.id, channel["id"], body_override="字" * 1001)
    assert too_long.status_code == 422
    assert "body is 1001 characters; xiaohongshu allows at most 1000" in too_long.json()["detail"]


async def test_every_broken_rule_is_named_including_channel_overrides(
    client: httpx.AsyncClient, make_post: MakePost
) -> None:
    media = [
        {"url": f"https://img.example.com/{i}.jpg", "kind": "image", "alt": ""} for i in range(19)
    ]
    post = await make_post(title="t" * 21, media=media, tags=[f"t{i}" for i in range(4)])
    channel = await make_channel(client, limits={"tags_max": 3})
    r = await schedule(client, post.id, channel["id"])
    assert r.status_code == 422
    assert r.json()["violations"] == [
        "title is 21 characters; xiaohongshu allows at most 20",
        "media has 19 items; xiaohongshu allows at most 18",
        "tags has 4 items; channel 'brand_xhs' allows at most 3 (tags_max override)",
    ]


async def test_wechat_summary_limit(client: httpx.AsyncClient, make_post: MakePost) -> None:
    post = await make_post(summary="摘" * 121)
    channel = await make_channel(client, platform="wechat_oa")
    r = await schedule(client, post.id, channel["id"])
    assert r.status_code == 422
    assert "summary is 121 characters; wechat_oa allows at most 120" in r.json()["detail"]


async def test_scheduled_in_the_past_is_422_but_a_little_skew_is_fine(
    client: httpx.AsyncClient, make_post: MakePost
) -> None:
    post = await make_post()
    channel = await make_channel(client)
    an_hour_ago = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    r = await schedule(client, post.id, channel["id"], scheduled_at=an_hour_ago)
    assert r.status_code == 422
    assert "scheduled_at is in the past" in r.json()["detail"]
    a_minute_ago = (datetime.now(UTC) - timedelta(minutes=1)).isoformat()
    assert (
        await schedule(client, post.id, channel["id"], scheduled_at=a_minute_ago)
    ).status_code == 201


async def test_scheduled_more_than_two_years_ahead_is_422(
    client: httpx.AsyncClient, make_post: MakePost, db_session: AsyncSession
) -> None:
    post = await make_post()
    channel = await make_channel(client)
    for far in ("9999-12-31T23:59:59+00:00", (datetime.now(UTC) + timedelta(days=731)).isoformat()):
        r = await schedule(client, post.id, channel["id"], scheduled_at=far)
        assert_problem(r, 422)
        assert "scheduled_at is too far ahead" in r.json()["detail"]
        assert "at most 730 days ahead" in r.json()["detail"]
    assert await count_publications(db_session) == 0
    near = (datetime.now(UTC) + timedelta(days=729)).isoformat()
    assert (await schedule(client, post.id, channel["id"], scheduled_at=near)).status_code == 201


async def test_naive_scheduled_at_is_422(client: httpx.AsyncClient, make_post: MakePost) -> None:
    post = await make_post()
    channel = await make_channel(client)
    r = await schedule(client, post.id, channel["id"], scheduled_at="2030-01-01T08:00:00")
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "scheduled_at"]


async def test_other_workspaces_post_or_channel_is_404(
    client: httpx.AsyncClient, make_post: MakePost, db_session: AsyncSession
) -> None:
    foreign_post = await make_post(workspace=WORKSPACE_B)
    post = await make_post()
    channel = await make_channel(client)
    r = await schedule(client, foreign_post.id, channel["id"])
    assert r.status_code == 404
    assert str(foreign_post.id) in r.json()["detail"]
    r = await schedule(client, post.id, str(uuid.uuid4()))
    assert r.status_code == 404
    assert await count_publications(db_session) == 0


async def test_other_workspace_sees_404_on_every_route(
    client: httpx.AsyncClient,
    client_for: Callable[..., httpx.AsyncClient],
    make_post: MakePost,
) -> None:
    post = await make_post()
    channel = await make_channel(client)
    publication = (await schedule(client, post.id, channel["id"])).json()
    url = f"/v1/publications/{publication['id']}"
    other = client_for(WORKSPACE_B)
    assert (await other.get(url)).status_code == 404
    assert (await other.post(f"{url}/cancel")).status_code == 404
    assert (await other.post(f"{url}/retry")).status_code == 404
    marked = await other.post(f"{url}/mark-published", json={"url": "https://x.example.com/1"})
    assert marked.status_code == 404
    assert (await other.get("/v1/publications")).json()["items"] == []
    assert (await client.get(url)).json()["status"] == "scheduled"


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"post_id": "nope", "channel_id": str(uuid.uuid4())},
        {"post_id": str(uuid.uuid4()), "channel_id": str(uuid.uuid4()), "colour": "red"},
        {"post_id": str(uuid.uuid4()), "channel_id": str(uuid.uuid4()), "title_override": ""},
    ],
)
async def test_bad_bodies_are_422_and_store_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession, body: dict[str, object]
) -> None:
    r = await client.post("/v1/publications", json=body)
    assert_problem(r, 422)
    assert await count_publications(db_session) == 0


async def test_cancel_then_cancel_again_is_409_naming_allowed_states(
    client: httpx.AsyncClient, make_post: MakePost
) -> None:
    post = await make_post()
    channel = await make_channel(client)
    publication = (await schedule(client, post.id, channel["id"])).json()
    url = f"/v1/publications/{publication['id']}"
    r = await client.post(f"{url}/cancel")
    assert r.status_code == 200
    assert r.json()["status"] == "cancelled"
    again = await client.post(f"{url}/cancel")
    assert again.status_code == 409
    assert again.json()["detail"] == (
        "Cannot cancel a publication that is cancelled; cancel is allowed only from: "
        "scheduled, failed."
    )
    assert (await client.post(f"{url}/retry")).status_code == 409


async def test_retry_of_failed_resets_attempts_and_keeps_delivery_id(
    client: httpx.AsyncClient, make_post: MakePost, db_session: AsyncSession
) -> None:
    post = await make_post()
    channel = await make_channel(client)
    created = (await schedule(client, post.id, channel["id"])).json()
    row = await db_session.get(Publication, uuid.UUID(created["id"]))
    assert row is not None
    row.status, row.attempts, row.last_error = "failed", 5, "webhook answered 500: boom"
    await db_session.flush()

    r = await client.post(f"/v1/publications/{created['id']}/retry")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "scheduled"
    assert body["attempts"] == 0
    assert body["delivery_id"] == created["delivery_id"]
    assert body["last_error"] == "webhook answered 500: boom"
    assert datetime.fromisoformat(body["next_attempt_at"]) <= datetime.now(UTC)


async def test_mark_published_on_manual_channel_records_url_and_event(
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
    body = r.json()
    assert body["status"] == "published"
    assert body["url"] == "https://www.xiaohongshu.com/explore/abc"
    assert body["external_id"] == "abc"
    assert body["published_at"] is not None
    event = await db_session.scalar(
        select(OutboxEvent).where(OutboxEvent.event_type == "publication.published")
    )
    assert event is not None
    assert event.payload["publication_id"] == created["id"]
    again = await client.post(
        f"/v1/publications/{created['id']}/mark-published", json={"url": "https://x.example.com"}
    )
    assert again.status_code == 409


async def test_mark_published_on_webhook_channel_is_409(
    client: httpx.AsyncClient, make_post: MakePost
) -> None:
    post = await make_post()
    channel = await make_channel(
        client, publisher={"kind": "webhook", "url": "https://h.example.com", "secret": "s" * 16}
    )
    created = (await schedule(client, post.id, channel["id"])).json()
    r = await client.post(
        f"/v1/publications/{created['id']}/mark-published", json={"url": "https://x.example.com"}
    )
    assert r.status_code == 409
    assert "manual" in r.json()["detail"]


async def test_list_filters_and_pages(client: httpx.AsyncClient, make_post: MakePost) -> None:
    post = await make_post()
    other_post = await make_post()
    xhs = await make_channel(client)
    weibo = await make_channel(client, platform="weibo")
    later = (datetime.now(UTC) + timedelta(days=2)).isoformat()
    ids = [
        (await schedule(client, post.id, xhs["id"])).json()["id"],
        (await schedule(client, post.id, weibo["id"], scheduled_at=later)).json()["id"],
        (await schedule(client, other_post.id, xhs["id"])).json()["id"],
    ]
    await client.post(f"/v1/publications/{ids[0]}/cancel")

    async def listed(**params: str) -> list[str]:
        page = (await client.get("/v1/publications", params=params)).json()
        return [p["id"] for p in page["items"]]

    assert await listed() == ids
    assert await listed(status="cancelled") == [ids[0]]
    assert await listed(channel_id=str(weibo["id"])) == [ids[1]]
    assert await listed(post_id=str(other_post.id)) == [ids[2]]
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    assert await listed(**{"from": tomorrow}) == [ids[1]]
    assert await listed(to=tomorrow) == [ids[0], ids[2]]
    first = (await client.get("/v1/publications", params={"limit": 2})).json()
    assert [p["id"] for p in first["items"]] == ids[:2]
    second = (
        await client.get("/v1/publications", params={"limit": 2, "cursor": first["next_cursor"]})
    ).json()
    assert [p["id"] for p in second["items"]] == ids[2:]
    assert second["next_cursor"] is None
    bad = await client.get("/v1/publications", params={"status": "lost"})
    assert bad.status_code == 422


async def test_channel_with_publications_cannot_be_deleted(
    client: httpx.AsyncClient, make_post: MakePost
) -> None:
    post = await make_post()
    channel = await make_channel(client)
    await schedule(client, post.id, channel["id"])
    r = await client.delete(f"/v1/channels/{channel['id']}")
    assert r.status_code == 409
    assert "1 publication" in r.json()["detail"]
    assert (await client.get(f"/v1/channels/{channel['id']}")).status_code == 200


async def test_read_scope_cannot_schedule(
    client_for: Callable[..., httpx.AsyncClient], make_post: MakePost
) -> None:
    post = await make_post()
    reader = client_for(scopes=("content:read",))
    r = await schedule(reader, post.id, str(uuid.uuid4()))
    assert r.status_code == 403
