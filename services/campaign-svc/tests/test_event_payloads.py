"""Each domain event's payload, exactly: the keys the relay lifts into a metrics event
(actor_id, campaign_id, value in major units, attribution ids) and the rest, its props."""

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from .coupons.helpers import claim, fixed_batch, redeem, running_campaign
from .events import payloads


async def running(client: httpx.AsyncClient) -> str:
    campaign_id = str((await client.post("/v1/campaigns", json=running_campaign())).json()["id"])
    r = await client.post(f"/v1/campaigns/{campaign_id}/status", json={"status": "scheduled"})
    assert r.json()["status"] == "running", r.text
    return campaign_id


async def claimed(client: httpx.AsyncClient, campaign_id: str, customer: str) -> dict[str, str]:
    batch = (
        await client.post("/v1/coupon-batches", json=fixed_batch(campaign_id=campaign_id))
    ).json()
    r = await claim(client, batch["id"], customer)
    assert r.status_code == 201, r.text
    return {"batch_id": batch["id"], "coupon_id": r.json()["id"], "code": r.json()["code"]}


async def test_a_claim_is_a_coupon_claim_of_the_customer(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    campaign_id = await running(client)
    coupon = await claimed(client, campaign_id, "cust-7")
    assert await payloads(db_session, "coupon.claimed") == [
        {
            "actor_id": "cust-7",
            "campaign_id": campaign_id,
            "coupon_id": coupon["coupon_id"],
            "batch_id": coupon["batch_id"],
        }
    ]


async def test_a_claim_outside_a_campaign_carries_no_campaign_id(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    batch = (await client.post("/v1/coupon-batches", json=fixed_batch())).json()
    assert (await claim(client, batch["id"], "cust-7")).status_code == 201
    (event,) = await payloads(db_session, "coupon.claimed")
    assert "campaign_id" not in event
    assert event["actor_id"] == "cust-7"


async def test_claims_refused_for_stock_or_limit_record_no_event(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    # The claim's statement writes its event only for a code it took.
    batch = (await client.post("/v1/coupon-batches", json=fixed_batch(total_quantity=1))).json()
    assert (await claim(client, batch["id"], "cust-7")).status_code == 201
    assert (await claim(client, batch["id"], "cust-7")).status_code == 409  # over the limit
    assert (await claim(client, batch["id"], "cust-8")).status_code == 409  # out of stock
    assert [e["actor_id"] for e in await payloads(db_session, "coupon.claimed")] == ["cust-7"]


async def test_a_redemption_is_a_coupon_redeem_worth_the_discount_and_a_purchase_worth_the_order(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    campaign_id = await running(client)
    coupon = await claimed(client, campaign_id, "cust-7")
    r = await redeem(client, coupon["code"], amount=12345, customer="cust-7", order="o-42")
    assert r.status_code == 201, r.text
    common = {
        "actor_id": "cust-7",
        "campaign_id": campaign_id,
        "coupon_id": coupon["coupon_id"],
        "batch_id": coupon["batch_id"],
        "redemption_id": r.json()["id"],
        "order_id": "o-42",
        "currency": "CNY",
    }
    # ¥20 off an order of ¥123.45: metrics sums major units.
    assert await payloads(db_session, "coupon.redeemed") == [{**common, "value": 20.0}]
    assert await payloads(db_session, "order.purchased") == [{**common, "value": 123.45}]


async def test_a_rollback_is_a_refund_worth_the_order(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    campaign_id = await running(client)
    coupon = await claimed(client, campaign_id, "cust-7")
    redemption = (
        await redeem(client, coupon["code"], amount=15000, customer="cust-7", order="o-42")
    ).json()
    r = await client.post(
        f"/v1/coupons/{coupon['code']}/redemptions/{redemption['id']}/rollback", json={}
    )
    assert r.status_code == 200, r.text
    assert await payloads(db_session, "coupon.redemption_rolled_back") == [
        {
            "actor_id": "cust-7",
            "campaign_id": campaign_id,
            "coupon_id": coupon["coupon_id"],
            "batch_id": coupon["batch_id"],
            "redemption_id": redemption["id"],
            "order_id": "o-42",
            "currency": "CNY",
            "value": 150.0,
        }
    ]


async def test_a_lead_is_counted_as_lead_id_without_contact_details(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    campaign_id = await running(client)
    r = await client.post(
        "/v1/leads",
        json={"campaign_id": campaign_id, "phone": "13812345678", "name": "张三", "consent": True},
    )
    assert r.status_code == 201, r.text
    lead_id = r.json()["id"]
    assert await payloads(db_session, "lead.captured") == [
        {"actor_id": f"lead:{lead_id}", "campaign_id": campaign_id, "lead_id": lead_id}
    ]


async def test_a_lead_with_a_customer_id_is_that_customer(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    campaign_id = await running(client)
    r = await client.post(
        "/v1/leads",
        json={
            "campaign_id": campaign_id,
            "email": "a@example.com",
            "customer_id": "cust-7",
            "source_channel_id": "ch-xhs",
            "consent": True,
        },
    )
    assert r.status_code == 201, r.text
    assert r.json()["customer_id"] == "cust-7"
    assert r.json()["source"] == {
        "tracking_code": None,
        "publication_id": None,
        "channel_id": "ch-xhs",
        "post_id": None,
        "platform": None,
    }
    assert await payloads(db_session, "lead.captured") == [
        {
            "actor_id": "cust-7",
            "campaign_id": campaign_id,
            "lead_id": r.json()["id"],
            "channel_id": "ch-xhs",
        }
    ]
