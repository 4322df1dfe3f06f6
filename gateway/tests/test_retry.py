"""Retries and pooled connections: the keep-alive race is retried where that is safe, never
counted against the upstream, and a connection that answered 5xx is never reused."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from gateway.proxy import RequestBody
from servicekit.testing.problems import assert_problem

from .support import KeepAliveUpstream

SCOPES = ["campaign:read", "campaign:write"]


@pytest.fixture
def racy_gateway(
    start_gateway: Callable[..., str], keepalive_upstream: KeepAliveUpstream
) -> Callable[..., str]:
    """A gateway whose campaign-svc is the keep-alive upstream."""

    def start(**overrides: object) -> str:
        return start_gateway(
            campaign_url=f"http://127.0.0.1:{keepalive_upstream.port}", **overrides
        )

    return start


@pytest.mark.parametrize("drop", ["close", "reset"])
async def test_a_read_on_a_reused_connection_the_upstream_dropped_is_retried(
    racy_gateway: Callable[..., str],
    make_token: Callable[..., str],
    keepalive_upstream: KeepAliveUpstream,
    drop: str,
) -> None:
    keepalive_upstream.on_reuse = drop
    headers = {"Authorization": f"Bearer {make_token(SCOPES)}"}
    async with httpx.AsyncClient(base_url=racy_gateway(), headers=headers) as c:
        assert (await c.get("/v1/leads")).status_code == 200
        r = await c.get("/v1/leads")
        assert r.status_code == 200, r.text
    # The second read met the dropped connection, then went out again on a fresh one.
    assert [reused for _, reused, _ in keepalive_upstream.requests] == [False, True, False]


async def test_a_write_with_an_idempotency_key_is_retried_after_a_reused_connection_drops(
    racy_gateway: Callable[..., str],
    make_token: Callable[..., str],
    keepalive_upstream: KeepAliveUpstream,
) -> None:
    keepalive_upstream.on_reuse = "close"
    headers = {"Authorization": f"Bearer {make_token(SCOPES)}"}
    async with httpx.AsyncClient(base_url=racy_gateway(), headers=headers) as c:
        assert (await c.get("/v1/leads")).status_code == 200
        body = {"code": "SPRING-7", "customer_id": "c-1"}
        r = await c.post("/v1/coupons/redeem", json=body, headers={"Idempotency-Key": "k-1"})
        assert r.status_code == 200, r.text
    (_, first_reused, first_body), (_, _, retried_body) = keepalive_upstream.requests[1:]
    assert first_reused
    assert retried_body == first_body == httpx.Request("POST", "/", json=body).content


async def test_a_body_in_parts_is_sent_whole_and_again_whole_when_kept() -> None:
    """``RequestBody``: the first message is read before the gateway knows more follows
    (``whole`` answers None), then ``chunks`` sends it and the rest; kept (a keyed write), a
    second attempt sends exactly the same bytes again."""
    messages: list[dict[str, object]] = [
        {"type": "http.request", "body": b'{"code": "SPRING-8", ', "more_body": True},
        {"type": "http.request", "body": b'"customer_id": "c-2"}', "more_body": False},
    ]

    async def receive() -> dict[str, object]:
        return messages.pop(0)

    body = RequestBody(receive, limit=1024)
    body.keep = True
    assert await body.whole() is None
    first = b"".join([chunk async for chunk in body.chunks()])
    again = b"".join([chunk async for chunk in body.chunks()])
    assert first == again == b'{"code": "SPRING-8", "customer_id": "c-2"}'
    assert body.complete
    assert not messages


async def test_a_body_in_one_message_is_taken_whole() -> None:
    messages = [{"type": "http.request", "body": b"{}", "more_body": False}]

    async def receive() -> dict[str, object]:
        return messages.pop(0)

    body = RequestBody(receive, limit=1024)
    assert await body.whole() == b"{}"
    assert body.complete


async def test_a_write_without_a_key_is_not_retried_and_does_not_trip_the_breaker(
    racy_gateway: Callable[..., str],
    make_token: Callable[..., str],
    keepalive_upstream: KeepAliveUpstream,
) -> None:
    keepalive_upstream.on_reuse = "close"
    # Any counted failure would open this circuit: one is enough and one is the threshold.
    url = racy_gateway(breaker_min_calls=1, breaker_failure_ratio=0.01)
    headers = {"Authorization": f"Bearer {make_token(SCOPES)}"}
    async with httpx.AsyncClient(base_url=url, headers=headers) as c:
        assert (await c.get("/v1/leads")).status_code == 200
        r = await c.post("/v1/coupons/redeem", json={"code": "X"})
        assert "closed the connection" in assert_problem(r, 502)["detail"]
        assert len(keepalive_upstream.requests) == 2  # sent once, never twice
        # That was one request's race, not a sick upstream: the circuit stays closed.
        keepalive_upstream.on_reuse = "serve"
        assert (await c.get("/v1/leads")).status_code == 200


@pytest.mark.parametrize("method", ["PUT", "DELETE"])
async def test_an_idempotent_write_without_a_key_is_sent_once_when_a_reused_connection_drops(
    racy_gateway: Callable[..., str],
    make_token: Callable[..., str],
    keepalive_upstream: KeepAliveUpstream,
    method: str,
) -> None:
    # HTTP calls PUT and DELETE idempotent and an HTTP client may resend them on its own (aiohttp
    # did); only the proxy decides what goes twice, and without a key a write does not.
    keepalive_upstream.on_reuse = "close"
    headers = {"Authorization": f"Bearer {make_token(SCOPES)}"}
    async with httpx.AsyncClient(base_url=racy_gateway(), headers=headers) as c:
        assert (await c.get("/v1/leads")).status_code == 200
        r = await c.request(method, "/v1/leads/1")
        assert "closed the connection" in assert_problem(r, 502)["detail"]
    assert [line.split()[0] for line, _, _ in keepalive_upstream.requests] == [
        b"GET",
        method.encode(),
    ]


async def test_a_connection_that_answered_500_is_not_reused(
    racy_gateway: Callable[..., str],
    make_token: Callable[..., str],
    keepalive_upstream: KeepAliveUpstream,
) -> None:
    keepalive_upstream.poison_after_5xx = True
    headers = {"Authorization": f"Bearer {make_token(SCOPES)}"}
    async with httpx.AsyncClient(base_url=racy_gateway(), headers=headers) as c:
        r = await c.post("/v1/coupons/redeem", params={"status": "500"}, json={})
        assert (r.status_code, r.text) == (500, "boom")
        # A write without a key is never retried, so only a fresh connection can serve it.
        r = await c.post("/v1/coupons/redeem", json={})
        assert r.status_code == 200, r.text
    assert [reused for _, reused, _ in keepalive_upstream.requests] == [False, False]
