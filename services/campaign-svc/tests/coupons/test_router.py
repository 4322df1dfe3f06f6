import csv
import io
import re
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

import httpx
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from campaign_svc.coupons.codes import ALPHABET
from campaign_svc.models import Coupon, CouponBatch, OutboxEvent, Redemption
from servicekit.testing.headers import WORKSPACE_B

from .helpers import claim, claimed_code, create_batch, fixed_batch, percent_batch, redeem, window

PROBLEM = "application/problem+json"


async def test_create_batch_generates_unique_codes_from_the_unambiguous_alphabet(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    batch = await create_batch(client, total_quantity=500, code_prefix="DX", code_length=8)
    assert batch["claimed_count"] == 0
    codes = (
        await db_session.scalars(
            select(Coupon.code).where(Coupon.batch_id == uuid.UUID(batch["id"]))
        )
    ).all()
    assert len(codes) == 500
    assert len(set(codes)) == 500
    pattern = re.compile(rf"^DX[{ALPHABET}]{{8}}$")
    assert all(pattern.fullmatch(c) for c in codes)
    assert not set("".join(c[2:] for c in codes)) & set("01OIL")


async def test_codes_csv_lists_every_code(client: httpx.AsyncClient) -> None:
    batch = await create_batch(client, total_quantity=25)
    await claim(client, batch["id"], "c-9")
    r = await client.get(f"/v1/coupon-batches/{batch['id']}/codes.csv")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 25
    assert len({row["code"] for row in rows}) == 25
    assert [row["customer_id"] for row in rows if row["status"] == "claimed"] == ["c-9"]


async def test_codes_list_filters_by_status(client: httpx.AsyncClient) -> None:
    batch = await create_batch(client, total_quantity=5)
    await claim(client, batch["id"])
    r = await client.get(f"/v1/coupon-batches/{batch['id']}/codes", params={"status": "claimed"})
    assert [c["customer_id"] for c in r.json()["items"]] == ["c-1"]


async def test_claim_assigns_a_code_with_the_batch_window(client: httpx.AsyncClient) -> None:
    batch = await create_batch(client)
    r = await claim(client, batch["id"])
    assert r.status_code == 201, r.text
    coupon = r.json()
    assert coupon["status"] == "claimed"
    assert coupon["customer_id"] == "c-1"
    assert datetime.fromisoformat(coupon["valid_until"]) == datetime.fromisoformat(
        batch["valid_until"]
    )
    assert (await client.get(f"/v1/coupon-batches/{batch['id']}")).json()["claimed_count"] == 1


async def test_claim_with_valid_days_is_valid_n_days_after_the_claim(
    client: httpx.AsyncClient,
) -> None:
    coupon = (
        await claim(
            client,
            (await create_batch(client, valid_from=None, valid_until=None, valid_days=7))["id"],
        )
    ).json()
    start = datetime.fromisoformat(coupon["valid_from"])
    assert datetime.fromisoformat(coupon["valid_until"]) - start == timedelta(days=7)
    assert abs(datetime.fromisoformat(coupon["claimed_at"]) - start) < timedelta(seconds=1)


async def test_claim_beyond_stock_is_409_out_of_stock(client: httpx.AsyncClient) -> None:
    batch = await create_batch(client, total_quantity=2)
    assert (await claim(client, batch["id"], "a")).status_code == 201
    assert (await claim(client, batch["id"], "b")).status_code == 201
    r = await claim(client, batch["id"], "c")
    assert r.status_code == 409
    assert r.headers["content-type"] == PROBLEM
    assert r.json()["reason"] == "out_of_stock"
    assert "Out of stock" in r.json()["detail"]


async def test_claim_over_the_per_customer_limit_is_409(client: httpx.AsyncClient) -> None:
    batch = await create_batch(client, per_customer_limit=2)
    assert (await claim(client, batch["id"])).status_code == 201
    assert (await claim(client, batch["id"])).status_code == 201
    r = await claim(client, batch["id"])
    assert r.status_code == 409
    assert r.json()["reason"] == "per_customer_limit"
    assert (await client.get(f"/v1/coupon-batches/{batch['id']}")).json()["claimed_count"] == 2


async def test_claim_of_an_expired_batch_is_409(client: httpx.AsyncClient) -> None:
    valid_from, _ = window(days_before=10)
    _, valid_until = window(days_after=-1)
    batch = await create_batch(client, valid_from=valid_from, valid_until=valid_until)
    r = await claim(client, batch["id"])
    assert r.status_code == 409
    assert r.json()["reason"] == "expired"


async def test_redeem_fixed_discount_computes_amounts_and_records_an_event(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    code = await claimed_code(client)
    r = await redeem(client, code, amount=15000)
    assert r.status_code == 201, r.text
    body = r.json()
    assert (body["order_amount"], body["discount_amount"], body["final_amount"]) == (
        15000,
        2000,
        13000,
    )
    assert body["status"] == "applied"
    assert (await client.get(f"/v1/coupons/{code}")).json()["status"] == "redeemed"
    events = (await db_session.scalars(select(OutboxEvent.event_type))).all()
    assert "coupon.redeemed" in events
    assert "coupon.claimed" in events


async def test_redeem_percent_discount_rounds_down_and_honours_the_cap(
    client: httpx.AsyncClient,
) -> None:
    batch = (
        await client.post(
            "/v1/coupon-batches", json=percent_batch(total_quantity=5, per_customer_limit=5)
        )
    ).json()
    codes = [(await claim(client, batch["id"])).json()["code"] for _ in range(2)]
    small = (await redeem(client, codes[0], amount=10099, order="o-a")).json()
    assert (small["discount_amount"], small["final_amount"]) == (
        1514,
        8585,
    )  # 15% of 10099 = 1514.85
    big = (await redeem(client, codes[1], amount=100000, order="o-b")).json()
    assert (big["discount_amount"], big["final_amount"]) == (3000, 97000)  # capped


async def test_redeem_below_minimum_spend_is_422(client: httpx.AsyncClient) -> None:
    code = await claimed_code(client)
    r = await redeem(client, code, amount=9999)
    assert r.status_code == 422
    assert r.json()["reason"] == "below_minimum"
    assert (await client.get(f"/v1/coupons/{code}")).json()["status"] == "claimed"


async def test_redeem_by_someone_else_is_422_not_the_owner(client: httpx.AsyncClient) -> None:
    code = await claimed_code(client, customer="owner")
    r = await redeem(client, code, customer="stranger")
    assert r.status_code == 422
    assert r.json()["reason"] == "not_owner"


async def test_redeem_twice_is_409_already_redeemed(client: httpx.AsyncClient) -> None:
    code = await claimed_code(client)
    assert (await redeem(client, code, order="o-1")).status_code == 201
    r = await redeem(client, code, order="o-2")
    assert r.status_code == 409
    assert r.json()["reason"] == "already_redeemed"


async def test_redeem_before_the_window_is_409_not_started(client: httpx.AsyncClient) -> None:
    valid_from, valid_until = window(days_before=-2, days_after=10)
    code = await claimed_code(client, valid_from=valid_from, valid_until=valid_until)
    r = await redeem(client, code)
    assert r.status_code == 409
    assert r.json()["reason"] == "not_started"


async def test_redeem_after_the_window_is_409_expired(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    code = await claimed_code(client)
    await db_session.execute(
        update(Coupon)
        .where(Coupon.code == code)
        .values(valid_until=func.now() - timedelta(hours=1))
    )
    r = await redeem(client, code)
    assert r.status_code == 409
    assert r.json()["reason"] == "expired"


async def test_redeem_an_unclaimed_code_is_409(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    batch = await create_batch(client, total_quantity=1)
    code = await db_session.scalar(
        select(Coupon.code).where(Coupon.batch_id == uuid.UUID(batch["id"]))
    )
    r = await redeem(client, str(code))
    assert r.status_code == 409
    assert r.json()["reason"] == "not_claimed"


async def test_rollback_makes_the_code_usable_again(client: httpx.AsyncClient) -> None:
    code = await claimed_code(client)
    first = (await redeem(client, code, order="o-1")).json()
    r = await client.post(f"/v1/coupons/{code}/redemptions/{first['id']}/rollback")
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "rolled_back"
    assert (await client.get(f"/v1/coupons/{code}")).json()["status"] == "claimed"
    again = await redeem(client, code, order="o-2")
    assert again.status_code == 201, again.text
    listed = (await client.get(f"/v1/coupons/{code}/redemptions")).json()["items"]
    assert [(x["order_id"], x["status"]) for x in listed] == [
        ("o-1", "rolled_back"),
        ("o-2", "applied"),
    ]


async def test_double_rollback_is_409(client: httpx.AsyncClient) -> None:
    code = await claimed_code(client)
    redemption = (await redeem(client, code)).json()
    url = f"/v1/coupons/{code}/redemptions/{redemption['id']}/rollback"
    assert (await client.post(url)).status_code == 200
    r = await client.post(url)
    assert r.status_code == 409
    assert r.json()["reason"] == "already_rolled_back"


async def test_void_a_claimed_code_blocks_redemption(client: httpx.AsyncClient) -> None:
    code = await claimed_code(client)
    r = await client.post(f"/v1/coupons/{code}/void")
    assert r.status_code == 200
    assert r.json()["status"] == "voided"
    assert (await redeem(client, code)).json()["reason"] == "voided"
    assert (await client.post(f"/v1/coupons/{code}/void")).status_code == 409


async def test_void_a_redeemed_code_is_409(client: httpx.AsyncClient) -> None:
    code = await claimed_code(client)
    await redeem(client, code)
    r = await client.post(f"/v1/coupons/{code}/void")
    assert r.status_code == 409
    assert "roll back" in r.json()["detail"]


async def test_lower_case_code_is_found(client: httpx.AsyncClient) -> None:
    code = await claimed_code(client)
    assert (await client.get(f"/v1/coupons/{code.lower()}")).json()["code"] == code


async def test_stats_count_claims_redemptions_rollbacks_and_money(
    client: httpx.AsyncClient,
) -> None:
    batch = await create_batch(client, total_quantity=5, per_customer_limit=5)
    codes = [(await claim(client, batch["id"])).json()["code"] for _ in range(3)]
    r1 = (await redeem(client, codes[0], amount=20000, order="o-1")).json()
    await redeem(client, codes[1], amount=30000, order="o-2")
    await client.post(f"/v1/coupons/{codes[0]}/redemptions/{r1['id']}/rollback")
    await client.post(f"/v1/coupons/{codes[2]}/void")
    stats = (await client.get(f"/v1/coupon-batches/{batch['id']}/stats")).json()
    assert stats == {
        "batch_id": batch["id"],
        "issued": 5,
        "claimed": 3,
        "redeemed": 1,
        "rolled_back": 1,
        "voided": 1,
        "discount_total": 2000,
        "gmv": 28000,
        "currency": "CNY",
    }


async def test_idempotent_claim_replays_the_first_answer(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    batch = await create_batch(client, per_customer_limit=5)
    key = {"Idempotency-Key": "claim-1"}
    url = f"/v1/coupon-batches/{batch['id']}/claims"
    first = await client.post(url, json={"customer_id": "c-1"}, headers=key)
    second = await client.post(url, json={"customer_id": "c-1"}, headers=key)
    assert first.status_code == second.status_code == 201
    assert first.content == second.content
    assert second.headers["idempotent-replayed"] == "true"
    count = await db_session.scalar(
        select(CouponBatch.claimed_count).where(CouponBatch.id == uuid.UUID(batch["id"]))
    )
    assert count == 1


async def test_same_idempotency_key_with_another_body_is_409(client: httpx.AsyncClient) -> None:
    batch = await create_batch(client, per_customer_limit=5)
    url = f"/v1/coupon-batches/{batch['id']}/claims"
    key = {"Idempotency-Key": "claim-2"}
    assert (await client.post(url, json={"customer_id": "c-1"}, headers=key)).status_code == 201
    r = await client.post(url, json={"customer_id": "c-2"}, headers=key)
    assert r.status_code == 409
    assert "Idempotency-Key" in r.json()["detail"]


async def test_a_failed_request_leaves_its_key_free_for_a_retry(client: httpx.AsyncClient) -> None:
    code = await claimed_code(client)
    key = {"Idempotency-Key": "redeem-retry"}
    assert (await redeem(client, code, amount=100, **key)).status_code == 422
    # Same key, same (now valid) intent is a new request body: a different hash is fine because
    # nothing was stored for the failed one.
    assert (await redeem(client, code, amount=100000, **key)).status_code == 201


async def test_malformed_idempotency_key_is_422(client: httpx.AsyncClient) -> None:
    batch = await create_batch(client)
    r = await client.post(
        f"/v1/coupon-batches/{batch['id']}/claims",
        json={"customer_id": "c-1"},
        headers={"Idempotency-Key": "x" * 300},
    )
    assert r.status_code == 422
    assert "Idempotency-Key" in r.json()["detail"]


async def test_invalid_batch_bodies_are_422_and_store_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    bad = [
        fixed_batch(amount_off=20.5),  # money is integer minor units, never float
        fixed_batch(amount_off=None),
        fixed_batch(valid_days=3),  # both validity kinds
        fixed_batch(valid_from=None, valid_until=None),  # neither
        fixed_batch(unknown_field=1),
        fixed_batch(total_quantity=0),
        fixed_batch(total_quantity=10_000_001),  # beyond what a job makes
        fixed_batch(code_prefix="O0"),  # ambiguous characters
        fixed_batch(code_length=6, total_quantity=1_000_000),
        percent_batch(percent_off="100"),
        fixed_batch(currency="rmb"),
    ]
    for body in bad:
        r = await client.post("/v1/coupon-batches", json=body)
        assert r.status_code == 422, (body, r.text)
        assert r.headers["content-type"] == PROBLEM
    assert await db_session.scalar(select(func.count()).select_from(CouponBatch)) == 0


async def test_float_order_amount_is_422(client: httpx.AsyncClient) -> None:
    code = await claimed_code(client)
    r = await client.post(
        f"/v1/coupons/{code}/redeem",
        json={"customer_id": "c-1", "order_id": "o", "order_amount": 150.5},
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "order_amount"]


async def test_unknown_ids_and_codes_are_404(client: httpx.AsyncClient) -> None:
    missing = uuid.uuid4()
    assert (await client.get(f"/v1/coupon-batches/{missing}")).status_code == 404
    assert (await claim(client, str(missing))).status_code == 404
    assert (await client.get("/v1/coupons/NOPE2345")).status_code == 404
    code = await claimed_code(client)
    r = await client.post(f"/v1/coupons/{code}/redemptions/{missing}/rollback")
    assert r.status_code == 404


async def test_another_workspace_sees_404_everywhere(
    client: httpx.AsyncClient,
    client_for: Callable[..., httpx.AsyncClient],
    db_session: AsyncSession,
) -> None:
    code = await claimed_code(client)
    redemption = (await redeem(client, code)).json()
    batch_id = redemption["batch_id"]
    other = client_for(WORKSPACE_B)
    for r in (
        await other.get(f"/v1/coupon-batches/{batch_id}"),
        await other.get(f"/v1/coupon-batches/{batch_id}/codes"),
        await other.get(f"/v1/coupon-batches/{batch_id}/codes.csv"),
        await other.get(f"/v1/coupon-batches/{batch_id}/stats"),
        await claim(other, batch_id),
        await other.get(f"/v1/coupons/{code}"),
        await redeem(other, code),
        await other.post(f"/v1/coupons/{code}/redemptions/{redemption['id']}/rollback"),
        await other.post(f"/v1/coupons/{code}/void"),
    ):
        assert r.status_code == 404, r.text
    assert (await other.get("/v1/coupons")).json()["items"] == []
    status = await db_session.scalar(select(Redemption.status))
    assert status == "applied"


async def test_reading_needs_campaign_read_scope(
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    r = await client_for(scopes=("content:read",)).get("/v1/coupon-batches")
    assert r.status_code == 403
    r = await client_for(scopes=("campaign:read",)).post("/v1/coupon-batches", json=fixed_batch())
    assert r.status_code == 403


async def test_coupons_list_filters_by_customer_and_status(client: httpx.AsyncClient) -> None:
    batch = await create_batch(client, per_customer_limit=3)
    for customer in ("a", "a", "b"):
        await claim(client, batch["id"], customer)
    r = await client.get("/v1/coupons", params={"customer_id": "a", "status": "claimed"})
    assert [c["customer_id"] for c in r.json()["items"]] == ["a", "a"]
    r = await client.get("/v1/coupons", params={"batch_id": batch["id"], "status": "available"})
    assert len(r.json()["items"]) == 7


async def test_100000_codes_in_one_batch_are_all_stored_and_distinct(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    batch = await create_batch(client, total_quantity=100_000)
    batch_id = uuid.UUID(batch["id"])
    total, distinct = (
        await db_session.execute(
            select(func.count(), func.count(func.distinct(Coupon.code))).where(
                Coupon.batch_id == batch_id
            )
        )
    ).one()
    assert (total, distinct) == (100_000, 100_000)
