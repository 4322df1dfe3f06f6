"""Public paths (``routes.PUBLIC``): a platform's callback, routed without a credential, over
real sockets. Only the callback's exact shape is public; nothing a stranger sends (a token, a
workspace, an API key, an Idempotency-Key) reaches the service; each callback URL has its own
rate budget."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from servicekit.testing.problems import assert_problem

from .support import INTERNAL_TOKEN, EchoUpstream

CHANNEL = "6f2c1a9e-4b7d-4e0f-9a51-3c8d2e7f1b40"
CALLBACK = f"/v1/wechat/{CHANNEL}/callback"
PUSH = b"<xml><ToUserName><![CDATA[gh_3f1c9a7e2b84]]></ToUserName></xml>"


def headers_seen(seen: dict[str, Any]) -> dict[str, str]:
    return dict(seen["headers"])


async def test_a_callback_reaches_the_service_without_a_token_and_with_only_safe_headers(
    gateway: str, upstream: EchoUpstream, key: str
) -> None:
    sent = {
        "Content-Type": "text/xml",
        "User-Agent": "Mozilla/4.0",
        "Authorization": "Bearer not-checked-and-not-forwarded",
        "X-Api-Key": "mo_not_forwarded",
        "X-Workspace-Id": "ws-victim",
        "X-Scopes": "admin",
        "X-Actor-Id": "mallory",
        "X-Internal-Token": "guessed",
        "Idempotency-Key": "k-1",
        "Cookie": "session=1",
    }
    async with httpx.AsyncClient(base_url=gateway, timeout=10.0) as anonymous:
        r = await anonymous.post(
            CALLBACK, params={"signature": "abc", "t": key}, content=PUSH, headers=sent
        )
    assert r.status_code == 200, r.text
    seen = upstream.completed[key]
    assert (seen["method"], seen["path"]) == ("POST", CALLBACK)
    assert seen["query"] == f"signature=abc&t={key}"
    assert seen["body_len"] == len(PUSH)
    forwarded = headers_seen(seen)
    assert forwarded["x-internal-token"] == INTERNAL_TOKEN
    assert forwarded["content-type"] == "text/xml"
    assert forwarded["user-agent"] == "Mozilla/4.0"
    assert forwarded["x-request-id"] == r.headers["x-request-id"]
    for dropped in (
        "authorization",
        "x-api-key",
        "x-workspace-id",
        "x-scopes",
        "x-actor-id",
        "idempotency-key",
        "cookie",
    ):
        assert dropped not in forwarded, dropped
    assert "ratelimit-policy" in r.headers


@pytest.mark.parametrize(
    "path",
    [
        "/v1/wechat",
        "/v1/wechat/",
        f"/v1/wechat/{CHANNEL}",
        f"/v1/wechat/{CHANNEL}/",
        f"/v1/wechat/{CHANNEL}/callback/extra",
        f"/v1/wechat/{CHANNEL}/settings",
        "/v1/wechat/not-a-uuid/callback",
        "/v1/wechat//callback",
    ],
)
async def test_only_the_callbacks_own_shape_is_public(
    gateway: str, upstream: EchoUpstream, key: str, path: str
) -> None:
    async with httpx.AsyncClient(base_url=gateway, timeout=10.0) as anonymous:
        r = await anonymous.get(path, params={"t": key})
    assert_problem(r, 404)
    assert key not in upstream.arrived


async def test_each_callback_url_has_its_own_rate_budget(
    start_gateway: Callable[..., str], upstream: EchoUpstream, key: str
) -> None:
    door = start_gateway(rate_limit_callback_burst=2, rate_limit_callback_per_minute=2)
    async with httpx.AsyncClient(base_url=door, timeout=10.0) as anonymous:
        statuses = [
            (await anonymous.post(CALLBACK, params={"t": f"{key}-{i}"}, content=PUSH)).status_code
            for i in range(3)
        ]
        assert statuses == [200, 200, 429]
        refused = await anonymous.post(CALLBACK, params={"t": f"{key}-x"}, content=PUSH)
        assert_problem(refused, 429)
        assert "This callback URL has used its callback budget" in refused.json()["detail"]
        assert int(refused.headers["retry-after"]) >= 1
        other = f"/v1/wechat/{uuid.uuid4()}/callback"
        assert (await anonymous.post(other, params={"t": f"{key}-y"})).status_code == 200
    assert f"{key}-x" not in upstream.arrived


async def test_a_callback_body_over_the_limit_is_413_before_the_service(
    start_gateway: Callable[..., str], upstream: EchoUpstream, key: str
) -> None:
    door = start_gateway(max_body_bytes=1024)
    async with httpx.AsyncClient(base_url=door, timeout=10.0) as anonymous:
        r = await anonymous.post(CALLBACK, params={"t": key}, content=b"x" * 2048)
    assert_problem(r, 413)
    assert key not in upstream.completed
