"""Sources on leads, claims, referral accepts and redemptions: a tracking code resolved through
content-svc (a real HTTP server standing in for it) or explicit ids; stored, returned, and in
the events."""

import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from campaign_svc.models import Lead, OutboxEvent
from servicekit.testing.headers import WORKSPACE_A
from servicekit.testing.servers import StandIn

from ..coupons.helpers import claim, fixed_batch, redeem, running_campaign
from ..events import payloads

CODE = "ABCD2345"
PUBLICATION, CHANNEL, POST = (str(uuid.uuid4()) for _ in range(3))
# What the events carry; the read adds the publication's platform (content-svc's answer).
ATTRIBUTED = {
    "tracking_code": CODE,
    "publication_id": PUBLICATION,
    "channel_id": CHANNEL,
    "post_id": POST,
}
RESOLVED = {**ATTRIBUTED, "platform": "weibo"}
ONLY_CODE = {
    "tracking_code": CODE,
    "publication_id": None,
    "channel_id": None,
    "post_id": None,
    "platform": None,
}


@pytest.fixture
def content(peer: StandIn) -> StandIn:
    """content-svc knows CODE."""
    peer.answer(
        f"/v1/tracking-codes/{CODE}",
        200,
        {
            "code": CODE,
            "publication_id": PUBLICATION,
            "channel_id": CHANNEL,
            "post_id": POST,
            "platform": "weibo",
        },
    )
    return peer


async def running(client: httpx.AsyncClient) -> str:
    campaign_id = str((await client.post("/v1/campaigns", json=running_campaign())).json()["id"])
    r = await client.post(f"/v1/campaigns/{campaign_id}/status", json={"status": "scheduled"})
    assert r.json()["status"] == "running", r.text
    return campaign_id


def lead(campaign_id: str, **overrides: Any) -> dict[str, Any]:
    return {"campaign_id": campaign_id, "phone": "13812345678", "consent": True, **overrides}


async def batch_of(client: httpx.AsyncClient, campaign_id: str) -> str:
    r = await client.post("/v1/coupon-batches", json=fixed_batch(campaign_id=campaign_id))
    return str(r.json()["id"])


async def outbox_count(db_session: AsyncSession) -> int:
    return int(await db_session.scalar(select(func.count()).select_from(OutboxEvent)) or 0)


async def test_a_lead_with_a_tracking_code_stores_returns_and_sends_the_publication(
    client: httpx.AsyncClient, db_session: AsyncSession, content: StandIn
) -> None:
    campaign_id = await running(client)
    # Codes are case-insensitive: what a person typed from a poster.
    r = await client.post("/v1/leads", json=lead(campaign_id, source={"tracking_code": "abcd2345"}))
    assert r.status_code == 201, r.text
    assert r.json()["source"] == RESOLVED
    assert r.json()["source_channel_id"] == CHANNEL
    listed = (await client.get("/v1/leads", params={"campaign_id": campaign_id})).json()
    assert [item["source"] for item in listed["items"]] == [RESOLVED]
    (event,) = await payloads(db_session, "lead.captured")
    assert {k: event.get(k) for k in ATTRIBUTED} == ATTRIBUTED
    assert "platform" not in event
    (asked,) = content.requests_to(f"/v1/tracking-codes/{CODE}")
    assert asked.headers["x-workspace-id"] == WORKSPACE_A
    assert asked.headers["x-internal-token"]
    # campaign-svc asks with its own rights: exactly the scope the look-up needs.
    assert asked.headers["x-scopes"] == "content:read"
    assert "x-actor-id" not in asked.headers


async def test_a_caller_without_content_read_gets_the_code_resolved(
    client_for: Callable[..., httpx.AsyncClient], content: StandIn
) -> None:
    # The stand-in refuses calls without content:read, as content-svc does.
    writer = client_for(scopes=("campaign:read", "campaign:write"))
    campaign_id = await running(writer)
    r = await writer.post("/v1/leads", json=lead(campaign_id, source={"tracking_code": CODE}))
    assert r.status_code == 201, r.text
    assert r.json()["source"] == RESOLVED


async def test_a_claim_with_a_tracking_code_carries_it(
    client: httpx.AsyncClient, db_session: AsyncSession, content: StandIn
) -> None:
    campaign_id = await running(client)
    batch_id = await batch_of(client, campaign_id)
    r = await client.post(
        f"/v1/coupon-batches/{batch_id}/claims",
        json={"customer_id": "cust-7", "source": {"tracking_code": CODE}},
    )
    assert r.status_code == 201, r.text
    assert r.json()["source"] == RESOLVED
    assert (await client.get(f"/v1/coupons/{r.json()['code']}")).json()["source"] == RESOLVED
    assert await payloads(db_session, "coupon.claimed") == [
        {
            "actor_id": "cust-7",
            "campaign_id": campaign_id,
            "coupon_id": r.json()["id"],
            "batch_id": batch_id,
            **ATTRIBUTED,
        }
    ]


async def test_a_referral_accept_with_a_tracking_code_carries_it(
    client: httpx.AsyncClient, db_session: AsyncSession, content: StandIn
) -> None:
    campaign_id = await running(client)
    code = (
        await client.post(
            "/v1/referrals/codes", json={"campaign_id": campaign_id, "participant_id": "alice"}
        )
    ).json()["code"]
    r = await client.post(
        "/v1/referrals/accept",
        json={"code": code, "invitee_id": "bob", "source": {"tracking_code": CODE}},
    )
    assert r.status_code == 201, r.text
    assert r.json()["source"] == RESOLVED
    (event,) = await payloads(db_session, "referral.accepted")
    assert event == {
        "actor_id": "bob",
        "referrer_id": "alice",
        "campaign_id": campaign_id,
        "referral_id": r.json()["id"],
        "generation": 1,
        **ATTRIBUTED,
    }
    # Accepting again answers the stored referral, its source included.
    again = await client.post("/v1/referrals/accept", json={"code": code, "invitee_id": "bob"})
    assert (again.status_code, again.json()["source"]) == (200, RESOLVED)


async def test_a_redemption_with_explicit_ids_sends_them_with_the_purchase_and_the_refund(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    campaign_id = await running(client)
    batch_id = await batch_of(client, campaign_id)
    code = (await claim(client, batch_id, "cust-7")).json()["code"]
    explicit = {"publication_id": PUBLICATION, "channel_id": CHANNEL}
    r = await client.post(
        f"/v1/coupons/{code}/redeem",
        json={
            "customer_id": "cust-7",
            "order_id": "o-1",
            "order_amount": 15000,
            "source": explicit,
        },
    )
    assert r.status_code == 201, r.text
    # Explicit ids name no platform.
    assert r.json()["source"] == {
        "tracking_code": None,
        "post_id": None,
        "platform": None,
        **explicit,
    }
    for event_type in ("coupon.redeemed", "order.purchased"):
        (event,) = await payloads(db_session, event_type)
        assert (event["publication_id"], event["channel_id"]) == (PUBLICATION, CHANNEL)
        assert "post_id" not in event
        assert "tracking_code" not in event
    rolled_back = await client.post(
        f"/v1/coupons/{code}/redemptions/{r.json()['id']}/rollback", json={}
    )
    assert rolled_back.json()["source"] == r.json()["source"]
    (refund,) = await payloads(db_session, "coupon.redemption_rolled_back")
    assert (refund["publication_id"], refund["channel_id"], refund["value"]) == (
        PUBLICATION,
        CHANNEL,
        150.0,
    )


async def test_a_redemption_without_a_source_is_attributed_to_the_claims(
    client: httpx.AsyncClient, db_session: AsyncSession, content: StandIn
) -> None:
    campaign_id = await running(client)
    batch_id = await batch_of(client, campaign_id)
    code = (
        await client.post(
            f"/v1/coupon-batches/{batch_id}/claims",
            json={"customer_id": "cust-7", "source": {"tracking_code": CODE}},
        )
    ).json()["code"]
    r = await redeem(client, code, customer="cust-7")
    assert r.status_code == 201, r.text
    assert r.json()["source"] == RESOLVED
    (purchase,) = await payloads(db_session, "order.purchased")
    assert {k: purchase.get(k) for k in ATTRIBUTED} == ATTRIBUTED


async def test_an_unknown_tracking_code_is_422_naming_it_and_stores_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession, content: StandIn
) -> None:
    campaign_id = await running(client)
    batch_id = await batch_of(client, campaign_id)
    before = await outbox_count(db_session)
    r = await client.post("/v1/leads", json=lead(campaign_id, source={"tracking_code": "ZZZZ9999"}))
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "ZZZZ9999" in r.json()["detail"]
    assert r.json()["errors"][0]["loc"] == ["body", "source", "tracking_code"]
    claimed = await client.post(
        f"/v1/coupon-batches/{batch_id}/claims",
        json={"customer_id": "cust-7", "source": {"tracking_code": "ZZZZ9999"}},
    )
    assert claimed.status_code == 422, claimed.text
    assert await db_session.scalar(select(func.count()).select_from(Lead)) == 0
    assert (await client.get(f"/v1/coupon-batches/{batch_id}")).json()["claimed_count"] == 0
    assert await outbox_count(db_session) == before
    assert len(content.requests_to("/v1/tracking-codes/ZZZZ9999")) == 2


@pytest.mark.peers_down
async def test_with_content_down_the_write_succeeds_keeping_only_the_code(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    campaign_id = await running(client)
    r = await client.post("/v1/leads", json=lead(campaign_id, source={"tracking_code": CODE}))
    assert r.status_code == 201, r.text
    assert r.json()["source"] == ONLY_CODE
    assert r.json()["source_channel_id"] is None
    (event,) = await payloads(db_session, "lead.captured")
    assert event["tracking_code"] == CODE
    assert not {"publication_id", "channel_id", "post_id"} & set(event)


async def test_content_answering_an_error_is_like_content_down(
    client: httpx.AsyncClient, db_session: AsyncSession, peer: StandIn
) -> None:
    peer.answer(f"/v1/tracking-codes/{CODE}", 503, {"status": 503, "detail": "overloaded"})
    campaign_id = await running(client)
    batch_id = await batch_of(client, campaign_id)
    r = await client.post(
        f"/v1/coupon-batches/{batch_id}/claims",
        json={"customer_id": "cust-7", "source": {"tracking_code": CODE}},
    )
    assert r.status_code == 201, r.text
    assert r.json()["source"] == ONLY_CODE


async def test_a_resolved_code_is_cached(client: httpx.AsyncClient, content: StandIn) -> None:
    campaign_id = await running(client)
    for phone in ("13812345678", "13900001111"):
        body = lead(campaign_id, phone=phone, source={"tracking_code": CODE})
        assert (await client.post("/v1/leads", json=body)).json()["source"] == RESOLVED
    assert len(content.requests_to(f"/v1/tracking-codes/{CODE}")) == 1


@pytest.mark.campaign_env(CAMPAIGN_TRACKING_CODE_CACHE_S=0)
async def test_tracking_code_cache_s_zero_asks_at_every_write(
    client: httpx.AsyncClient, content: StandIn
) -> None:
    campaign_id = await running(client)
    for phone in ("13812345678", "13900001111"):
        body = lead(campaign_id, phone=phone, source={"tracking_code": CODE})
        assert (await client.post("/v1/leads", json=body)).json()["source"] == RESOLVED
    assert len(content.requests_to(f"/v1/tracking-codes/{CODE}")) == 2


@pytest.mark.parametrize(
    "source",
    [
        {},
        {"tracking_code": CODE, "channel_id": "ch-1"},
        {"tracking_code": "AB"},
        {"tracking_code": "ABCD/2345"},
        {"publication_id": ""},
    ],
)
async def test_a_malformed_source_is_422(
    client: httpx.AsyncClient, db_session: AsyncSession, source: dict[str, str]
) -> None:
    campaign_id = await running(client)
    r = await client.post("/v1/leads", json=lead(campaign_id, source=source))
    assert r.status_code == 422, r.text
    assert await db_session.scalar(select(func.count()).select_from(Lead)) == 0


async def test_a_lead_source_channel_differing_from_the_older_field_is_422(
    client: httpx.AsyncClient,
) -> None:
    campaign_id = await running(client)
    body = lead(campaign_id, source_channel_id="ch-a", source={"channel_id": "ch-b"})
    assert (await client.post("/v1/leads", json=body)).status_code == 422


async def test_the_source_is_part_of_an_idempotent_body(
    client: httpx.AsyncClient, content: StandIn
) -> None:
    campaign_id = await running(client)
    batch_id = await batch_of(client, campaign_id)
    key = {"Idempotency-Key": str(uuid.uuid4())}
    body = {"customer_id": "cust-7", "source": {"tracking_code": CODE}}
    path = f"/v1/coupon-batches/{batch_id}/claims"
    first = await client.post(path, json=body, headers=key)
    again = await client.post(path, json=body, headers=key)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    other = {**body, "source": {"channel_id": CHANNEL}}
    assert (await client.post(path, json=other, headers=key)).status_code == 409
