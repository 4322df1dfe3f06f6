"""campaign-svc through the real gateway: campaign and batch, claim, redeem (idempotent),
rollback, and leads masked without ``leads:pii`` and in full with it."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import httpx

from .conftest import ALL_SCOPES, make_token
from .stack import Stack


def window() -> tuple[str, str]:
    now = datetime.now(UTC)
    return (now - timedelta(hours=1)).isoformat(), (now + timedelta(days=7)).isoformat()


def test_campaign_coupon_and_lead_path_through_the_gateway(
    stack: Stack, api: httpx.Client, workspace: str
) -> None:
    starts_at, ends_at = window()
    campaign = api.post(
        "/v1/campaigns",
        json={"name": "周年庆", "kind": "anniversary", "starts_at": starts_at, "ends_at": ends_at},
    )
    assert campaign.status_code == 201, campaign.text
    campaign_id = campaign.json()["id"]
    moved = api.post(f"/v1/campaigns/{campaign_id}/status", json={"status": "scheduled"})
    assert moved.json()["status"] == "running", moved.text

    batch = api.post(
        "/v1/coupon-batches",
        json={
            "campaign_id": campaign_id,
            "name": "满200减30",
            "discount_type": "fixed",
            "amount_off": 3000,
            "min_spend": 20000,
            "total_quantity": 3,
            "valid_days": 7,
            "code_prefix": "AN",
        },
    )
    assert batch.status_code == 201, batch.text
    batch_id = batch.json()["id"]
    codes = api.get(f"/v1/coupon-batches/{batch_id}/codes.csv")
    assert codes.status_code == 200
    assert len(list(csv.DictReader(io.StringIO(codes.text)))) == 3

    claim = api.post(f"/v1/coupon-batches/{batch_id}/claims", json={"customer_id": "cust-1"})
    assert claim.status_code == 201, claim.text
    code = claim.json()["code"]
    assert code.startswith("AN")

    order = {"customer_id": "cust-1", "order_id": "order-1", "order_amount": 25000}
    key = {"Idempotency-Key": f"{workspace}-order-1"}
    redeemed = api.post(f"/v1/coupons/{code}/redeem", json=order, headers=key)
    assert redeemed.status_code == 201, redeemed.text
    assert (redeemed.json()["discount_amount"], redeemed.json()["final_amount"]) == (3000, 22000)
    replay = api.post(f"/v1/coupons/{code}/redeem", json=order, headers=key)
    assert replay.status_code == 201
    assert replay.json() == redeemed.json()
    again = api.post(f"/v1/coupons/{code}/redeem", json={**order, "order_id": "order-2"})
    assert again.status_code == 409
    assert again.headers["content-type"].startswith("application/problem+json")

    rollback = f"/v1/coupons/{code}/redemptions/{redeemed.json()['id']}/rollback"
    assert api.post(rollback).status_code == 200
    assert api.post(rollback).status_code == 409
    stats = api.get(f"/v1/campaigns/{campaign_id}/stats").json()
    assert (stats["claimed"], stats["redeemed"], stats["rolled_back"]) == (1, 0, 1)

    lead = {
        "campaign_id": campaign_id,
        "name": "李雷",
        "phone": "+86 139 1234 5678",
        "email": "Li.Lei@Example.com",
        "consent": True,
    }
    assert api.post("/v1/leads", json=lead).status_code == 201
    masked = api.get("/v1/leads", params={"campaign_id": campaign_id})
    assert masked.status_code == 200
    assert "13912345678" not in masked.text
    assert "li.lei@example.com" not in masked.text
    assert masked.json()["items"][0]["phone"] == "139****5678"

    pii = {"Authorization": f"Bearer {make_token(workspace, (*ALL_SCOPES, 'leads:pii'))}"}
    with httpx.Client(base_url=stack.gateway, headers=pii, timeout=10.0) as full:
        item = full.get("/v1/leads", params={"campaign_id": campaign_id}).json()["items"][0]
        assert (item["phone"], item["email"]) == ("+8613912345678", "li.lei@example.com")
        export = full.get("/v1/leads/export.csv")
        assert "+8613912345678" in export.text


def test_campaign_write_needs_the_scope(stack: Stack, workspace: str) -> None:
    token = make_token(workspace, ("campaign:read",))
    r = httpx.post(
        stack.gateway + "/v1/coupon-batches",
        json={},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert r.status_code == 403
