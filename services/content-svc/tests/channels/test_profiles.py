"""Channels' platform profiles (limits), prime-time slots and publishers."""

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from content_svc.channels.models import Channel

from ..helpers import assert_problem

XHS = {"platform": "xiaohongshu", "name": "品牌小红书", "handle": "brand_xhs"}
WEBHOOK = {"kind": "webhook", "url": "https://hooks.example.com/mediaops", "secret": "s" * 32}


async def test_platform_profiles_list_every_platform_with_documented_limits(
    client: httpx.AsyncClient,
) -> None:
    r = await client.get("/v1/channels/platform-profiles")
    assert r.status_code == 200
    profiles = {p["platform"]: p["limits"] for p in r.json()}
    assert profiles["xiaohongshu"] == {
        "title_max": 20,
        "body_max": 1000,
        "summary_max": None,
        "media_max": 18,
        "tags_max": 10,
    }
    assert profiles["wechat_oa"]["title_max"] == 64
    assert profiles["wechat_oa"]["summary_max"] == 120
    assert profiles["weibo"]["body_max"] == 2000
    assert set(profiles) >= {"douyin", "bilibili", "zhihu", "kuaishou", "douban", "tiktok"}


async def test_new_channel_has_profile_limits_manual_publisher_and_no_slots(
    client: httpx.AsyncClient,
) -> None:
    body = (await client.post("/v1/channels", json=XHS)).json()
    assert body["limits"]["title_max"] == 20
    assert body["limit_overrides"] == {}
    assert body["publisher"] == {"kind": "manual", "url": None, "has_secret": False}
    assert body["prime_time_slots"] == []


async def test_overrides_change_effective_limits_and_null_lifts_one(
    client: httpx.AsyncClient,
) -> None:
    r = await client.post(
        "/v1/channels", json={**XHS, "limits": {"title_max": 30, "media_max": None}}
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["limits"]["title_max"] == 30
    assert body["limits"]["media_max"] is None
    assert body["limits"]["body_max"] == 1000  # untouched: still the profile's
    assert body["limit_overrides"] == {"title_max": 30, "media_max": None}

    patched = await client.patch(f"/v1/channels/{body['id']}", json={"limits": {}})
    assert patched.json()["limits"]["title_max"] == 20
    assert patched.json()["limit_overrides"] == {}


async def test_webhook_secret_is_write_only(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    r = await client.post("/v1/channels", json={**XHS, "publisher": WEBHOOK})
    assert r.status_code == 201, r.text
    assert r.json()["publisher"] == {
        "kind": "webhook",
        "url": "https://hooks.example.com/mediaops",
        "has_secret": True,
    }
    assert "s" * 32 not in r.text
    fetched = await client.get(f"/v1/channels/{r.json()['id']}")
    assert "s" * 32 not in fetched.text
    listed = await client.get("/v1/channels")
    assert "s" * 32 not in listed.text
    stored = await db_session.scalar(select(Channel.publisher_secret))
    assert stored == "s" * 32


async def test_patch_webhook_url_keeps_the_secret(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    created = (await client.post("/v1/channels", json={**XHS, "publisher": WEBHOOK})).json()
    r = await client.patch(
        f"/v1/channels/{created['id']}",
        json={"publisher": {"kind": "webhook", "url": "https://other.example.com/hook"}},
    )
    assert r.status_code == 200, r.text
    assert r.json()["publisher"]["url"] == "https://other.example.com/hook"
    assert await db_session.scalar(select(Channel.publisher_secret)) == "s" * 32


async def test_switching_to_manual_forgets_url_and_secret(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    created = (await client.post("/v1/channels", json={**XHS, "publisher": WEBHOOK})).json()
    r = await client.patch(f"/v1/channels/{created['id']}", json={"publisher": {"kind": "manual"}})
    assert r.json()["publisher"] == {"kind": "manual", "url": None, "has_secret": False}
    assert await db_session.scalar(select(Channel.publisher_secret)) is None


async def test_webhook_without_secret_on_create_is_422(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    r = await client.post(
        "/v1/channels",
        json={**XHS, "publisher": {"kind": "webhook", "url": "https://hooks.example.com/x"}},
    )
    assert r.status_code == 422
    assert "publisher.secret is required" in r.json()["detail"]
    assert await db_session.scalar(select(Channel.id)) is None


async def test_prime_time_slots_are_deduplicated_and_sorted(client: httpx.AsyncClient) -> None:
    slots = [
        {"weekday": 5, "time": "20:30"},
        {"weekday": 1, "time": "12:00"},
        {"weekday": 5, "time": "20:30"},
    ]
    r = await client.post("/v1/channels", json={**XHS, "prime_time_slots": slots})
    assert r.status_code == 201, r.text
    assert r.json()["prime_time_slots"] == [
        {"weekday": 1, "time": "12:00"},
        {"weekday": 5, "time": "20:30"},
    ]


@pytest.mark.parametrize(
    "extra",
    [
        {"prime_time_slots": [{"weekday": 8, "time": "12:00"}]},
        {"prime_time_slots": [{"weekday": 0, "time": "12:00"}]},
        {"prime_time_slots": [{"weekday": 1, "time": "24:00"}]},
        {"prime_time_slots": [{"weekday": 1, "time": "9:00"}]},
        {"limits": {"title_max": -1}},
        {"limits": {"colour_max": 3}},
        {"publisher": {"kind": "carrier_pigeon"}},
        {"publisher": {"kind": "webhook", "url": "ftp://x.example.com", "secret": "s" * 32}},
        {"publisher": {"kind": "webhook", "url": "https://x.example.com", "secret": "short"}},
        {"publisher": {"kind": "manual", "url": "https://x.example.com"}},
    ],
)
async def test_bad_profile_fields_are_422_and_store_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession, extra: dict[str, object]
) -> None:
    r = await client.post("/v1/channels", json={**XHS, **extra})
    assert_problem(r, 422)
    assert await db_session.scalar(select(Channel.id)) is None
