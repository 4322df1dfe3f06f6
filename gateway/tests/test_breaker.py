"""The circuit breaker: as a state machine, and as seen by a caller of a dead upstream."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable

import httpx

from gateway.breaker import CircuitBreaker

from .support import EchoUpstream, ServerThread, bound_socket, echo_app
from .test_proxy import assert_problem


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_opens_after_the_threshold_of_consecutive_failures() -> None:
    breaker = CircuitBreaker(3, 10, clock=FakeClock())
    for _ in range(2):
        assert breaker.allow()
        breaker.record_failure()
    breaker.record_success()  # a success in between resets the count
    for _ in range(2):
        breaker.record_failure()
    assert breaker.state == "closed"
    breaker.record_failure()
    assert breaker.state == "open"
    assert not breaker.allow()


def test_half_open_lets_one_trial_through_and_closes_on_success() -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(1, 10, clock=clock)
    breaker.record_failure()
    assert breaker.retry_after_s() == 10
    clock.now += 10
    assert breaker.state == "half-open"
    assert breaker.allow()
    assert not breaker.allow()  # only one trial at a time
    breaker.record_success()
    assert breaker.state == "closed"
    assert breaker.allow()


def test_a_failed_trial_opens_the_circuit_again() -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(2, 10, clock=clock)
    breaker.record_failure()
    breaker.record_failure()
    clock.now += 11
    assert breaker.allow()
    breaker.record_failure()
    assert breaker.state == "open"
    assert breaker.retry_after_s() == 10


def test_a_released_trial_frees_the_slot() -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(1, 1, clock=clock)
    breaker.record_failure()
    clock.now += 1
    assert breaker.allow()
    breaker.release()
    assert breaker.allow()


async def test_a_dead_upstream_becomes_a_fast_503_then_recovers(
    start_gateway: Callable[..., str], make_token: Callable[..., str]
) -> None:
    sock = bound_socket()  # refuses until the upstream below listens on it
    port = sock.getsockname()[1]
    url = start_gateway(
        community_url=f"http://127.0.0.1:{port}",
        breaker_failure_threshold=2,
        breaker_open_s=0.5,
    )
    headers = {"Authorization": f"Bearer {make_token(['community:read'])}"}
    with httpx.Client(base_url=url, headers=headers) as c:
        assert_problem(c.get("/v1/groups"), 502)
        assert_problem(c.get("/v1/groups"), 502)
        started = time.monotonic()
        r = c.get("/v1/groups")
        body = assert_problem(r, 503)
        assert time.monotonic() - started < 0.5
        assert "community-svc is unavailable" in body["detail"]
        assert r.headers["retry-after"] == "1"

        with ServerThread(echo_app(EchoUpstream()), sock=sock):
            time.sleep(0.6)
            assert c.get("/v1/groups").status_code == 200
            assert c.get("/v1/groups").status_code == 200


async def test_a_body_over_the_limit_does_not_count_against_the_upstream(
    start_gateway: Callable[..., str], make_token: Callable[..., str]
) -> None:
    url = start_gateway(breaker_failure_threshold=1)
    headers = {"Authorization": f"Bearer {make_token(['content:write'])}"}

    async def oversized() -> AsyncIterator[bytes]:
        for _ in range(40):
            yield b"x" * 65536  # chunked, so it reaches the upstream before the limit bites

    async with httpx.AsyncClient(base_url=url, headers=headers) as c:
        assert (await c.post("/v1/posts", content=oversized())).status_code == 413
        assert (await c.post("/v1/posts", json={})).status_code == 200
