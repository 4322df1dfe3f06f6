"""Partner accounts: one per platform and handle, contacts normalised and masked as leads' are,
filters, If-Match on PATCH, deletion only without collaborations, and bad input refused with
nothing stored."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from campaign_svc.models import Partner
from servicekit.testing.dates import assert_refused_naming
from servicekit.testing.headers import WORKSPACE_B

from .helpers import PII, WRITE, new_collaboration, new_partner, partner_body

MASKED = {
    "name": "陈**",
    "phone": "139****8000",
    "email": "x***@example.com",
    "wechat_id": "x***d",
    "masked": True,
}
FULL = {
    "name": "陈小鹿",
    "phone": "+8613900138000",
    "email": "xiaolu@example.com",
    "wechat_id": "xiaolu_ootd",
    "masked": False,
}


async def partners_stored(db_session: AsyncSession) -> int:
    return int(await db_session.scalar(select(func.count()).select_from(Partner)) or 0)


async def test_a_partner_is_created_with_its_contact_masked_without_pii(
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    writer = client_for(scopes=WRITE)
    r = await writer.post("/v1/partners", json=partner_body())
    assert r.status_code == 201, r.text
    partner = r.json()
    assert r.headers["etag"] == '"1"'
    assert r.headers["location"] == f"/v1/partners/{partner['id']}"
    assert partner["handle"] == "xiaolu_ootd"  # the @ is not part of the handle
    assert partner["contact"] == MASKED
    assert (partner["price_per_post"], partner["currency"]) == (300000, "CNY")
    assert partner["tone_tags"] == ["温柔", "穿搭", "平价"]
    full = await client_for(scopes=PII).get(f"/v1/partners/{partner['id']}")
    assert full.json()["contact"] == FULL
    masked = await writer.get(f"/v1/partners/{partner['id']}")
    assert masked.json()["contact"] == MASKED
    assert masked.headers["etag"] == '"1"'
    listed = (await writer.get("/v1/partners")).json()["items"]
    assert [p["contact"] for p in listed] == [MASKED]
    assert (await client_for(scopes=PII).get("/v1/partners")).json()["items"][0]["contact"] == FULL


async def test_a_replayed_create_is_masked_for_a_caller_without_pii(
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    key = {"Idempotency-Key": "partner-xiaolu-1"}
    first = await client_for(scopes=PII).post("/v1/partners", json=partner_body(), headers=key)
    assert first.json()["contact"] == FULL
    replay = await client_for(scopes=WRITE).post("/v1/partners", json=partner_body(), headers=key)
    assert replay.headers["idempotent-replayed"] == "true"
    assert replay.json()["contact"] == MASKED
    assert replay.json()["id"] == first.json()["id"]


async def test_a_partner_without_contact_reads_null(client: httpx.AsyncClient) -> None:
    partner = await new_partner(client, contact=None, audience=None, price_per_post=None)
    assert (partner["contact"], partner["audience"], partner["price_per_post"]) == (
        None,
        None,
        None,
    )


async def test_the_same_account_twice_is_409_naming_the_partner(
    client: httpx.AsyncClient, client_for: Callable[..., httpx.AsyncClient]
) -> None:
    partner = await new_partner(client)
    again = await client.post("/v1/partners", json=partner_body(handle="xiaolu_ootd"))
    assert again.status_code == 409, again.text
    assert again.json()["partner_id"] == partner["id"]
    assert "already exists" in again.json()["detail"]
    # The same handle on another platform, or in another workspace, is another account.
    await new_partner(client, platform="douyin")
    await new_partner(client_for(WORKSPACE_B))


async def test_the_list_filters_by_platform_tag_text_reach_and_price(
    client: httpx.AsyncClient,
) -> None:
    xiaolu = await new_partner(client)
    tech = await new_partner(
        client,
        platform="bilibili",
        handle="techlab",
        display_name="极客实验室",
        tone_tags=["测评", "硬核"],
        follower_count=1200000,
        price_per_post=2000000,
    )
    small = await new_partner(
        client,
        platform="xiaohongshu",
        handle="mini_100%_real",
        display_name="小众好物",
        tone_tags=["平价"],
        follower_count=8000,
        price_per_post=50000,
    )

    async def ids(**params: Any) -> list[str]:
        r = await client.get("/v1/partners", params=params)
        assert r.status_code == 200, r.text
        return [p["id"] for p in r.json()["items"]]

    assert await ids() == [xiaolu["id"], tech["id"], small["id"]]
    assert await ids(platform="xiaohongshu") == [xiaolu["id"], small["id"]]
    assert await ids(tag="平价") == [xiaolu["id"], small["id"]]
    assert await ids(tag="测评") == [tech["id"]]
    assert await ids(q="XIAOLU") == [xiaolu["id"]]
    assert await ids(q="实验") == [tech["id"]]
    # % and _ are text, not patterns.
    assert await ids(q="100%") == [small["id"]]
    assert await ids(q="%") == [small["id"]]
    assert await ids(min_followers=100000) == [xiaolu["id"], tech["id"]]
    assert await ids(max_price=300000) == [xiaolu["id"], small["id"]]
    assert await ids(platform="xiaohongshu", tag="平价", max_price=100000) == [small["id"]]
    bad = await client.get("/v1/partners", params={"platform": "myspace"})
    assert_refused_naming(bad, "platform")
    unknown = await client.get("/v1/partners", params={"tags": "平价"})
    assert_refused_naming(unknown, "tags")


async def test_patch_changes_what_is_sent_and_honours_if_match(
    client_for: Callable[..., httpx.AsyncClient], db_session: AsyncSession
) -> None:
    client = client_for(scopes=PII)
    partner = await new_partner(client)
    path = f"/v1/partners/{partner['id']}"
    r = await client.patch(
        path,
        json={"follower_count": 312000, "audience": None, "contact": {"wechat_id": "Lu_2027"}},
        headers={"If-Match": '"1"'},
    )
    assert r.status_code == 200, r.text
    changed = r.json()
    assert r.headers["etag"] == '"2"'
    assert (changed["follower_count"], changed["audience"], changed["version"]) == (312000, None, 2)
    # The contact is replaced whole.
    assert changed["contact"] == {
        "name": None,
        "phone": None,
        "email": None,
        "wechat_id": "lu_2027",
        "masked": False,
    }
    assert changed["display_name"] == partner["display_name"]
    stale = await client.patch(path, json={"notes": "旧版本"}, headers={"If-Match": '"1"'})
    assert stale.status_code == 412
    cleared = await client.patch(path, json={"contact": None}, headers={"If-Match": '"2"'})
    assert cleared.json()["contact"] is None
    refusals: list[dict[str, Any]] = [
        {"handle": None},
        {"tone_tags": None},
        {"price_per_post": -1},
        {"contact": {}},
    ]
    for body in refusals:
        refused = await client.patch(path, json=body)
        assert refused.status_code == 422, (body, refused.text)
    assert (await client.get(path)).json()["version"] == 3
    assert await partners_stored(db_session) == 1


async def test_patch_to_another_partner_s_account_is_409(client: httpx.AsyncClient) -> None:
    await new_partner(client)
    other = await new_partner(client, handle="another")
    r = await client.patch(f"/v1/partners/{other['id']}", json={"handle": "@xiaolu_ootd"})
    assert r.status_code == 409, r.text


async def test_a_partner_without_collaborations_is_deleted_one_with_them_is_409(
    client: httpx.AsyncClient,
) -> None:
    lone = await new_partner(client, handle="lone")
    assert (await client.delete(f"/v1/partners/{lone['id']}")).status_code == 204
    assert (await client.get(f"/v1/partners/{lone['id']}")).status_code == 404
    busy = await new_partner(client)
    await new_collaboration(client, busy["id"])
    r = await client.delete(f"/v1/partners/{busy['id']}")
    assert r.status_code == 409, r.text
    assert r.json()["collaborations"] == 1
    assert (await client.get(f"/v1/partners/{busy['id']}")).status_code == 200


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("price_per_post", -1),
        ("price_per_post", 300000.5),
        ("price_per_post", "300000"),
        ("follower_count", -5),
        ("platform", "myspace"),
        ("handle", "@"),
        ("handle", "x" * 101),
        ("display_name", "bad\u0000name"),
        ("notes", "bad\u0000note"),
        ("tone_tags", ["t"] * 21),
        ("tone_tags", ["x" * 33]),
        ("currency", "rmb"),
        ("contact", {}),
        ("contact", {"phone": "12345"}),
        ("contact", {"email": "not-an-address"}),
        ("nickname", "多余"),
    ],
)
async def test_bad_partner_input_is_422_naming_the_field_and_stores_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession, field: str, value: Any
) -> None:
    r = await client.post("/v1/partners", json=partner_body(**{field: value}))
    assert_refused_naming(r, field)
    assert await partners_stored(db_session) == 0


async def test_a_tone_tag_sent_twice_is_kept_once(client: httpx.AsyncClient) -> None:
    partner = await new_partner(client, tone_tags=["温柔", " 温柔 ", "穿搭"])
    assert partner["tone_tags"] == ["温柔", "穿搭"]
