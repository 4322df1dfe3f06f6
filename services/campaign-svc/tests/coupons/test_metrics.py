"""The money paths' Prometheus counters: every claim and redemption counted by its outcome."""

import httpx
from prometheus_client import REGISTRY

from .helpers import claim, claimed_code, create_batch, redeem


def count(name: str, outcome: str) -> float:
    return REGISTRY.get_sample_value(name, {"outcome": outcome}) or 0.0


async def test_claims_are_counted_by_outcome(client: httpx.AsyncClient) -> None:
    claims = "mediaops_coupon_claims_total"
    before = {o: count(claims, o) for o in ("claimed", "out_of_stock", "per_customer_limit")}
    batch = await create_batch(client, total_quantity=2, per_customer_limit=1)
    assert (await claim(client, batch["id"], "a")).status_code == 201
    assert (await claim(client, batch["id"], "a")).status_code == 409  # a second for "a"
    assert (await claim(client, batch["id"], "b")).status_code == 201
    assert (await claim(client, batch["id"], "c")).status_code == 409  # none left
    after = {o: count(claims, o) for o in before}
    assert {o: after[o] - before[o] for o in before} == {
        "claimed": 2,
        "out_of_stock": 1,
        "per_customer_limit": 1,
    }


async def test_redemptions_are_counted_by_outcome(client: httpx.AsyncClient) -> None:
    redemptions = "mediaops_coupon_redemptions_total"
    before = {o: count(redemptions, o) for o in ("redeemed", "already_redeemed", "below_minimum")}
    code = await claimed_code(client)
    assert (await redeem(client, code, amount=100)).status_code == 422  # below the minimum spend
    assert (await redeem(client, code)).status_code == 201
    assert (await redeem(client, code, order="o-2")).status_code == 409
    after = {o: count(redemptions, o) for o in before}
    assert {o: after[o] - before[o] for o in before} == {
        "redeemed": 1,
        "already_redeemed": 1,
        "below_minimum": 1,
    }
