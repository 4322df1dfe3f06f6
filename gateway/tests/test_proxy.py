"""The pass-through over real sockets: headers, request ids, streaming, limits, errors."""

from __future__ import annotations

import asyncio
import hashlib
import re
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest

from servicekit.testing.problems import assert_problem

from .support import INTERNAL_TOKEN, WORKSPACE, EchoUpstream, FlakyUpstream, pattern_bytes

MiB = 1024 * 1024


def header_values(seen: dict[str, Any], name: str) -> list[str]:
    return [value for key, value in seen["headers"] if key == name]


async def raw_http(base_url: str, request: bytes) -> tuple[int, bytes]:
    """Send bytes exactly as given (httpx would normalise the path) and read the answer."""
    host, port = base_url.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    writer.write(request)
    await writer.drain()
    # Read one response by its Content-Length rather than to EOF: the server may keep the
    # connection open (keep-alive) and the test must not wait for it to time out.
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout=5)
    length = 0
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    body = await asyncio.wait_for(reader.readexactly(length), timeout=5)
    writer.close()
    answer = head + body
    status = int(answer.split(b" ", 2)[1])
    return status, answer


async def test_client_sent_internal_headers_are_replaced(
    client: httpx.AsyncClient, upstream: EchoUpstream, key: str
) -> None:
    spoofed = {
        "X-Workspace-Id": "ws-victim",
        "X-Actor-Id": "mallory",
        "X-Scopes": "admin leads:pii",
        "X-Internal-Token": "guessed",
        "Proxy-Authorization": "Basic bWFsbG9yeQ==",
        "TE": "trailers",
        "Connection": "keep-alive, x-hop",
        "X-Hop": "for this connection only",
        "X-Custom": "kept",
    }
    r = await client.get("/v1/channels", params={"t": key}, headers=spoofed)
    assert r.status_code == 200, r.text
    seen = upstream.completed[key]
    assert header_values(seen, "x-workspace-id") == [WORKSPACE]
    assert header_values(seen, "x-actor-id") == ["user-1"]
    assert header_values(seen, "x-scopes") == ["content:read content:write"]
    assert header_values(seen, "x-internal-token") == [INTERNAL_TOKEN]
    for dropped in ("authorization", "proxy-authorization", "te", "x-hop"):
        assert header_values(seen, dropped) == [], dropped
    assert header_values(seen, "x-custom") == ["kept"]


async def test_path_and_query_reach_the_upstream_unchanged(
    client: httpx.AsyncClient, upstream: EchoUpstream, key: str
) -> None:
    path = "/v1/posts/%E4%B8%AD%E6%96%87/a%2Fb"
    query = f"t={key}&x=1&y=%20z+w&x=2"
    r = await client.get(f"{path}?{query}")
    assert r.status_code == 200
    seen = upstream.completed[key]
    assert seen["raw_path"] == path
    assert seen["query"] == query
    assert r.headers["x-upstream"] == "echo"  # the upstream's own headers come back


async def test_a_well_formed_request_id_is_adopted_and_echoed(
    client: httpx.AsyncClient, upstream: EchoUpstream, key: str
) -> None:
    r = await client.get("/v1/topics", params={"t": key}, headers={"X-Request-Id": "req-42.a:b"})
    assert r.headers["x-request-id"] == "req-42.a:b"
    assert header_values(upstream.completed[key], "x-request-id") == ["req-42.a:b"]


async def test_a_malformed_request_id_is_replaced_by_a_minted_one(
    client: httpx.AsyncClient, upstream: EchoUpstream, key: str
) -> None:
    r = await client.get("/v1/topics", params={"t": key}, headers={"X-Request-Id": "bad id!"})
    minted = r.headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", minted)
    assert header_values(upstream.completed[key], "x-request-id") == [minted]


async def test_a_request_id_is_minted_when_none_is_sent(
    client: httpx.AsyncClient, upstream: EchoUpstream, key: str
) -> None:
    first = await client.get("/v1/topics", params={"t": key})
    second = await client.get("/v1/topics", params={"t": key})
    assert re.fullmatch(r"[0-9a-f]{32}", first.headers["x-request-id"])
    assert first.headers["x-request-id"] != second.headers["x-request-id"]


async def test_a_5_mb_response_is_streamed_not_buffered(
    client: httpx.AsyncClient, upstream: EchoUpstream, key: str
) -> None:
    size = 5 * MiB
    gate = upstream.gate(key)
    params = {"t": key, "mode": "stream", "size": str(size), "gate": key}
    digest = hashlib.sha256()
    received = 0
    async with client.stream("GET", "/v1/posts/export", params=params) as r:
        assert r.status_code == 200
        chunks = r.aiter_raw()
        # The upstream holds everything after its first 64 KiB until the gate opens: a gateway
        # that buffered the answer would deliver nothing here and the wait would time out.
        first = await asyncio.wait_for(anext(chunks), timeout=5)
        assert not gate.is_set()
        gate.set()
        digest.update(first)
        received += len(first)
        async for chunk in chunks:
            digest.update(chunk)
            received += len(chunk)
    assert received == size
    assert digest.hexdigest() == hashlib.sha256(pattern_bytes(size)).hexdigest()


async def test_a_request_body_is_streamed_to_the_upstream(
    client: httpx.AsyncClient, upstream: EchoUpstream, key: str
) -> None:
    first = pattern_bytes(64 * 1024)
    rest = pattern_bytes(512 * 1024)

    async def body() -> AsyncIterator[bytes]:
        yield first
        # The upstream must receive the first part while the client still holds the rest.
        deadline = time.monotonic() + 5
        while upstream.progress.get(key, 0) < len(first):
            assert time.monotonic() < deadline, "the upstream never saw the first chunk"
            await asyncio.sleep(0.01)
        yield rest

    r = await client.post("/v1/posts", params={"t": key}, content=body())
    assert r.status_code == 200, r.text
    seen = upstream.completed[key]
    assert seen["body_len"] == len(first) + len(rest)
    assert seen["body_sha256"] == hashlib.sha256(first + rest).hexdigest()


async def test_a_declared_body_within_the_limit_is_forwarded_intact(
    client: httpx.AsyncClient, upstream: EchoUpstream, key: str
) -> None:
    body = "品牌小红书".encode() * 1000
    r = await client.put("/v1/channels/1", params={"t": key}, content=body)
    assert r.status_code == 200
    assert r.json()["body_sha256"] == hashlib.sha256(body).hexdigest()
    assert header_values(upstream.completed[key], "content-length") == [str(len(body))]


async def test_a_declared_body_over_the_limit_is_413_and_never_reaches_the_upstream(
    client: httpx.AsyncClient, upstream: EchoUpstream, key: str
) -> None:
    r = await client.post("/v1/posts", params={"t": key}, content=b"x" * (MiB + 1))
    body = assert_problem(r, 413)
    assert "1,048,576" in body["detail"]
    assert key not in upstream.arrived


async def test_an_oversized_content_length_is_refused_before_the_body_is_sent(
    gateway: str, make_token: Callable[..., str], upstream: EchoUpstream, key: str
) -> None:
    request = (
        f"POST /v1/posts?t={key} HTTP/1.1\r\nHost: gw\r\n"
        f"Authorization: Bearer {make_token()}\r\nContent-Length: {50 * MiB}\r\n\r\n"
    ).encode()
    status, answer = await raw_http(gateway, request)
    assert status == 413
    assert b"application/problem+json" in answer
    assert key not in upstream.arrived


async def test_a_chunked_body_over_the_limit_is_413(
    client: httpx.AsyncClient, upstream: EchoUpstream, key: str
) -> None:
    async def body() -> AsyncIterator[bytes]:
        for _ in range(40):
            yield pattern_bytes(64 * 1024)  # 2.5 MiB in all, no Content-Length

    r = await client.post("/v1/posts", params={"t": key}, content=body())
    assert_problem(r, 413)
    assert key not in upstream.completed


async def test_unknown_resource_is_a_404_problem(client: httpx.AsyncClient) -> None:
    body = assert_problem(await client.get("/v1/unknown-things"), 404)
    assert "/v1/unknown-things" in body["detail"]
    assert_problem(await client.get("/v1/"), 404)
    assert_problem(await client.get("/not-api"), 404)


async def test_a_job_is_forwarded_to_the_service_its_id_names_with_that_services_scope(
    gateway: str, make_token: Callable[..., str], upstream: EchoUpstream, key: str
) -> None:
    path = "/v1/jobs/community-6f2c1a9e-4b7d-4e0f-9a51-3c8d2e7f1b40/result"
    reader = {"Authorization": f"Bearer {make_token(('community:read',))}"}
    async with httpx.AsyncClient(base_url=gateway, timeout=10.0) as c:
        r = await c.get(path, params={"t": key}, headers=reader)
        assert r.status_code == 200, r.text
        assert upstream.completed[key]["path"] == path
        # A campaign-svc job needs campaign-svc's scope, whatever else the token holds.
        campaign_job = path.replace("community-", "campaign-")
        refused = await c.get(campaign_job, headers=reader)
        assert_problem(refused, 403)
        assert "campaign:read" in refused.json()["detail"]


async def test_a_job_of_no_known_service_is_a_404_problem(client: httpx.AsyncClient) -> None:
    for path in ("/v1/jobs/content-6f2c1a9e", "/v1/jobs/6f2c1a9e", "/v1/jobs"):
        body = assert_problem(await client.get(path), 404)
        assert path in body["detail"]


async def test_dot_segments_are_refused(
    gateway: str, make_token: Callable[..., str], upstream: EchoUpstream, key: str
) -> None:
    request = (
        f"GET /v1/channels/../../internal?t={key} HTTP/1.1\r\nHost: gw\r\n"
        f"Authorization: Bearer {make_token()}\r\nConnection: close\r\n\r\n"
    ).encode()
    status, _ = await raw_http(gateway, request)
    assert status == 400
    assert key not in upstream.arrived


async def test_head_passes_through_without_a_body(
    client: httpx.AsyncClient, upstream: EchoUpstream, key: str
) -> None:
    r = await client.head("/v1/channels", params={"t": key})
    assert r.status_code == 200
    assert r.content == b""
    assert int(r.headers["content-length"]) > 0
    assert upstream.completed[key]["method"] == "HEAD"


async def test_redirects_are_returned_not_followed(client: httpx.AsyncClient, key: str) -> None:
    r = await client.get("/v1/posts/old", params={"t": key, "mode": "redirect"})
    assert r.status_code == 302
    assert r.headers["location"] == "/v1/posts/elsewhere"


async def test_upstream_cookies_are_not_kept_by_the_gateway(
    start_gateway: Callable[..., str],
    make_token: Callable[..., str],
    upstream: EchoUpstream,
    key: str,
) -> None:
    # By host name: a cookie jar (aiohttp's, say) ignores cookies from bare IP addresses.
    url = start_gateway(content_url=upstream.url.replace("127.0.0.1", "localhost"))
    headers = {"Authorization": f"Bearer {make_token()}"}
    async with httpx.AsyncClient(base_url=url, headers=headers) as first:
        r = await first.get("/v1/posts", params={"t": key + "-set", "mode": "cookie"})
        assert "upstream_session" in r.headers["set-cookie"]
    # Another caller must not be sent the first one's cookie by a shared cookie jar.
    async with httpx.AsyncClient(base_url=url, headers=headers) as other:
        await other.get("/v1/posts", params={"t": key})
    assert header_values(upstream.completed[key], "cookie") == []


async def test_refused_upstream_is_a_fast_502_naming_it(
    gateway: str, make_token: Callable[..., str]
) -> None:
    headers = {"Authorization": f"Bearer {make_token(['campaign:read'])}"}
    r = httpx.get(gateway + "/v1/campaigns", headers=headers)
    body = assert_problem(r, 502)
    assert "campaign-svc is unavailable" in body["detail"]
    # Fast because it is the refusal itself that answers, not a timeout waited out (that
    # answer would say it "did not accept a connection within" so many seconds).
    assert "(connection refused)" in body["detail"]


async def test_slow_upstream_is_a_504_after_the_read_timeout(
    client: httpx.AsyncClient, upstream: EchoUpstream, key: str
) -> None:
    release = upstream.gate(key)  # the upstream answers only once the test lets it
    started = time.monotonic()
    try:
        r = await client.get("/v1/posts", params={"t": key, "mode": "hold", "gate": key})
        elapsed = time.monotonic() - started
    finally:
        release.set()
    body = assert_problem(r, 504)
    assert "content-svc did not answer within 1 s" in body["detail"]
    assert elapsed > 0.9  # the read timeout was waited out
    # ... and no longer: the upstream was still holding its answer when the 504 came.
    assert key in upstream.arrived
    assert key not in upstream.completed


@pytest.fixture
def flaky_gateway(start_gateway: Callable[..., str], flaky_upstream: FlakyUpstream) -> str:
    """A gateway whose campaign-svc is the flaky upstream."""
    return start_gateway(campaign_url=f"http://127.0.0.1:{flaky_upstream.port}")


async def test_a_get_is_retried_once_when_the_upstream_hangs_up(
    flaky_gateway: str, make_token: Callable[..., str], flaky_upstream: FlakyUpstream
) -> None:
    headers = {"Authorization": f"Bearer {make_token(['campaign:read', 'campaign:write'])}"}
    async with httpx.AsyncClient(base_url=flaky_gateway, headers=headers) as c:
        flaky_upstream.drop_next = 1
        r = await c.get("/v1/leads")
        assert r.status_code == 200
        assert r.text == "ok"
        assert len(flaky_upstream.requests) == 2


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [("POST", "/v1/coupons/claim", {"batch": 1}), ("DELETE", "/v1/coupons/7", None)],
    ids=["post", "delete"],
)
async def test_a_write_is_not_retried(
    flaky_gateway: str,
    make_token: Callable[..., str],
    flaky_upstream: FlakyUpstream,
    method: str,
    path: str,
    body: dict[str, int] | None,
) -> None:
    headers = {"Authorization": f"Bearer {make_token(['campaign:write'])}"}
    async with httpx.AsyncClient(base_url=flaky_gateway, headers=headers) as c:
        flaky_upstream.drop_next = 1
        problem = assert_problem(await c.request(method, path, json=body), 502)
        assert "campaign-svc closed the connection" in problem["detail"]
        assert len(flaky_upstream.requests) == 1


async def test_cors_preflight_is_answered_without_a_token(
    start_gateway: Callable[..., str], upstream: EchoUpstream, key: str
) -> None:
    url = start_gateway(cors_origins=["https://app.mediaops.test"])
    preflight = {
        "Origin": "https://app.mediaops.test",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type",
    }
    r = httpx.options(url + f"/v1/posts?t={key}", headers=preflight)
    assert r.status_code == 204
    assert r.headers["access-control-allow-origin"] == "https://app.mediaops.test"
    assert "x-request-id" in r.headers
    assert key not in upstream.arrived
    other = httpx.options(url + "/v1/posts", headers=preflight | {"Origin": "https://evil.test"})
    assert other.status_code == 403


@pytest.mark.parametrize("path", ["/v1/posts", "/v1/dashboard"])
async def test_an_unexpected_error_is_a_500_problem_with_the_browser_headers(
    path: str,
    start_gateway: Callable[..., str],
    make_token: Callable[..., str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The pass-through has its own short stack (``main.GatewayApp``); an error in it is answered
    # as one anywhere else in the gateway is.
    import gateway.dashboard
    import gateway.proxy

    async def broken(*_: Any, **__: Any) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(gateway.proxy, "_forward", broken)
    monkeypatch.setattr(gateway.dashboard.DashboardEndpoint, "__call__", broken)
    url = start_gateway(cors_origins=["https://app.example"])
    async with httpx.AsyncClient(base_url=url) as client:
        headers = {"Authorization": f"Bearer {make_token()}", "Origin": "https://app.example"}
        r = await client.get(path, headers=headers)
    assert_problem(r, 500)
    assert "logged" in r.json()["detail"]
    assert r.headers["access-control-allow-origin"] == "https://app.example"
    assert r.headers["x-content-type-options"] == "nosniff"
