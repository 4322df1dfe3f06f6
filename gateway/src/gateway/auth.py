"""Bearer JWT verification: who calls (``sub``), for which workspace (``ws``), with what scopes.

Tokens are HS256 with the gateway's secret; ``exp`` (and ``nbf``/``iat``) are checked when
present. Every claim that ends up in a forwarded header is validated here, so a signed but odd
token can neither break the header block nor smuggle a scope through the space-joined list.
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jwt

from servicekit.context import WORKSPACE_ID_PATTERN

ALGORITHM = "HS256"

_SCOPE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9:_.-]{0,63}$")
# Visible ASCII and spaces: safe in a header, long enough for any identity provider's ids.
_SUBJECT_PATTERN = re.compile(r"^[\x21-\x7e][\x20-\x7e]{0,254}$")


_EXPIRED = "The token has expired; get a new one."


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


class TokenVerifier:
    """Verifies bearer tokens and remembers the good ones it has seen recently.

    A client sends the same token on every call, and decoding and verifying it is the largest
    part of the gateway's own CPU time per request. The outcome depends only on the token's
    bytes and the secret, except for expiry, which is checked again on every cache hit (``nbf``
    and ``iat`` only ever become more true). Rejected tokens are not remembered, so garbage
    cannot push good tokens out of the cache.
    """

    def __init__(
        self, secret: str, *, cache_size: int = 4096, clock: Callable[[], float] = time.time
    ) -> None:
        self._secret = secret
        self._clock = clock
        self._verify_cached = functools.lru_cache(maxsize=cache_size)(self._verify)

    def authenticate(self, authorization: str | None) -> Principal:
        principal, expires_at = self._verify_cached(bearer_token(authorization))
        if expires_at is not None and self._clock() >= expires_at:
            raise InvalidToken(_EXPIRED)
        return principal

    def _verify(self, token: str) -> tuple[Principal, float | None]:
        try:
            claims = jwt.decode(
                token, self._secret, algorithms=[ALGORITHM], options={"require": ["sub", "ws"]}
            )
        except jwt.ExpiredSignatureError as exc:
            raise InvalidToken(_EXPIRED) from exc
        except jwt.InvalidTokenError as exc:
            raise InvalidToken(f"The token is not valid: {exc}.") from exc
        # PyJWT has checked that a present ``exp`` is a number.
        expires_at = claims.get("exp")
        return _principal(claims), float(expires_at) if expires_at is not None else None


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
