"""Bearer JWT verification: who calls (``sub``), for which workspace (``ws``), with what scopes.

Two kinds of token are accepted:

- **HS256** with the gateway's secret (development, and the token CLI), claims ``sub``, ``ws``,
  ``scopes``; no clock skew is allowed (the gateway's own tokens).
- **RS256/ES256** (the allow-list in the settings) from an external identity provider, checked
  against the key its JWKS publishes under the token's ``kid`` (``jwks.JwksKeys``), with ``iss``
  and ``aud`` required to match, ``exp``/``nbf``/``iat`` allowed a bounded leeway, and the
  workspace, subject and scopes read from configurable claims (``ClaimMapping``). The token's
  ``alg`` must be the one the key is for: ``none``, HS256 with a public key, or an algorithm
  outside the allow-list never reach a signature check.

``exp`` is required and must be a number, and a token may not live longer than the configured
maximum (``exp - iat``, or ``exp - now`` without ``iat``), so a leaked token is useful for a
bounded time. Every claim that ends up in a forwarded header is validated here, so a signed but
odd token can neither break the header block nor smuggle a scope through the space-joined list.
"""

from __future__ import annotations

import functools
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jwt

from gateway.jwks import JwksKeys
from servicekit.context import WORKSPACE_ID_PATTERN

ALGORITHM = "HS256"
# 24 h (what the development token CLI mints) plus a few minutes for clock skew.
DEFAULT_MAX_TOKEN_TTL_S = 86_400 + 300

_SCOPE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9:_.-]{0,63}$")
# Visible ASCII and spaces: safe in a header, long enough for any identity provider's ids.
_SUBJECT_PATTERN = re.compile(r"^[\x21-\x7e][\x20-\x7e]{0,254}$")


_EXPIRED = "The token has expired; get a new one."
_GARBLED = (
    "The token is not a readable JWT: expected three base64url parts (header.payload.signature) "
    "holding JSON; send the token exactly as it was issued."
)
_BAD_SIGNATURE = "Signature check failed: the token was signed with another secret, or altered."
_TIME_CLAIMS = ("exp", "iat", "nbf")


class InvalidToken(Exception):
    """The request carries no usable token; the message says what to fix."""


class _UnknownKey(Exception):
    """The token names a key id the identity provider's keys held do not include."""

    def __init__(self, kid: str) -> None:
        super().__init__(kid)
        self.kid = kid


@dataclass(frozen=True, slots=True)
class ClaimMapping:
    """Which claims of an identity provider's token hold the subject, workspace and scopes.

    Top-level claim names, taken as they are (a namespaced ``https://mediaops.dev/ws`` works);
    the scopes claim may hold a list of strings or one space-separated string (OAuth 2's
    ``scope``)."""

    subject: str = "sub"
    workspace: str = "ws"
    scopes: str = "scopes"


STANDARD_CLAIMS = ClaimMapping()


@dataclass(frozen=True, slots=True)
class IdentityProvider:
    """What an external identity provider's token must satisfy, and how it is read."""

    keys: JwksKeys
    issuer: str
    audience: str
    leeway_s: float = 60.0
    claims: ClaimMapping = STANDARD_CLAIMS


@dataclass(frozen=True, slots=True)
class Principal:
    subject: str
    workspace_id: str
    scopes: frozenset[str]
    # Forwarded as X-Scopes in the token's order, computed once per request.
    scopes_header: str
    # Set when the caller presented an API key (``gateway.apikeys``) rather than a token.
    api_key_id: str | None = None


def bearer_token(authorization: str | None) -> str:
    if not authorization:
        raise InvalidToken("Send `Authorization: Bearer <token>`; this API needs a token.")
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise InvalidToken("The Authorization header must be `Bearer <token>`.")
    return token


def challenge(authorization: str | None) -> dict[str, str]:
    """The ``WWW-Authenticate`` header of a 401 (RFC 6750 §3): the realm, and
    ``error="invalid_token"`` when a token was sent but not accepted."""
    value = 'Bearer realm="mediaops"'
    if authorization:
        value += ', error="invalid_token"'
    return {"WWW-Authenticate": value}


class TokenVerifier:
    """Verifies bearer tokens and remembers the good ones it has seen recently.

    A client sends the same token on every call, and decoding and verifying it is the largest
    part of the gateway's own CPU time per request. The outcome depends only on the token's
    bytes and the secret, except for expiry, which is checked again on every cache hit (``nbf``
    and ``iat`` only ever become more true). Rejected tokens are not remembered, so garbage
    cannot push good tokens out of the cache.
    """

    def __init__(
        self,
        secret: str | None,
        *,
        identity_provider: IdentityProvider | None = None,
        max_ttl_s: float = DEFAULT_MAX_TOKEN_TTL_S,
        cache_size: int = 4096,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._secret = secret
        self._idp = identity_provider
        self._max_ttl_s = max_ttl_s
        self._clock = clock
        self._verify_cached = functools.lru_cache(maxsize=cache_size)(self._verify)
        accepted = [ALGORITHM] if secret is not None else []
        if identity_provider is not None:
            accepted += sorted(identity_provider.keys.algorithms)
            # A key the issuer withdrew must stop the tokens it signed, cached or not.
            identity_provider.keys.on_keys_removed = self._verify_cached.cache_clear
        self._accepted = " or ".join(accepted)

    async def authenticate(self, authorization: str | None) -> Principal:
        token = bearer_token(authorization)
        idp = self._idp
        if idp is not None:
            idp.keys.refresh_if_stale()
        try:
            principal, expires_at = self._verify_cached(token)
        except _UnknownKey:
            assert idp is not None
            # A key the gateway has not seen: the issuer may have rotated. One fetch (shared,
            # and at most one per interval), then the token is judged with what is held.
            await idp.keys.refresh()
            try:
                principal, expires_at = self._verify_cached(token)
            except _UnknownKey as exc:
                raise InvalidToken(
                    f"The token was signed with key `{exc.kid}`, which the identity provider "
                    "does not publish; get a new token."
                ) from None
        if self._clock() >= expires_at:
            raise InvalidToken(_EXPIRED)
        return principal

    def _verify(self, token: str) -> tuple[Principal, float]:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError as exc:
            raise _refusal(exc) from exc
        alg = header.get("alg")
        if not isinstance(alg, str):
            alg = None
        if alg == ALGORITHM and self._secret is not None:
            return self._verify_hs256(token)
        if self._idp is not None and alg in self._idp.keys.algorithms:
            return self._verify_idp(token, header, self._idp)
        said = f"`{alg}`" if alg is not None and len(alg) <= 16 else "another algorithm"
        raise InvalidToken(f"The token must be signed with {self._accepted}; it says {said}.")

    def _verify_idp(
        self, token: str, header: dict[str, Any], idp: IdentityProvider
    ) -> tuple[Principal, float]:
        kid = header.get("kid")
        if not isinstance(kid, str) or not kid:
            raise InvalidToken(
                "The token has no `kid` header naming the identity provider's key that signed it."
            )
        key = idp.keys.get(kid)
        if key is None:
            raise _UnknownKey(kid[:64])
        if header["alg"] != key.algorithm_name:
            raise InvalidToken(
                f"The token says `{header['alg']}`, but key `{kid}` signs with "
                f"{key.algorithm_name}."
            )
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=[key.algorithm_name],
                audience=idp.audience,
                issuer=idp.issuer,
                leeway=idp.leeway_s,
                options={"require": ["exp", "iss", "aud"]},
            )
        except jwt.InvalidAudienceError as exc:
            raise InvalidToken(
                f"The token is meant for another audience: its `aud` must include `{idp.audience}`."
            ) from exc
        except jwt.InvalidIssuerError as exc:
            raise InvalidToken(
                f"The token was issued by someone else: its `iss` must be `{idp.issuer}`."
            ) from exc
        except jwt.MissingRequiredClaimError as exc:
            raise InvalidToken(
                f"The token has no `{exc.claim}` claim; an identity provider's token needs "
                "`exp`, `iss` and `aud`."
            ) from exc
        except jwt.InvalidTokenError as exc:
            raise _refusal(exc) from exc
        principal = _principal(claims, idp.claims)
        return principal, self._expiry(claims) + idp.leeway_s

    def _verify_hs256(self, token: str) -> tuple[Principal, float]:
        assert self._secret is not None
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=[ALGORITHM],
                options={"require": ["exp", "sub", "ws"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise InvalidToken(_EXPIRED) from exc
        except jwt.MissingRequiredClaimError as exc:
            raise InvalidToken(
                f"The token has no `{exc.claim}` claim; every token needs `exp`, `sub` and `ws`."
            ) from exc
        except jwt.InvalidTokenError as exc:
            raise _refusal(exc) from exc
        return _principal(claims, STANDARD_CLAIMS), self._expiry(claims)

    def _expiry(self, claims: dict[str, Any]) -> float:
        # PyJWT takes int("9999999999") for a time claim; RFC 7519 §2 says NumericDate, a number.
        for name in _TIME_CLAIMS:
            value = claims.get(name)
            if name in claims and (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not math.isfinite(value)
            ):
                raise InvalidToken(f"The token's `{name}` claim must be a number of seconds.")
        expires_at = float(claims["exp"])
        issued_at = float(claims["iat"]) if "iat" in claims else self._clock()
        if expires_at - issued_at > self._max_ttl_s:
            raise InvalidToken(
                f"The token lives {expires_at - issued_at:,.0f} s, longer than the "
                f"{self._max_ttl_s:,.0f} s this gateway accepts; get a shorter-lived token."
            )
        return expires_at


def _refusal(exc: jwt.InvalidTokenError) -> InvalidToken:
    """The plain-words refusal for one of PyJWT's errors."""
    if isinstance(exc, jwt.ExpiredSignatureError):
        return InvalidToken(_EXPIRED)
    if isinstance(exc, jwt.InvalidSignatureError):
        return InvalidToken(_BAD_SIGNATURE)
    if isinstance(exc, jwt.ImmatureSignatureError):
        return InvalidToken("The token is not valid yet (`nbf` or `iat` is ahead).")
    if isinstance(exc, jwt.DecodeError):
        # PyJWT's own words here are decoder internals ("'utf-8' codec can't decode…").
        return InvalidToken(_GARBLED)
    return InvalidToken("The token is not valid; get a new one.")


def _principal(claims: dict[str, Any], names: ClaimMapping) -> Principal:
    subject = claims.get(names.subject)
    if subject is None:
        raise InvalidToken(f"The token has no `{names.subject}` claim naming who calls.")
    if not isinstance(subject, str) or not _SUBJECT_PATTERN.fullmatch(subject):
        raise InvalidToken(
            f"The token's `{names.subject}` claim must be printable ASCII, 1-255 characters."
        )
    workspace_id = claims.get(names.workspace)
    if workspace_id is None:
        raise InvalidToken(f"The token has no `{names.workspace}` claim naming the workspace.")
    if not isinstance(workspace_id, str) or not WORKSPACE_ID_PATTERN.fullmatch(workspace_id):
        raise InvalidToken(
            f"The token's `{names.workspace}` claim must be a workspace id: letters, digits "
            "and `_.:-`, starting with a letter or digit, at most 64 characters."
        )
    scopes = _scopes(claims.get(names.scopes, []), names.scopes)
    return Principal(subject, workspace_id, frozenset(scopes), " ".join(scopes))


def _scopes(raw: object, claim: str) -> list[str]:
    if isinstance(raw, str):
        scopes = raw.split()
    elif isinstance(raw, list) and all(isinstance(s, str) for s in raw):
        scopes = list(raw)
    else:
        raise InvalidToken(f"The token's `{claim}` claim must be a list of strings or one string.")
    bad = [s for s in scopes if not _SCOPE_PATTERN.fullmatch(s)]
    if bad:
        raise InvalidToken(f"The token's `{claim}` claim holds malformed scopes: {bad[:3]}.")
    return list(dict.fromkeys(scopes))
