"""The circuit breaker: as a state machine, and as seen by a caller of a dead upstream."""

from __future__ import annotations

import select
import socket
import time
from collections.abc import AsyncIterator, Callable

import httpx

from gateway.breaker import CircuitBreaker
from servicekit.testing.problems import assert_problem

from .support import EchoUpstream, ServerThread, bound_socket, echo_app


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def breaker(clock: FakeClock, **overrides: float) -> CircuitBreaker:
    settings = {"failure_ratio": 0.5, "min_calls": 4, "window_s": 10.0, "open_s": 10.0}
    settings.update(overrides)
    return CircuitBreaker(
        failure_ratio=settings["failure_ratio"],
        min_calls=int(settings["min_calls"]),
        window_s=settings["window_s"],
        open_s=settings["open_s"],
        clock=clock,
    )


def test_failures_below_the_minimum_number_of_calls_never_open_it() -> None:
    b = breaker(FakeClock(), min_calls=4)
    for _ in range(3):
        assert b.allow()
        b.record_failure()
    assert b.state == "closed"  # 3 of 3 failed, but 3 calls say too little
    b.record_failure()
    assert b.state == "open"
    assert not b.allow()


def test_it_opens_on_the_failure_ratio_not_on_a_run_of_failures() -> None:
    b = breaker(FakeClock(), failure_ratio=0.5, min_calls=4)
    for _ in range(6):
        b.record_success()
    for _ in range(5):
        b.record_failure()
    assert b.state == "closed"  # 5 failures in a row, yet 5 of 11 is under half
    b.record_failure()
    assert b.state == "open"  # 6 of 12


def test_outcomes_older_than_the_window_are_forgotten() -> None:
    clock = FakeClock()
    b = breaker(clock, min_calls=4, window_s=10.0)
    for _ in range(3):
        b.record_failure()
    clock.now += 11
    b.record_failure()
    assert b.state == "closed"  # one failure in the window, the rest aged out
    for _ in range(3):
        b.record_failure()
    assert b.state == "open"


def test_a_released_call_counts_for_nothing() -> None:
    b = breaker(FakeClock(), min_calls=2, failure_ratio=0.5)
    b.record_success()
    for _ in range(10):
        assert b.allow()
        b.release()  # e.g. a reused connection lost to the keep-alive race
    b.record_failure()
    assert b.state == "open"  # 1 of 2 judged calls failed; the releases were not calls


def test_half_open_lets_one_trial_through_and_closes_on_success() -> None:
    clock = FakeClock()
    b = breaker(clock, min_calls=1)
    b.record_failure()
    assert b.retry_after_s() == 10
    clock.now += 10
    assert b.state == "half-open"
    assert b.allow()
    assert not b.allow()  # only one trial at a time
    b.record_success()
    assert b.state == "closed"
    assert b.allow()
    b.record_success()
    assert b.state == "closed"


def test_a_failed_trial_opens_the_circuit_again() -> None:
    clock = FakeClock()
    b = breaker(clock, min_calls=2)
    b.record_failure()
    b.record_failure()
    clock.now += 11
    assert b.allow()
    b.record_failure()
    assert b.state == "open"
    assert b.retry_after_s() == 10


def test_a_released_trial_frees_the_slot() -> None:
    clock = FakeClock()
    b = breaker(clock, min_calls=1, open_s=1)
    b.record_failure()
    clock.now += 1
    assert b.allow()
    b.release()
    assert b.allow()


def _has_pending_connection(sock: socket.socket) -> bool:
    """Whether a client has connected to the listening ``sock`` (without accepting it)."""
    readable, _, _ = select.select([sock], [], [], 0)
    return bool(readable)


async def test_a_dead_upstream_becomes_a_fast_503_then_recovers(
    start_gateway: Callable[..., str], make_token: Callable[..., str]
) -> None:
    sock = bound_socket()  # refuses until the upstream below listens on it
    port = sock.getsockname()[1]
    url = start_gateway(
        community_url=f"http://127.0.0.1:{port}",
        breaker_min_calls=2,
        breaker_failure_ratio=0.5,
        breaker_open_s=0.5,
    )
    headers = {"Authorization": f"Bearer {make_token(['community:read'])}"}
    with httpx.Client(base_url=url, headers=headers) as c:
        assert_problem(c.get("/v1/groups"), 502)
        assert_problem(c.get("/v1/groups"), 502)
        # From here the port accepts connections (into its backlog, with nobody to answer):
        # a request forwarded now would wait there; an open circuit never makes one.
        sock.listen()
        r = c.get("/v1/groups")
        body = assert_problem(r, 503)
        assert "community-svc is unavailable" in body["detail"]
        assert "stopped calling it" in body["detail"]
        assert r.headers["retry-after"] == "1"
        assert not _has_pending_connection(sock)

        with ServerThread(echo_app(EchoUpstream()), sock=sock):
            time.sleep(0.6)
            assert c.get("/v1/groups").status_code == 200
            assert c.get("/v1/groups").status_code == 200


async def test_a_body_over_the_limit_does_not_count_against_the_upstream(
    start_gateway: Callable[..., str], make_token: Callable[..., str]
) -> None:
    url = start_gateway(breaker_min_calls=1, breaker_failure_ratio=0.01)
    headers = {"Authorization": f"Bearer {make_token(['content:write'])}"}

    async def oversized() -> AsyncIterator[bytes]:
        for _ in range(40):
            yield b"x" * 65536  # chunked, so it reaches the upstream before the limit bites

    async with httpx.AsyncClient(base_url=url, headers=headers) as c:
        assert (await c.post("/v1/posts", content=oversized())).status_code == 413
        assert (await c.post("/v1/posts", json={})).status_code == 200
