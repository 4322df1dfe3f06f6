"""Rate limits and the code-guessing guard through the real stack: two gateway processes share one
real Redis/Valkey, so a workspace's budget and an actor's failures count across both."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from servicekit.testing.metrics import sample

from .conftest import make_token
from .stack import Stack

READ_PER_MINUTE = 60
READ_BURST = 5  # 5 reads in any 5 s
GUARD_SLOW_AFTER = 3
GUARD_BLOCK_AFTER = 5
GUARD_DELAY_S = 0.3


@pytest.fixture(scope="module")
def gateways(stack: Stack, redis_url: str) -> Iterator[tuple[str, str]]:
    env = {
        "GATEWAY_REDIS_URL": redis_url,
        "GATEWAY_REDIS_KEY_PREFIX": f"e2e-{uuid.uuid4().hex}",
        "GATEWAY_RATE_LIMIT_READ_PER_MINUTE": str(READ_PER_MINUTE),
        "GATEWAY_RATE_LIMIT_READ_BURST": str(READ_BURST),
        "GATEWAY_GUARD_SLOW_AFTER": str(GUARD_SLOW_AFTER),
        "GATEWAY_GUARD_BLOCK_AFTER": str(GUARD_BLOCK_AFTER),
        "GATEWAY_GUARD_WINDOW_S": "60",
        "GATEWAY_GUARD_DELAY_S": str(GUARD_DELAY_S),
    }
    names = ("gateway-rl-1", "gateway-rl-2")
    try:
        urls = tuple(stack.start_gateway(name, env) for name in names)
        yield urls[0], urls[1]
    finally:
        for name in names:
            if name in stack.procs:
                stack.stop(name)


def _slowed(gateway: str) -> float:
    """How many redeem calls this gateway's guard has held back so far (its ``/metrics``)."""
    exposition = httpx.get(gateway + "/metrics").text
    return sample(exposition, "gateway_ratelimit_guard_slowed_total", route_class="redeem")


def _client(url: str, workspace: str, sub: str = "e2e-user") -> httpx.Client:
    headers = {"Authorization": f"Bearer {make_token(workspace, sub=sub)}"}
    return httpx.Client(base_url=url, headers=headers, timeout=10.0)


def test_two_gateways_never_let_more_than_limit_plus_burst_through(
    gateways: tuple[str, str], workspace: str
) -> None:
    clients = [_client(url, workspace) for url in gateways]

    def read(i: int) -> tuple[float, httpx.Response]:
        response = clients[i % 2].get("/v1/topics")
        return time.monotonic(), response

    started = time.monotonic()
    answers: list[tuple[float, httpx.Response]] = []
    with ThreadPoolExecutor(4) as pool:
        i = 0
        while time.monotonic() - started < 7:
            answers += pool.map(read, range(i, i + 4))
            i += 4
    elapsed = max(at for at, _ in answers) - started
    for client in clients:
        client.close()

    ok = [at for at, r in answers if r.status_code == 200]
    refused = [r for _, r in answers if r.status_code == 429]
    assert len(ok) + len(refused) == len(answers), {r.status_code for _, r in answers}
    # Everything answered within the first window was counted within it.
    assert len([at for at in ok if at - started < READ_BURST]) <= READ_BURST
    # Over the whole run: at most the sustained rate times the time, plus the burst.
    assert READ_BURST <= len(ok) <= READ_PER_MINUTE * elapsed / 60 + READ_BURST
    assert refused, "nothing was refused"
    for response in refused:
        assert response.headers["content-type"] == "application/problem+json"
        assert 1 <= int(response.headers["Retry-After"]) <= READ_BURST
        assert response.json()["status"] == 429


def test_code_guessing_is_slowed_then_refused_across_gateways(
    gateways: tuple[str, str], workspace: str
) -> None:
    guessers = [_client(url, workspace, sub="guesser") for url in gateways]
    cashier = _client(gateways[0], workspace, sub="cashier")
    body = {"customer_id": "c-1", "order_id": "o-1", "order_amount": 10_000}
    try:
        timings: list[tuple[int, float]] = []
        for attempt in range(GUARD_BLOCK_AFTER):
            start = time.monotonic()
            response = guessers[attempt % 2].post(f"/v1/coupons/WRONG{attempt}/redeem", json=body)
            timings.append((response.status_code, time.monotonic() - start))
        assert [status for status, _ in timings] == [404] * GUARD_BLOCK_AFTER
        assert all(elapsed >= GUARD_DELAY_S for _, elapsed in timings[GUARD_SLOW_AFTER:])

        refused = guessers[1].post("/v1/referrals/accept", json={"code": "X", "invitee_id": "i"})
        assert refused.status_code == 429
        assert refused.headers["content-type"] == "application/problem+json"
        assert int(refused.headers["Retry-After"]) >= 1
        assert "failed coupon or referral attempts" in refused.json()["detail"]
        assert guessers[0].post("/v1/coupons/WRONG9/redeem", json=body).status_code == 429

        # The same workspace's other callers are not held back.
        before = _slowed(gateways[0])
        assert cashier.post("/v1/coupons/WRONG0/redeem", json=body).status_code == 404
        assert _slowed(gateways[0]) == before
    finally:
        for client in (*guessers, cashier):
            client.close()
