"""Tokens of an external identity provider, checked against its JWKS served on 127.0.0.1.

The issuer (``issuer.py``) holds real RSA and EC keys, serves their public halves as a JWKS
over HTTP, rotates them, and can go down; the gateway under test fetches from it as it would
from a real identity provider.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import jwt
import pytest
from pydantic import ValidationError

from gateway.config import Settings
from servicekit.testing.problems import assert_problem

from .issuer import AUDIENCE, ISSUER, Issuer, hs256_signed_with, serve
from .support import JWT_SECRET, EchoUpstream
from .test_proxy import header_values


@pytest.fixture
def issuer() -> Iterator[Issuer]:
    issuer = Issuer()
    issuer.new_key("RSA")
    issuer.new_key("EC")
    with serve(issuer):
        yield issuer


@pytest.fixture
def idp_gateway(start_gateway: Callable[..., str], issuer: Issuer) -> Callable[..., str]:
    """Start a gateway trusting ``issuer``; refetches may come 0.2 s apart unless told."""

    def start(**overrides: Any) -> str:
        settings: dict[str, Any] = {
            "jwks_url": issuer.jwks_url,
            "jwt_issuer": ISSUER,
            "jwt_audience": AUDIENCE,
            "jwks_min_refetch_s": 0.2,
        }
        return start_gateway(**(settings | overrides))

    return start


def call(gateway: str, token: str, key: str = "") -> httpx.Response:
    return httpx.get(
        gateway + "/v1/channels", params={"t": key}, headers={"Authorization": f"Bearer {token}"}
    )


def kid_of(issuer: Issuer, kty: str) -> str:
    return next(kid for kid in issuer.published if issuer.keys[kid][1] == ALGORITHMS[kty])


ALGORITHMS = {"RSA": "RS256", "EC": "ES256"}


@pytest.mark.parametrize("kty", ["RSA", "EC"])
async def test_a_token_from_the_identity_provider_works(
    idp_gateway: Callable[..., str], issuer: Issuer, upstream: EchoUpstream, key: str, kty: str
) -> None:
    gateway = idp_gateway()
    r = call(gateway, issuer.token(kid_of(issuer, kty)), key)
    assert r.status_code == 200, r.text
    seen = upstream.completed[key]
    assert header_values(seen, "x-workspace-id") == ["ws-idp"]
    assert header_values(seen, "x-actor-id") == ["auth0|operator-7"]
    assert header_values(seen, "x-scopes") == ["content:read content:write"]
    assert issuer.hits == 1  # fetched once at start-up, then served from memory


async def test_development_tokens_still_work_beside_the_identity_provider(
    idp_gateway: Callable[..., str], make_token: Callable[..., str]
) -> None:
    assert call(idp_gateway(), make_token()).status_code == 200


async def test_after_the_issuer_rotates_its_keys_a_new_token_works(
    idp_gateway: Callable[..., str], issuer: Issuer
) -> None:
    gateway = idp_gateway()
    old = issuer.published[0]
    old_token = issuer.token(old)
    assert call(gateway, old_token).status_code == 200
    new = issuer.rotate("EC")
    await asyncio.sleep(0.25)  # past the refetch interval since start-up
    r = call(gateway, issuer.token(new))
    assert r.status_code == 200, r.text
    assert issuer.hits == 2  # the unknown kid made the gateway fetch the JWKS again
    # The old key is gone from the JWKS: its tokens stop, even one the gateway had passed.
    problem = assert_problem(call(gateway, old_token), 401)
    assert f"key `{old}`" in problem["detail"]


async def test_a_withdrawn_key_is_noticed_when_the_cache_lifetime_ends(
    idp_gateway: Callable[..., str], issuer: Issuer
) -> None:
    gateway = idp_gateway(jwks_cache_ttl_s=0.3)
    old_token = issuer.token(issuer.published[0])
    assert call(gateway, old_token).status_code == 200
    issuer.rotate()
    await asyncio.sleep(0.35)
    # This call finds the keys stale and starts a fetch in the background; it goes on with the
    # keys held (the token is one the gateway remembers).
    assert call(gateway, old_token).status_code == 200
    deadline = time.monotonic() + 5
    while issuer.hits < 2 and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    await asyncio.sleep(0.1)
    assert_problem(call(gateway, old_token), 401)


async def test_unknown_key_ids_cannot_make_the_gateway_hammer_the_issuer(
    idp_gateway: Callable[..., str], issuer: Issuer
) -> None:
    gateway = idp_gateway(jwks_min_refetch_s=30)
    stranger = Issuer()
    for _ in range(20):
        kid = stranger.new_key("EC")
        assert_problem(call(gateway, stranger.token(kid)), 401)
    assert issuer.hits == 1  # only the start-up fetch: the next may come 30 s after it


def _bad_tokens(issuer: Issuer) -> dict[str, str]:
    rsa_kid = kid_of(issuer, "RSA")
    ec_kid = kid_of(issuer, "EC")
    now = int(time.time())
    # A key with the issuer's kid but another private half: a forged signature.
    forger = Issuer()
    forged_kid = forger.new_key("RSA")
    forger.keys[rsa_kid] = forger.keys.pop(forged_kid)
    stranger = Issuer()
    stranger_kid = stranger.new_key("RSA")
    claims = issuer.claims()
    return {
        "wrong-aud": issuer.token(rsa_kid, aud="https://another-app.test"),
        "wrong-iss": issuer.token(rsa_kid, iss="https://evil-id.test/"),
        "no-aud": issuer.token(rsa_kid, aud=None),
        "expired-beyond-leeway": issuer.token(rsa_kid, iat=now - 700, exp=now - 61),
        "not-yet-valid": issuer.token(rsa_kid, nbf=now + 120),
        "issued-in-the-future": issuer.token(rsa_kid, iat=now + 120, exp=now + 700),
        "forged-signature": forger.token(rsa_kid),
        "unknown-key": stranger.token(stranger_kid),
        "alg-none": jwt.encode(claims, "", algorithm="none", headers={"kid": rsa_kid}),
        "hs256-with-the-public-key": hs256_signed_with(issuer.public_pem(rsa_kid), claims, rsa_kid),
        "hs256-with-the-oct-key": hs256_signed_with(b"shared-secret-in-jwks", claims, "oct-1"),
        "alg-not-the-keys": issuer.token(rsa_kid, alg="RS512"),
        "no-kid": jwt.encode(claims, issuer.keys[ec_kid][0], algorithm="ES256"),
        "no-workspace": issuer.token(ec_kid, ws=None),
        "lives-too-long": issuer.token(ec_kid, iat=now, exp=now + 90_000),
    }


@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("wrong-aud", "another audience"),
        ("wrong-iss", "issued by someone else"),
        ("no-aud", "no `aud` claim"),
        ("expired-beyond-leeway", "expired"),
        ("not-yet-valid", "not valid yet"),
        ("issued-in-the-future", "not valid yet"),
        ("forged-signature", "Signature check failed"),
        ("unknown-key", "does not publish"),
        ("alg-none", "must be signed with HS256 or ES256 or RS256; it says `none`"),
        ("hs256-with-the-public-key", "Signature check failed"),
        ("hs256-with-the-oct-key", "Signature check failed"),
        ("alg-not-the-keys", "must be signed with"),
        ("no-kid", "no `kid` header"),
        ("no-workspace", "no `ws` claim"),
        ("lives-too-long", "longer than"),
    ],
)
async def test_a_token_the_issuer_did_not_mean_for_this_api_is_401(
    idp_gateway: Callable[..., str],
    issuer: Issuer,
    upstream: EchoUpstream,
    key: str,
    case: str,
    words: str,
) -> None:
    issuer.extra = [{"kty": "oct", "kid": "oct-1", "k": "c2hhcmVkLXNlY3JldC1pbi1qd2tz"}]
    gateway = idp_gateway()
    r = call(gateway, _bad_tokens(issuer)[case], key)
    problem = assert_problem(r, 401)
    assert words in problem["detail"], problem["detail"]
    assert r.headers["www-authenticate"] == 'Bearer realm="mediaops", error="invalid_token"'
    assert key not in upstream.arrived


async def test_a_token_within_the_leeway_works_and_the_leeway_is_configurable(
    idp_gateway: Callable[..., str], issuer: Issuer
) -> None:
    now = int(time.time())
    token = issuer.token(issuer.published[0], iat=now - 600, exp=now - 30)
    assert call(idp_gateway(), token).status_code == 200  # 30 s late, 60 s allowed
    strict = idp_gateway(jwt_leeway_s=0)
    assert "expired" in assert_problem(call(strict, token), 401)["detail"]


async def test_the_claim_mapping_reads_namespaced_claims_and_a_scope_string(
    idp_gateway: Callable[..., str], issuer: Issuer, upstream: EchoUpstream, key: str
) -> None:
    gateway = idp_gateway(
        jwt_workspace_claim="https://mediaops.dev/ws",
        jwt_subject_claim="email",
        jwt_scopes_claim="scope",
    )
    token = issuer.token(
        issuer.published[0],
        ws=None,
        scopes=None,
        email="ops@brand.test",
        scope="openid content:read profile",
        **{"https://mediaops.dev/ws": "brand-a"},
    )
    r = call(gateway, token, key)
    assert r.status_code == 200, r.text
    seen = upstream.completed[key]
    assert header_values(seen, "x-workspace-id") == ["brand-a"]
    assert header_values(seen, "x-actor-id") == ["ops@brand.test"]
    assert header_values(seen, "x-scopes") == ["openid content:read profile"]
    # The standard `ws` claim means nothing to this gateway now.
    plain = issuer.token(issuer.published[0], email="ops@brand.test")
    detail = assert_problem(call(gateway, plain), 401)["detail"]
    assert "no `https://mediaops.dev/ws` claim" in detail


async def test_with_the_issuer_down_known_keys_still_work_and_unknown_ones_are_401(
    idp_gateway: Callable[..., str], issuer: Issuer
) -> None:
    gateway = idp_gateway()
    known = issuer.token(issuer.published[1])
    assert issuer.server is not None
    issuer.server.__exit__()  # the JWKS URL now refuses connections
    assert call(gateway, known).status_code == 200
    stranger = Issuer()
    unknown = stranger.token(stranger.new_key())
    await asyncio.sleep(0.25)  # a refetch is allowed, and fails
    r = call(gateway, unknown)
    assert "does not publish" in assert_problem(r, 401)["detail"]
    assert call(gateway, known).status_code == 200
    assert call(gateway, issuer.token(issuer.published[0])).status_code == 200


async def test_an_issuer_answering_errors_is_the_same_as_one_down(
    idp_gateway: Callable[..., str], issuer: Issuer
) -> None:
    gateway = idp_gateway()
    issuer.status = 503
    new = issuer.rotate()
    await asyncio.sleep(0.25)
    assert_problem(call(gateway, issuer.token(new)), 401)
    assert issuer.hits == 2
    issuer.status = 200
    await asyncio.sleep(0.25)
    assert call(gateway, issuer.token(new)).status_code == 200


async def test_a_gateway_started_while_the_issuer_is_down_starts_and_answers_401(
    start_gateway: Callable[..., str], dead_socket: Any, issuer: Issuer
) -> None:
    dead = f"http://127.0.0.1:{dead_socket.getsockname()[1]}/jwks.json"
    gateway = start_gateway(jwks_url=dead, jwt_issuer=ISSUER, jwt_audience=AUDIENCE)
    assert_problem(call(gateway, issuer.token(issuer.published[0])), 401)
    r = httpx.get(gateway + "/healthz")
    assert r.status_code == 200


async def test_hs256_can_be_turned_off(
    idp_gateway: Callable[..., str], issuer: Issuer, make_token: Callable[..., str]
) -> None:
    gateway = idp_gateway(jwt_hs256_enabled=False)
    detail = assert_problem(call(gateway, make_token()), 401)["detail"]
    assert "must be signed with ES256 or RS256; it says `HS256`" in detail
    assert call(gateway, issuer.token(issuer.published[0])).status_code == 200


@pytest.mark.parametrize(
    ("overrides", "words"),
    [
        ({"jwks_url": "https://id.test/jwks.json"}, "GATEWAY_JWT_ISSUER and GATEWAY_JWT_AUDIENCE"),
        (
            {"jwks_url": "https://id.test/jwks.json", "jwt_issuer": ISSUER},
            "needs GATEWAY_JWT_AUDIENCE",
        ),
        ({"jwt_algorithms": ["RS256", "HS256"]}, "never none or HS*"),
        ({"jwt_algorithms": ["none"]}, "never none or HS*"),
        ({"jwt_algorithms": []}, "never none or HS*"),
        ({"jwt_leeway_s": 301}, "less than or equal to 300"),
        ({"jwt_hs256_enabled": False}, "needs GATEWAY_JWKS_URL"),
    ],
)
def test_identity_settings_are_checked(overrides: dict[str, Any], words: str) -> None:
    with pytest.raises(ValidationError, match=words.replace("*", r"\*")):
        Settings(jwt_secret=JWT_SECRET, **overrides)
