"""Request bodies and requests shared by the coupon tests."""

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx


def window(days_before: int = 1, days_after: int = 30) -> tuple[str, str]:
    now = datetime.now(UTC)
    return (
        (now - timedelta(days=days_before)).isoformat(),
        (now + timedelta(days=days_after)).isoformat(),
    )


def fixed_batch(**overrides: Any) -> dict[str, Any]:
    valid_from, valid_until = window()
    body: dict[str, Any] = {
        "name": "满100减20",
        "discount_type": "fixed",
        "amount_off": 2000,
        "min_spend": 10000,
        "currency": "CNY",
        "total_quantity": 10,
        "per_customer_limit": 1,
        "valid_from": valid_from,
        "valid_until": valid_until,
    }
    body.update(overrides)
    return body


def percent_batch(**overrides: Any) -> dict[str, Any]:
    body = fixed_batch(discount_type="percent", percent_off="15", max_discount=3000)
    body.pop("amount_off")
    body.update(overrides)
    return body


def running_campaign(**overrides: Any) -> dict[str, Any]:
    starts_at, ends_at = window()
    body: dict[str, Any] = {
        "name": "双十一大促",
        "kind": "holiday_promo",
        "starts_at": starts_at,
        "ends_at": ends_at,
        "budget_amount": 5_000_000,
    }
    body.update(overrides)
    return body


async def create_batch(client: httpx.AsyncClient, **overrides: Any) -> dict[str, Any]:
    r = await client.post("/v1/coupon-batches", json=fixed_batch(**overrides))
    assert r.status_code == 201, r.text
    return dict(r.json())


async def claim(client: httpx.AsyncClient, batch_id: str, customer: str = "c-1") -> httpx.Response:
    return await client.post(
        f"/v1/coupon-batches/{batch_id}/claims", json={"customer_id": customer}
    )


async def claimed_code(client: httpx.AsyncClient, customer: str = "c-1", **overrides: Any) -> str:
    batch = await create_batch(client, **overrides)
    r = await claim(client, batch["id"], customer)
    assert r.status_code == 201, r.text
    return str(r.json()["code"])


async def redeem(
    client: httpx.AsyncClient,
    code: str,
    amount: int = 15000,
    customer: str = "c-1",
    order: str = "o-1",
    **headers: str,
) -> httpx.Response:
    return await client.post(
        f"/v1/coupons/{code}/redeem",
        json={"customer_id": customer, "order_id": order, "order_amount": amount},
        headers=headers,
    )
