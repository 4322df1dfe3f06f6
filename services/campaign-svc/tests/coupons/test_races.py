"""The money guarantees under real concurrency: committed transactions, one pooled connection
per in-flight request, all requests started together with ``asyncio.gather``."""

import asyncio
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from campaign_svc.coupons.repository import (
    ClaimTarget,
    CouponBatchRepository,
    CouponRepository,
    RedeemTarget,
)
from campaign_svc.events import DomainEvent
from campaign_svc.models import Coupon, CouponBatch, OutboxEvent, Redemption

from .helpers import claim, create_batch, redeem, running_campaign

ClientFactory = Callable[..., httpx.AsyncClient]


async def new_batch(client: httpx.AsyncClient, **overrides: Any) -> str:
    return str((await create_batch(client, **overrides))["id"])


def assert_refusals(responses: list[httpx.Response], statuses: dict[int, int], reason: str) -> None:
    """The answers counted by status, and every 409 naming ``reason``."""
    counted = Counter(r.status_code for r in responses)
    assert counted == statuses, counted
    assert {r.json()["reason"] for r in responses if r.status_code == 409} == {reason}


async def redemptions_of(engine: AsyncEngine, batch_id: str) -> int | None:
    async with engine.connect() as conn:
        return await conn.scalar(
            select(func.count()).where(Redemption.batch_id == uuid.UUID(batch_id))
        )


async def test_300_concurrent_claims_on_100_coupons_give_exactly_100(
    committed_client_for: ClientFactory, engine: AsyncEngine
) -> None:
    client = committed_client_for()
    batch_id = await new_batch(client, total_quantity=100)
    responses = await asyncio.gather(*(claim(client, batch_id, f"c-{i}") for i in range(300)))
    assert_refusals(responses, {201: 100, 409: 200}, "out_of_stock")
    codes = {r.json()["code"] for r in responses if r.status_code == 201}
    assert len(codes) == 100

    bid = uuid.UUID(batch_id)
    async with engine.connect() as conn:
        counter = await conn.scalar(select(CouponBatch.claimed_count).where(CouponBatch.id == bid))
        rows = await conn.scalar(
            select(func.count()).where(Coupon.batch_id == bid, Coupon.status == "claimed")
        )
        owners = await conn.scalar(
            select(func.count(func.distinct(Coupon.customer_id))).where(Coupon.batch_id == bid)
        )
    stats = (await client.get(f"/v1/coupon-batches/{batch_id}/stats")).json()
    assert counter == rows == owners == stats["claimed"] == 100


async def test_per_customer_limit_2_with_30_concurrent_claims_gives_exactly_2(
    committed_client_for: ClientFactory, engine: AsyncEngine
) -> None:
    client = committed_client_for()
    batch_id = await new_batch(client, total_quantity=100, per_customer_limit=2)
    responses = await asyncio.gather(*(claim(client, batch_id, "greedy") for _ in range(30)))
    assert_refusals(responses, {201: 2, 409: 28}, "per_customer_limit")
    async with engine.connect() as conn:
        held = await conn.scalar(
            select(func.count()).where(
                Coupon.batch_id == uuid.UUID(batch_id), Coupon.customer_id == "greedy"
            )
        )
        counter = await conn.scalar(
            select(CouponBatch.claimed_count).where(CouponBatch.id == uuid.UUID(batch_id))
        )
    assert held == counter == 2


async def test_50_concurrent_redemptions_of_one_code_let_exactly_one_succeed(
    committed_client_for: ClientFactory, engine: AsyncEngine
) -> None:
    client = committed_client_for()
    batch_id = await new_batch(client)
    code = (await claim(client, batch_id)).json()["code"]
    responses = await asyncio.gather(
        *(redeem(client, code, 20000, order=f"order-{i}") for i in range(50))
    )
    assert_refusals(responses, {201: 1, 409: 49}, "already_redeemed")
    redemptions = await redemptions_of(engine, batch_id)
    assert redemptions == 1


async def events_of(engine: AsyncEngine, batch_id: str) -> Counter[str]:
    """The outbox's events about ``batch_id``'s coupons, by type."""
    async with engine.connect() as conn:
        rows = await conn.scalars(
            select(OutboxEvent.event_type).where(OutboxEvent.payload["batch_id"].astext == batch_id)
        )
        return Counter(rows)


async def test_a_refused_redeem_writes_nothing_and_racing_ones_write_one_redemption_once(
    committed_client_for: ClientFactory, engine: AsyncEngine
) -> None:
    """The redeem's one statement writes the redemption and both of its events, or nothing: the
    owner's 30 racing attempts and a stranger's leave one redemption and one event of each."""
    client = committed_client_for()
    batch_id = await new_batch(client)
    code = (await claim(client, batch_id)).json()["code"]
    stranger = await redeem(client, code, 20000, customer="someone-else", order="order-x")
    assert stranger.status_code == 422, stranger.text
    assert await redemptions_of(engine, batch_id) == 0
    assert DomainEvent.COUPON_REDEEMED not in await events_of(engine, batch_id)
    responses = await asyncio.gather(
        *(redeem(client, code, 20000, order=f"order-{i}") for i in range(30))
    )
    assert_refusals(responses, {201: 1, 409: 29}, "already_redeemed")
    assert await redemptions_of(engine, batch_id) == 1
    events = await events_of(engine, batch_id)
    assert (events[DomainEvent.COUPON_REDEEMED], events[DomainEvent.ORDER_PURCHASED]) == (1, 1)


async def test_20_identical_redeems_with_one_idempotency_key_redeem_once_and_answer_alike(
    committed_client_for: ClientFactory, engine: AsyncEngine
) -> None:
    client = committed_client_for()
    batch_id = await new_batch(client)
    code = (await claim(client, batch_id)).json()["code"]
    key = {"Idempotency-Key": "pay-1"}
    responses = await asyncio.gather(
        *(redeem(client, code, 20000, order="order-1", **key) for _ in range(20))
    )
    assert {r.status_code for r in responses} == {201}
    assert len({r.content for r in responses}) == 1
    assert sum(r.headers.get("idempotent-replayed") == "true" for r in responses) == 19
    redemptions = await redemptions_of(engine, batch_id)
    assert redemptions == 1


async def test_concurrent_double_rollback_rolls_back_once(
    committed_client_for: ClientFactory,
) -> None:
    client = committed_client_for()
    batch_id = await new_batch(client)
    code = (await claim(client, batch_id)).json()["code"]
    redemption = (await redeem(client, code, 20000)).json()
    url = f"/v1/coupons/{code}/redemptions/{redemption['id']}/rollback"
    responses = await asyncio.gather(*(client.post(url) for _ in range(10)))
    assert Counter(r.status_code for r in responses) == {200: 1, 409: 9}
    stats = (await client.get(f"/v1/coupon-batches/{batch_id}/stats")).json()
    assert (stats["redeemed"], stats["rolled_back"]) == (0, 1)


async def running_batch_with_a_claimed_code(
    client: httpx.AsyncClient,
) -> tuple[str, uuid.UUID, str]:
    """A running campaign, a batch of it and one code claimed: their ids and the code."""
    campaign = (await client.post("/v1/campaigns", json=running_campaign())).json()
    # Scheduled inside its window, it runs at once.
    started = await client.post(
        f"/v1/campaigns/{campaign['id']}/status", json={"status": "scheduled"}
    )
    assert started.json()["status"] == "running", started.text
    batch_id = uuid.UUID(await new_batch(client, campaign_id=campaign["id"]))
    claimed = await claim(client, str(batch_id), "c-1")
    assert claimed.status_code == 201, claimed.text
    return campaign["id"], batch_id, claimed.json()["code"]


_CHANGE_CAMPAIGN = text("SELECT 1 FROM campaign WHERE id = :id FOR UPDATE NOWAIT")


async def assert_held_until_commit(
    engine: AsyncEngine,
    campaign_id: str,
    read: Callable[[AsyncSession], Awaitable[ClaimTarget | RedeemTarget | None]],
) -> ClaimTarget | RedeemTarget:
    """``read`` in a transaction of its own: while it is open, nobody may change the campaign
    (a pause or an end waits); once it commits, they may."""
    async with AsyncSession(engine, expire_on_commit=False) as holder, holder.begin():
        target = await read(holder)
        assert target is not None
        assert target.campaign is not None
        assert str(target.campaign.id) == campaign_id
        async with engine.connect() as other:
            with pytest.raises(DBAPIError, match="could not obtain lock"):
                await other.execute(_CHANGE_CAMPAIGN, {"id": campaign_id})
    async with engine.connect() as other:
        assert await other.scalar(_CHANGE_CAMPAIGN, {"id": campaign_id}) == 1
    return target


async def test_the_claims_read_holds_the_batchs_campaign_until_it_commits(
    committed_client_for: ClientFactory, engine: AsyncEngine
) -> None:
    """The batch and its campaign come in one statement, the campaign under FOR SHARE."""
    workspace = f"ws-share-{uuid.uuid4().hex[:8]}"
    campaign_id, batch_id, _ = await running_batch_with_a_claimed_code(
        committed_client_for(workspace)
    )
    target = await assert_held_until_commit(
        engine, campaign_id, lambda s: CouponBatchRepository(s, workspace).for_claim(batch_id)
    )
    assert target.batch.id == batch_id


async def test_the_redeems_read_holds_the_coupons_campaign_until_it_commits(
    committed_client_for: ClientFactory, engine: AsyncEngine
) -> None:
    """The coupon, its batch and the campaign come in one statement, the campaign under FOR
    SHARE; a code typed in lower case finds the same coupon."""
    workspace = f"ws-share-{uuid.uuid4().hex[:8]}"
    campaign_id, batch_id, code = await running_batch_with_a_claimed_code(
        committed_client_for(workspace)
    )
    target = await assert_held_until_commit(
        engine, campaign_id, lambda s: CouponRepository(s, workspace).for_redeem(code)
    )
    assert isinstance(target, RedeemTarget)
    assert (target.coupon.code, target.batch.id) == (code, batch_id)


async def test_the_one_statement_reads_see_only_their_workspace_and_a_batch_without_campaign(
    committed_client_for: ClientFactory, engine: AsyncEngine
) -> None:
    workspace = f"ws-share-{uuid.uuid4().hex[:8]}"
    client = committed_client_for(workspace)
    _, batch_id, code = await running_batch_with_a_claimed_code(client)
    lone_batch_id = uuid.UUID(await new_batch(client))
    async with AsyncSession(engine) as session, session.begin():
        lone = await CouponBatchRepository(session, workspace).for_claim(lone_batch_id)
        assert lone is not None
        assert (lone.batch.id, lone.campaign) == (lone_batch_id, None)
        assert await CouponBatchRepository(session, "ws-someone-else").for_claim(batch_id) is None
        assert await CouponRepository(session, "ws-someone-else").for_redeem(code) is None


async def test_the_one_statement_reads_load_clean_objects_the_session_can_read_again(
    committed_client_for: ClientFactory, engine: AsyncEngine
) -> None:
    # The reads go to the driver and make the models' objects themselves: they must be what a
    # query would have loaded (nothing to flush), and a second read of the same rows in one
    # session answers the objects it holds rather than failing to attach new ones.
    workspace = f"ws-loaded-{uuid.uuid4().hex[:8]}"
    client = committed_client_for(workspace)
    _, batch_id, code = await running_batch_with_a_claimed_code(client)
    flushed: list[str] = []
    async with AsyncSession(engine) as session, session.begin():
        batches, coupons = (
            CouponBatchRepository(session, workspace),
            CouponRepository(session, workspace),
        )
        first = await batches.for_claim(batch_id)
        redeeming = await coupons.for_redeem(code)
        again = await batches.for_claim(batch_id)
        assert first is not None
        assert redeeming is not None
        assert again is not None
        assert again.batch is first.batch is redeeming.batch
        assert first.campaign is not None
        assert again.campaign is first.campaign is redeeming.campaign
        assert not session.dirty
        assert not session.new
        event.listen(
            session.sync_session, "after_flush", lambda _s, _ctx: flushed.append("flushed")
        )
        await session.flush()
    assert flushed == []
