import asyncio
import uuid
from collections import Counter
from collections.abc import Callable

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from campaign_svc.models import Coupon, CustomerClaim, OutboxEvent, ReferralReward
from servicekit.testing.headers import WORKSPACE_B

from ..coupons.helpers import fixed_batch, running_campaign


async def running(client: httpx.AsyncClient) -> str:
    campaign_id = str((await client.post("/v1/campaigns", json=running_campaign())).json()["id"])
    r = await client.post(f"/v1/campaigns/{campaign_id}/status", json={"status": "scheduled"})
    assert r.json()["status"] == "running"
    return campaign_id


async def code_for(client: httpx.AsyncClient, campaign_id: str, participant: str) -> str:
    r = await client.post(
        "/v1/referrals/codes", json={"campaign_id": campaign_id, "participant_id": participant}
    )
    assert r.status_code in (200, 201), r.text
    return str(r.json()["code"])


async def accept(client: httpx.AsyncClient, code: str, invitee: str) -> httpx.Response:
    return await client.post("/v1/referrals/accept", json={"code": code, "invitee_id": invitee})


async def reward_rule(client: httpx.AsyncClient, campaign_id: str, invites: int) -> str:
    batch = (
        await client.post(
            "/v1/coupon-batches", json=fixed_batch(campaign_id=campaign_id, total_quantity=50)
        )
    ).json()
    r = await client.post(
        "/v1/referrals/rules",
        json={"campaign_id": campaign_id, "invites_required": invites, "batch_id": batch["id"]},
    )
    assert r.status_code == 201, r.text
    return str(batch["id"])


async def test_a_participant_gets_one_code(client: httpx.AsyncClient) -> None:
    campaign_id = await running(client)
    first = await client.post(
        "/v1/referrals/codes", json={"campaign_id": campaign_id, "participant_id": "alice"}
    )
    again = await client.post(
        "/v1/referrals/codes", json={"campaign_id": campaign_id, "participant_id": "alice"}
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["code"] == again.json()["code"]
    assert first.json()["generation"] == 0


async def test_accept_records_the_referral_and_its_generation(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    campaign_id = await running(client)
    r = await accept(client, await code_for(client, campaign_id, "alice"), "bob")
    assert r.status_code == 201, r.text
    assert (r.json()["referrer_id"], r.json()["generation"]) == ("alice", 1)
    event = await db_session.scalar(
        select(OutboxEvent.payload).where(OutboxEvent.event_type == "referral.accepted")
    )
    assert event == {
        "actor_id": "bob",
        "referrer_id": "alice",
        "campaign_id": campaign_id,
        "referral_id": r.json()["id"],
        "generation": 1,
    }
    bob_code = (
        await client.post(
            "/v1/referrals/codes", json={"campaign_id": campaign_id, "participant_id": "bob"}
        )
    ).json()
    assert bob_code["generation"] == 1
    assert (await accept(client, bob_code["code"], "carol")).json()["generation"] == 2


async def test_self_referral_is_422(client: httpx.AsyncClient) -> None:
    campaign_id = await running(client)
    r = await accept(client, await code_for(client, campaign_id, "alice"), "alice")
    assert r.status_code == 422
    assert r.json()["reason"] == "self"


async def test_same_invite_twice_is_deduplicated(client: httpx.AsyncClient) -> None:
    campaign_id = await running(client)
    code = await code_for(client, campaign_id, "alice")
    first = await accept(client, code, "bob")
    again = await accept(client, code, "bob")
    assert again.status_code == 200
    assert again.json()["duplicate"] is True
    assert again.json()["id"] == first.json()["id"]
    codes = (await client.get("/v1/referrals/codes", params={"campaign_id": campaign_id})).json()
    assert codes["items"][0]["accepted_count"] == 1


async def test_an_invitee_has_one_referrer(client: httpx.AsyncClient) -> None:
    campaign_id = await running(client)
    await accept(client, await code_for(client, campaign_id, "alice"), "carol")
    r = await accept(client, await code_for(client, campaign_id, "bob"), "carol")
    assert r.status_code == 409
    assert r.json()["reason"] == "already_referred"
    assert "alice" in r.json()["detail"]


async def test_a_seed_cannot_be_invited(client: httpx.AsyncClient) -> None:
    campaign_id = await running(client)
    alice = await code_for(client, campaign_id, "alice")
    await accept(client, alice, "bob")
    bob = await code_for(client, campaign_id, "bob")
    r = await accept(client, bob, "alice")
    assert r.status_code == 409
    assert r.json()["reason"] == "already_participant"


async def test_accept_outside_the_campaign_window_is_409(client: httpx.AsyncClient) -> None:
    draft = str((await client.post("/v1/campaigns", json=running_campaign())).json()["id"])
    r = await accept(client, await code_for(client, draft, "alice"), "bob")
    assert r.status_code == 409
    assert r.json()["campaign_status"] == "draft"


async def test_reward_after_n_invites_issues_a_coupon_once(client: httpx.AsyncClient) -> None:
    campaign_id = await running(client)
    batch_id = await reward_rule(client, campaign_id, invites=2)
    code = await code_for(client, campaign_id, "alice")
    assert (await accept(client, code, "i1")).json()["rewards"] == []
    second = (await accept(client, code, "i2")).json()
    assert [(r["referrer_id"], r["status"]) for r in second["rewards"]] == [("alice", "issued")]
    assert (await accept(client, code, "i3")).json()["rewards"] == []
    held = (
        await client.get(f"/v1/coupon-batches/{batch_id}/codes", params={"customer_id": "alice"})
    ).json()["items"]
    assert [c["id"] for c in held] == [second["rewards"][0]["coupon_id"]]


async def test_reward_from_an_empty_batch_is_recorded_as_failed(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    campaign_id = await running(client)
    # A batch of no campaign: the refused claim's first statement in its savepoint is its own
    # (no campaign to read first), sent by the driver after the Idempotency-Key's record.
    batch = (await client.post("/v1/coupon-batches", json=fixed_batch(total_quantity=1))).json()
    await client.post(f"/v1/coupon-batches/{batch['id']}/claims", json={"customer_id": "x"})
    await client.post(
        "/v1/referrals/rules",
        json={"campaign_id": campaign_id, "invites_required": 1, "batch_id": batch["id"]},
    )
    r = await client.post(
        "/v1/referrals/accept",
        json={"code": await code_for(client, campaign_id, "alice"), "invitee_id": "bob"},
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert r.status_code == 201
    assert r.json()["rewards"][0]["status"] == "failed"
    assert "Out of stock" in r.json()["rewards"][0]["detail"]
    # The refused claim was undone whole (its savepoint): the referrer's per-customer count on
    # the batch moved for no code, so a later claim of theirs is not refused for it.
    counted = await db_session.scalar(
        select(func.count()).where(
            CustomerClaim.batch_id == uuid.UUID(batch["id"]), CustomerClaim.customer_id == "alice"
        )
    )
    assert counted == 0


async def test_stats_count_seeds_invitees_and_generations(client: httpx.AsyncClient) -> None:
    campaign_id = await running(client)
    alice = await code_for(client, campaign_id, "alice")
    await code_for(client, campaign_id, "dave")  # a seed who invites nobody
    for invitee in ("b1", "b2", "b3"):
        await accept(client, alice, invitee)
    await accept(client, await code_for(client, campaign_id, "b1"), "c1")
    stats = (await client.get("/v1/referrals/stats", params={"campaign_id": campaign_id})).json()
    assert stats["seeds"] == 2
    assert stats["invitees"] == 4
    assert stats["multiplication_rate"] == 2.0
    assert stats["generations"] == [
        {"generation": 0, "participants": 2, "invitees": 0},
        {"generation": 1, "participants": 1, "invitees": 3},
        {"generation": 2, "participants": 0, "invitees": 1},
    ]
    campaign = (await client.get(f"/v1/campaigns/{campaign_id}/stats")).json()
    assert (campaign["referral_seeds"], campaign["referral_invitees"]) == (2, 4)


async def test_unknown_and_foreign_ids_are_404(
    client: httpx.AsyncClient, client_for: Callable[..., httpx.AsyncClient]
) -> None:
    campaign_id = await running(client)
    code = await code_for(client, campaign_id, "alice")
    other = client_for(WORKSPACE_B)
    assert (await accept(other, code, "bob")).status_code == 404
    r = await other.post(
        "/v1/referrals/codes", json={"campaign_id": campaign_id, "participant_id": "x"}
    )
    assert r.status_code == 404
    r = await other.get("/v1/referrals/stats", params={"campaign_id": campaign_id})
    assert r.status_code == 404
    r = await client.post(
        "/v1/referrals/rules",
        json={"campaign_id": campaign_id, "invites_required": 1, "batch_id": str(uuid.uuid4())},
    )
    assert r.status_code == 404


async def test_nth_and_next_invites_together_issue_the_reward_once(
    committed_client_for: Callable[..., httpx.AsyncClient], engine: AsyncEngine
) -> None:
    client = committed_client_for()
    campaign_id = await running(client)
    batch_id = await reward_rule(client, campaign_id, invites=3)
    code = await code_for(client, campaign_id, "alice")
    for invitee in ("i1", "i2"):
        assert (await accept(client, code, invitee)).status_code == 201
    # The 3rd and 4th invites arrive together, and a crowd after them.
    responses = await asyncio.gather(*(accept(client, code, f"late-{i}") for i in range(12)))
    assert Counter(r.status_code for r in responses) == {201: 12}
    issued = [rw for r in responses for rw in r.json()["rewards"]]
    assert len(issued) == 1
    async with engine.connect() as conn:
        rewards = await conn.scalar(
            select(func.count()).where(ReferralReward.campaign_id == uuid.UUID(campaign_id))
        )
        coupons = await conn.scalar(
            select(func.count()).where(
                Coupon.batch_id == uuid.UUID(batch_id), Coupon.customer_id == "alice"
            )
        )
    assert rewards == coupons == 1
