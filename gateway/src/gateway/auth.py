"""Bearer JWT verification: who calls (``sub``), for which workspace (``ws``), with what scopes.

Tokens are HS256 with the gateway's secret. ``exp`` is required and must be a number, and a token
may not live longer than the configured maximum (``exp - iat``, or ``exp - now`` without
``iat``), so a leaked token is useful for a bounded time; ``nbf``/``iat`` are checked when
present. Every claim that ends up in a forwarded header is validated here, so a signed but odd
token can neither break the header block nor smuggle a scope through the space-joined list.
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


@dataclass(frozen=True, slots=True)
class Principal:
    subject: str
    workspace_id: str
    scopes: frozenset[str]
    # Forwarded as X-Scopes in the token's order, computed once per request.
    scopes_header: str


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
        secret: str,
        *,
        max_ttl_s: float = DEFAULT_MAX_TOKEN_TTL_S,
        cache_size: int = 4096,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._secret = secret
        self._max_ttl_s = max_ttl_s
        self._clock = clock
        self._verify_cached = functools.lru_cache(maxsize=cache_size)(self._verify)

    def authenticate(self, authorization: str | None) -> Principal:
        principal, expires_at = self._verify_cached(bearer_token(authorization))
        if self._clock() >= expires_at:
            raise InvalidToken(_EXPIRED)
        return principal

    def _verify(self, token: str) -> tuple[Principal, float]:
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
        except jwt.InvalidSignatureError as exc:
            raise InvalidToken(_BAD_SIGNATURE) from exc
        except jwt.InvalidAlgorithmError as exc:
            raise InvalidToken(f"The token must be signed with {ALGORITHM}.") from exc
        except jwt.ImmatureSignatureError as exc:
            raise InvalidToken("The token is not valid yet (`nbf` or `iat` is ahead).") from exc
        except jwt.DecodeError as exc:
            # PyJWT's own words here are decoder internals ("'utf-8' codec can't decode…").
            raise InvalidToken(_GARBLED) from exc
        except jwt.InvalidTokenError as exc:
            raise InvalidToken("The token is not valid; get a new one.") from exc
        return _principal(claims), self._expiry(claims)

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


def _principal(claims: dict[str, Any]) -> Principal:
    subject = claims["sub"]
    if not isinstance(subject, str) or not _SUBJECT_PATTERN.match(subject):
        raise InvalidToken("The token's `sub` claim must be printable ASCII, 1-255 characters.")
    workspace_id = claims["ws"]
    if not isinstance(workspace_id, str) or not WORKSPACE_ID_PATTERN.match(workspace_id):
        raise InvalidToken(
            "The token's `ws` claim must be a workspace id: letters, digits and `_.:-`, "
            "starting with a letter or digit, at most 64 characters."
        )
    scopes = _scopes(claims.get("scopes", []))
    return Principal(subject, workspace_id, frozenset(scopes), " ".join(scopes))


def _scopes(raw: object) -> list[str]:
    if isinstance(raw, str):
        scopes = raw.split()
    elif isinstance(raw, list) and all(isinstance(s, str) for s in raw):
        scopes = list(raw)
    else:
        raise InvalidToken("The token's `scopes` claim must be a list of strings or one string.")
    bad = [s for s in scopes if not _SCOPE_PATTERN.match(s)]
    if bad:
        raise InvalidToken(f"The token's `scopes` claim holds malformed scopes: {bad[:3]}.")
    return list(dict.fromkeys(scopes))
