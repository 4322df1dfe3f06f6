"""Request bodies shared by the coupon tests."""

from datetime import UTC, datetime, timedelta
from typing import Any


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
