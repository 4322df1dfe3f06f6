"""A browser front-end calling the gateway: CORS for the configured origins, preflights answered
before authentication, and the security headers on every answer, errors included."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from pydantic import ValidationError

from gateway.browser import BrowserPolicy
from gateway.config import Settings
from servicekit.testing.problems import assert_problem

from .support import JWT_SECRET, EchoUpstream

APP = "https://app.mediaops.test"
OTHER_APP = "http://localhost:5173"
SECURITY = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
}
EXPOSED = {
    "etag",
    "retry-after",
    "ratelimit-limit",
    "ratelimit-remaining",
    "ratelimit-reset",
    "ratelimit-policy",
    "x-request-id",
    "idempotent-replayed",
    "location",
}
PREFLIGHT = {
    "Origin": APP,
    "Access-Control-Request-Method": "PATCH",
    "Access-Control-Request-Headers": "authorization, content-type, if-match, idempotency-key, "
    "x-api-key, x-request-id",
}


@pytest.fixture
def browser_gateway(start_gateway: Callable[..., str]) -> Callable[..., str]:
    def start(**overrides: Any) -> str:
        return start_gateway(**({"cors_origins": [APP, OTHER_APP]} | overrides))

    return start


def assert_secure(r: httpx.Response) -> None:
    for name, value in SECURITY.items():
        assert r.headers.get_list(name) == [value], name
    assert "strict-transport-security" not in r.headers


def assert_cors(r: httpx.Response, origin: str = APP) -> None:
    assert r.headers["access-control-allow-origin"] == origin
    exposed = {h.strip().lower() for h in r.headers["access-control-expose-headers"].split(",")}
    assert exposed >= EXPOSED
    assert "origin" in r.headers["vary"].lower()
    assert "access-control-allow-credentials" not in r.headers
    assert_secure(r)


async def test_a_preflight_from_a_configured_origin_is_answered_before_authentication(
    browser_gateway: Callable[..., str], upstream: EchoUpstream, key: str
) -> None:
    gateway = browser_gateway()
    r = httpx.options(gateway + f"/v1/posts/p-1?t={key}", headers=PREFLIGHT)
    assert r.status_code == 204
    assert r.content == b""
    assert r.headers["access-control-allow-origin"] == APP
    methods = {m.strip() for m in r.headers["access-control-allow-methods"].split(",")}
    assert methods == {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"}
    allowed = {h.strip().lower() for h in r.headers["access-control-allow-headers"].split(",")}
    assert allowed == {
        "authorization",
        "content-type",
        "idempotency-key",
        "if-match",
        "x-api-key",
        "x-request-id",
    }
    assert r.headers["access-control-max-age"] == "600"
    assert r.headers["vary"] == "Origin"
    assert "x-request-id" in r.headers
    assert_secure(r)
    assert key not in upstream.arrived
    second = httpx.options(gateway + "/v1/dashboard", headers=PREFLIGHT | {"Origin": OTHER_APP})
    assert second.status_code == 204
    assert second.headers["access-control-allow-origin"] == OTHER_APP


@pytest.mark.parametrize(
    ("overrides", "words"),
    [
        ({"Origin": "https://evil.test"}, "Browser calls from https://evil.test are not allowed"),
        ({"Origin": APP + ".evil.test"}, "are not allowed"),
        ({"Origin": "null"}, "Browser calls from null"),
        ({"Access-Control-Request-Method": "TRACE"}, "TRACE is not a method"),
        ({"Access-Control-Request-Headers": "authorization, x-internal-token"}, "x-internal-token"),
    ],
)
async def test_a_preflight_asking_for_what_is_not_allowed_is_refused(
    browser_gateway: Callable[..., str], overrides: dict[str, str], words: str
) -> None:
    r = httpx.options(browser_gateway() + "/v1/posts", headers=PREFLIGHT | overrides)
    assert words in assert_problem(r, 403)["detail"]
    assert "access-control-allow-origin" not in r.headers
    assert "access-control-allow-methods" not in r.headers
    assert_secure(r)


async def test_without_configured_origins_every_preflight_is_refused(gateway: str) -> None:
    r = httpx.options(gateway + "/v1/posts", headers=PREFLIGHT)
    assert_problem(r, 403)
    assert "access-control-allow-origin" not in r.headers
    assert "vary" not in r.headers
    assert_secure(r)


async def test_an_answer_to_a_configured_origin_carries_cors_and_security_headers(
    browser_gateway: Callable[..., str], make_token: Callable[..., str], key: str
) -> None:
    gateway = browser_gateway()
    auth = {"Authorization": f"Bearer {make_token()}"}
    r = httpx.get(gateway + f"/v1/channels?t={key}", headers=auth | {"Origin": APP})
    assert r.status_code == 200
    assert r.headers["x-upstream"] == "echo"
    assert_cors(r)
    other = httpx.get(
        gateway + f"/v1/channels?t={key}", headers=auth | {"Origin": "https://x.test"}
    )
    assert other.status_code == 200
    assert "access-control-allow-origin" not in other.headers
    assert other.headers["vary"] == "Origin"
    assert_secure(other)


async def test_gateway_made_errors_carry_cors_and_security_headers(
    browser_gateway: Callable[..., str], make_token: Callable[..., str]
) -> None:
    gateway = browser_gateway(rate_limit_read_burst=1, rate_limit_read_per_minute=1)
    origin = {"Origin": APP}
    unauthorised = httpx.get(gateway + "/v1/channels", headers=origin)
    assert_problem(unauthorised, 401)
    assert_cors(unauthorised)
    token = {"Authorization": f"Bearer {make_token(['campaign:read', 'content:read'])}"}
    assert httpx.get(gateway + "/v1/channels", headers=origin | token).status_code == 200
    limited = httpx.get(gateway + "/v1/channels", headers=origin | token)
    assert_problem(limited, 429)
    assert_cors(limited)
    assert limited.headers["retry-after"]
    assert limited.headers["ratelimit-remaining"] == "0"
    unknown = httpx.get(gateway + "/v1/nothing-here", headers=origin | token)
    assert_problem(unknown, 404)
    assert_cors(unknown)


async def test_an_unreachable_service_answers_502_with_cors_and_security_headers(
    browser_gateway: Callable[..., str], make_token: Callable[..., str]
) -> None:
    token = {"Authorization": f"Bearer {make_token(['campaign:read'])}", "Origin": APP}
    r = httpx.get(browser_gateway() + "/v1/campaigns", headers=token)
    assert_problem(r, 502)
    assert_cors(r)


async def test_every_answer_carries_the_security_headers_without_cors(
    gateway: str, make_token: Callable[..., str]
) -> None:
    auth = {"Authorization": f"Bearer {make_token()}", "Origin": APP}
    for r in (
        httpx.get(gateway + "/healthz"),
        httpx.get(gateway + "/metrics"),
        httpx.get(gateway + "/v1/channels", headers=auth),
        httpx.get(gateway + "/v1/channels"),
        httpx.get(gateway + "/nowhere"),
    ):
        assert_secure(r)
        assert "access-control-allow-origin" not in r.headers
        assert "vary" not in r.headers


async def test_the_docs_pages_may_load_their_own_assets_and_nothing_else(gateway: str) -> None:
    for path in ("/docs", "/redoc", "/docs/assets/swagger-ui.css"):
        r = httpx.get(gateway + path)
        assert r.status_code == 200, path
        directives = (d.partition(" ") for d in r.headers["content-security-policy"].split("; "))
        csp = {name: value for name, _, value in directives}
        assert csp["default-src"] == "'none'"
        assert csp["script-src"] == "'self'"  # the vendored bundles, no inline script, no CDN
        assert csp["connect-src"] == "'self'"  # the spec and "Try it out", this origin only
        assert csp["frame-ancestors"] == "'none'"
        assert r.headers["x-frame-options"] == "DENY"
    # The API itself keeps the strict policy.
    assert (
        httpx.get(gateway + "/openapi.json").headers["content-security-policy"]
        == (SECURITY["content-security-policy"])
    )


async def test_strict_transport_security_only_when_configured(
    start_gateway: Callable[..., str],
) -> None:
    plain = start_gateway()
    assert "strict-transport-security" not in httpx.get(plain + "/healthz").headers
    hsts = start_gateway(hsts_max_age_s=63_072_000, hsts_include_subdomains=True)
    r = httpx.get(hsts + "/v1/channels")
    assert r.headers["strict-transport-security"] == "max-age=63072000; includeSubDomains"


def test_upstream_security_headers_are_replaced_and_vary_is_kept() -> None:
    policy = BrowserPolicy([APP])
    upstream = [
        (b"content-type", b"application/json"),
        (b"x-frame-options", b"SAMEORIGIN"),
        (b"vary", b"Accept-Encoding"),
    ]
    headers = policy.answer_headers(upstream, APP.encode())
    assert (b"x-frame-options", b"DENY") in headers
    assert (b"x-frame-options", b"SAMEORIGIN") not in headers
    assert [v for n, v in headers if n == b"vary"] == [b"Accept-Encoding, Origin"]
    already = policy.answer_headers([(b"vary", b"origin")], None)
    assert [v for n, v in already if n == b"vary"] == [b"origin"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://app.mediaops.test", ["https://app.mediaops.test"]),
        (
            "https://App.Mediaops.test, http://localhost:5173",
            ["https://app.mediaops.test", "http://localhost:5173"],
        ),
        ('["https://a.test", "http://[::1]:3000"]', ["https://a.test", "http://[::1]:3000"]),
        ("", []),
    ],
)
def test_cors_origins_are_read_comma_separated_or_as_json(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: list[str]
) -> None:
    monkeypatch.setenv("GATEWAY_CORS_ORIGINS", value)
    assert Settings(jwt_secret=JWT_SECRET).cors_origins == expected


@pytest.mark.parametrize(
    "value", ["*", "https://app.test/", "https://app.test/path", "app.test", "ftp://app.test"]
)
def test_a_cors_origin_that_is_not_an_origin_is_refused(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("GATEWAY_CORS_ORIGINS", value)
    with pytest.raises(ValidationError, match="scheme://host"):
        Settings(jwt_secret=JWT_SECRET)
