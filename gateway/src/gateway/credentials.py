"""Who calls: a bearer token or an API key, whichever the request carries.

- ``X-Api-Key: mo_…`` or ``Authorization: Bearer mo_…``: an API key (``gateway.apikeys``);
- ``Authorization: Bearer <JWT>``: a token (``gateway.auth``).

Both kinds become the same ``Principal``, so what comes after (scopes, rate limits, the tenancy
headers) never asks which it was. A request carrying both headers is refused rather than one of
them being picked silently. Only a key check can need the gateway's database; when it cannot
be reached the answer is a 503 (``KeysUnavailable``) and tokens are not affected.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.responses import Response

from gateway.apikeys.secret import KEY_PREFIX
from gateway.apikeys.verifier import KeysUnavailable
from gateway.auth import InvalidToken, Principal, challenge
from gateway.state import GatewayState
from servicekit.problems import problem_response

API_KEY_HEADER = b"x-api-key"

__all__ = ["API_KEY_HEADER", "InvalidToken", "KeysUnavailable", "authenticate", "refusal"]


def credentials(headers: Iterable[tuple[bytes, bytes]]) -> tuple[str | None, str | None]:
    """The request's ``Authorization`` and ``X-Api-Key`` values (None when absent)."""
    authorization = api_key = None
    for name, value in headers:
        if name == b"authorization":
            authorization = value.decode("latin-1")
        elif name == API_KEY_HEADER:
            api_key = value.decode("latin-1")
    return authorization, api_key


async def authenticate(
    state: GatewayState, authorization: str | None, api_key: str | None
) -> Principal:
    """The caller; raises ``InvalidToken`` (401) or ``KeysUnavailable`` (503)."""
    if api_key is not None:
        if authorization is not None:
            raise InvalidToken(
                "Send one credential: `Authorization: Bearer …` or `X-Api-Key: …`, not both."
            )
        return await state["api_keys"].authenticate(api_key.strip())
    if authorization is not None:
        scheme, _, token = authorization.partition(" ")
        token = token.strip()
        if token.startswith(KEY_PREFIX) and scheme.lower() == "bearer":
            return await state["api_keys"].authenticate(token)
    return await state["verifier"].authenticate(authorization)


def refusal(exc: InvalidToken | KeysUnavailable, presented: str | None) -> Response:
    """The problem answer to a credential that was not accepted; ``presented`` is what was
    sent (either header), for the ``WWW-Authenticate`` challenge."""
    if isinstance(exc, KeysUnavailable):
        headers = {"Retry-After": str(exc.retry_after_s)} if exc.retry_after_s else None
        return problem_response(503, "Service Unavailable", str(exc), headers=headers)
    return problem_response(401, "Unauthorized", str(exc), headers=challenge(presented))
