"""Bearer tokens: 401 for anything but a valid HS256 token, 403 for a missing scope."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from gateway.auth import InvalidToken, TokenVerifier
from servicekit.testing.problems import assert_problem

from .support import JWT_SECRET, WORKSPACE, EchoUpstream
from .test_proxy import header_values


def _bad_tokens(mint: Callable[..., str]) -> dict[str, str | None]:
    smuggled = ["content:read\nX-Scopes: admin"]
    return {
        "missing": None,
        "not-bearer": "Basic dXNlcjpwYXNz",
        "empty-bearer": "Bearer",
        "garbage": "Bearer not.a.jwt",
        "bad-signature": f"Bearer {mint(secret='another-secret-of-at-least-32-bytes!')}",
        "expired": f"Bearer {mint(exp=int(time.time()) - 5)}",
        "malformed-ws": f"Bearer {mint(ws='bad ws!')}",
        "ws-too-long": f"Bearer {mint(ws='w' * 65)}",
        "no-ws": f"Bearer {mint(ws=None)}",
        "no-sub": f"Bearer {mint(sub=None)}",
        "scopes-not-strings": f"Bearer {mint(scopes=[1, 2])}",
        "scope-smuggling": f"Bearer {mint(scopes=smuggled)}",
        # A pattern's `$` also matches before a final newline: each claim must match whole.
        "ws-newline": "Bearer " + mint(ws="ws1\n"),
        "sub-newline": "Bearer " + mint(sub="user-1\n"),
        "scope-newline": "Bearer " + mint(scopes=["content:read\n"]),
    }


@pytest.mark.parametrize(
    "case",
    [
        "missing",
        "not-bearer",
        "empty-bearer",
        "garbage",
        "bad-signature",
        "expired",
        "malformed-ws",
        "ws-too-long",
        "no-ws",
        "no-sub",
        "scopes-not-strings",
        "scope-smuggling",
        "ws-newline",
        "sub-newline",
        "scope-newline",
    ],
)
async def test_invalid_credentials_are_401_with_a_bearer_challenge(
    gateway: str, make_token: Callable[..., str], upstream: EchoUpstream, key: str, case: str
) -> None:
    authorization = _bad_tokens(make_token)[case]
    headers = {"Authorization": authorization} if authorization is not None else {}
    r = httpx.get(gateway + "/v1/channels", params={"t": key}, headers=headers)
    assert_problem(r, 401)
    assert r.headers["www-authenticate"].startswith("Bearer")
    assert key not in upstream.arrived


async def test_expired_token_says_so(gateway: str, make_token: Callable[..., str]) -> None:
    token = make_token(exp=int(time.time()) - 5)
    r = httpx.get(gateway + "/v1/channels", headers={"Authorization": f"Bearer {token}"})
    assert "expired" in assert_problem(r, 401)["detail"]
    assert 'error="invalid_token"' in r.headers["www-authenticate"]


async def test_a_token_that_has_not_expired_passes(
    gateway: str, make_token: Callable[..., str]
) -> None:
    token = make_token(exp=int(time.time()) + 60)
    r = httpx.get(gateway + "/v1/channels", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200


Caller = Callable[..., httpx.Response]


@pytest.fixture
def call_holding(gateway: str, make_token: Callable[..., str], key: str) -> Caller:
    """``call_holding(scopes, method, path, **options)``: a call through the gateway with a token
    holding ``scopes``, marked with the test's key (``?t=``)."""

    def call(scopes: Any, method: str, path: str, **options: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {make_token(scopes)}"}
        return httpx.request(method, gateway + path, params={"t": key}, headers=headers, **options)

    return call


@pytest.mark.parametrize(
    ("method", "path", "scopes", "needed"),
    [
        ("GET", "/v1/channels", ["campaign:read"], "content:read"),
        ("HEAD", "/v1/calendar", ["content:write"], "content:read"),
        ("POST", "/v1/channels", ["content:read"], "content:write"),
        ("PATCH", "/v1/groups/7", ["community:read"], "community:write"),
        ("DELETE", "/v1/sop-runs/7", ["community:read"], "community:write"),
        ("POST", "/v1/funnels", ["metrics:read"], "metrics:write"),
        ("POST", "/v1/events", ["metrics:read", "leads:pii"], "metrics:write"),
    ],
)
async def test_a_missing_scope_is_403_naming_it(
    call_holding: Caller,
    upstream: EchoUpstream,
    key: str,
    method: str,
    path: str,
    scopes: list[str],
    needed: str,
) -> None:
    r = call_holding(scopes, method, path)
    if method == "HEAD":
        assert r.status_code == 403
    else:
        assert f"`{needed}`" in assert_problem(r, 403)["detail"]
    assert key not in upstream.arrived


@pytest.mark.parametrize(
    ("method", "path", "scopes"),
    [
        ("GET", "/v1/posts", ["content:read"]),
        ("POST", "/v1/funnels/query", ["metrics:read"]),
        ("POST", "/v1/retention/query", ["metrics:read"]),
        ("POST", "/v1/events", ["metrics:write"]),
        ("POST", "/v1/groups", ["admin"]),
        ("DELETE", "/v1/targets/3", ["admin"]),
        ("PUT", "/v1/tasks/1", "community:read community:write"),
    ],
)
async def test_the_right_scope_passes(
    call_holding: Caller, upstream: EchoUpstream, key: str, method: str, path: str, scopes: Any
) -> None:
    r = call_holding(scopes, method, path, json={})
    assert r.status_code == 200, r.text
    expected = scopes if isinstance(scopes, str) else " ".join(scopes)
    assert header_values(upstream.completed[key], "x-scopes") == [expected]


async def test_gateway_made_errors_carry_the_request_id(gateway: str) -> None:
    r = httpx.get(gateway + "/v1/channels", headers={"X-Request-Id": "trace-7"})
    assert r.headers["x-request-id"] == "trace-7"
    assert assert_problem(r, 401)["request_id"] == "trace-7"


async def test_authenticate_reads_scopes_from_a_list_or_a_string(
    make_token: Callable[..., str],
) -> None:
    verifier = TokenVerifier(JWT_SECRET)
    listed = await verifier.authenticate(f"Bearer {make_token(['a:read', 'b:write'])}")
    spaced = await verifier.authenticate(f"bearer {make_token('a:read  b:write')}")
    assert listed.scopes == spaced.scopes == frozenset({"a:read", "b:write"})
    assert listed.scopes_header == spaced.scopes_header == "a:read b:write"
    assert listed.workspace_id == WORKSPACE
    assert listed.subject == "user-1"


async def test_authenticate_treats_missing_scopes_as_none(make_token: Callable[..., str]) -> None:
    principal = await TokenVerifier(JWT_SECRET).authenticate(f"Bearer {make_token(None)}")
    assert principal.scopes == frozenset()


async def test_authenticate_refuses_another_algorithm(make_token: Callable[..., str]) -> None:
    import jwt

    token = jwt.encode({"sub": "u", "ws": "w", "scopes": []}, JWT_SECRET * 2, algorithm="HS512")
    with pytest.raises(InvalidToken):
        await TokenVerifier(JWT_SECRET * 2).authenticate(f"Bearer {token}")
    unsigned = jwt.encode({"sub": "u", "ws": "w", "scopes": ["admin"]}, "", algorithm="none")
    with pytest.raises(InvalidToken):
        await TokenVerifier(JWT_SECRET).authenticate(f"Bearer {unsigned}")


async def test_a_remembered_token_still_expires(make_token: Callable[..., str]) -> None:
    now = time.time()
    clock = [now]
    verifier = TokenVerifier(JWT_SECRET, clock=lambda: clock[0])
    authorization = f"Bearer {make_token(exp=int(now) + 60)}"
    assert (await verifier.authenticate(authorization)).workspace_id == WORKSPACE
    clock[0] = now + 61  # the token is now served from the cache
    with pytest.raises(InvalidToken, match="expired"):
        await verifier.authenticate(authorization)


async def test_a_token_signed_with_another_secret_is_refused_even_after_a_good_one(
    make_token: Callable[..., str],
) -> None:
    verifier = TokenVerifier(JWT_SECRET)
    await verifier.authenticate(f"Bearer {make_token()}")
    forged = make_token(secret="another-secret-of-at-least-32-bytes!")
    with pytest.raises(InvalidToken, match="Signature"):
        await verifier.authenticate(f"Bearer {forged}")


@pytest.mark.parametrize(
    ("claims", "words"),
    [
        ({"exp": None}, "no `exp` claim"),
        ({"exp": "9999999999"}, "`exp` claim must be a number"),
        ({"iat": "1700000000"}, "`iat` claim must be a number"),
    ],
    ids=["no-exp", "string-exp", "string-iat"],
)
async def test_a_token_needs_a_numeric_exp(
    gateway: str, make_token: Callable[..., str], claims: dict[str, Any], words: str
) -> None:
    token = make_token(**claims)
    r = httpx.get(gateway + "/v1/channels", headers={"Authorization": f"Bearer {token}"})
    assert words in assert_problem(r, 401)["detail"]


async def test_a_token_living_longer_than_the_maximum_is_refused(
    make_token: Callable[..., str],
) -> None:
    now = time.time()
    verifier = TokenVerifier(JWT_SECRET, max_ttl_s=3600, clock=lambda: now)
    ok = make_token(iat=int(now), exp=int(now) + 3600)
    assert (await verifier.authenticate(f"Bearer {ok}")).workspace_id == WORKSPACE
    with pytest.raises(InvalidToken, match="longer than the 3,600 s"):
        await verifier.authenticate(f"Bearer {make_token(iat=int(now), exp=int(now) + 3601)}")
    # Without `iat` the lifetime left is what counts.
    with pytest.raises(InvalidToken, match="longer than the 3,600 s"):
        await verifier.authenticate(f"Bearer {make_token(exp=int(now) + 7200)}")
    # An old `iat` does not help a token that was issued for too long.
    with pytest.raises(InvalidToken, match="longer than"):
        await verifier.authenticate(
            f"Bearer {make_token(iat=int(now) - 86_400, exp=int(now) + 60)}"
        )


async def test_the_gateway_caps_token_lifetime_at_a_day_by_default(
    gateway: str, make_token: Callable[..., str]
) -> None:
    now = int(time.time())
    day = make_token(iat=now, exp=now + 86_400)
    r = httpx.get(gateway + "/v1/channels", headers={"Authorization": f"Bearer {day}"})
    assert r.status_code == 200
    forever = make_token(exp=9_999_999_999)
    r = httpx.get(gateway + "/v1/channels", headers={"Authorization": f"Bearer {forever}"})
    assert "longer than the 86,700 s" in assert_problem(r, 401)["detail"]


@pytest.mark.parametrize(
    "token",
    [
        "eyJ\xb7.e30.sig",  # a byte that is no UTF-8, where the header should be
        "t0t4lly.g4rbl3d.t0k3n",
        "a.b",
        "eyJhbGciOiJIUzI1NiJ9.\xff\xfe.c2ln",
    ],
)
async def test_a_garbled_token_is_answered_in_plain_words(gateway: str, token: str) -> None:
    r = httpx.get(
        gateway + "/v1/channels", headers={b"Authorization": f"Bearer {token}".encode("latin-1")}
    )
    detail = assert_problem(r, 401)["detail"]
    assert detail.startswith("The token is not a readable JWT"), detail
    assert "codec" not in detail
