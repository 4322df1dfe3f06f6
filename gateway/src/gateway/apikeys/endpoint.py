"""``/v1/api-keys…`` at the door: the gateway's checks, then the API key routes' app.

Like the pass-through: the credential is checked (401/503), the workspace's rate limit is
counted (429, route class read or write), client-sent internal headers are dropped and the
caller's tenancy headers set. Then the request goes to the routes' FastAPI app in this
process (``apikeys.app``), which checks the ``admin`` scope itself, as a service would. One
rule is the gateway's alone, because only it knows what the credential was: an API key may not
manage API keys (403).
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.types import Message, Receive, Scope, Send

from gateway.apikeys.exceptions import KeysManagedByPeople
from gateway.apikeys.verifier import KeysUnavailable
from gateway.auth import InvalidToken
from gateway.credentials import API_KEY_HEADER, authenticate, credentials, refusal
from gateway.proxy import NOT_FROM_CLIENT
from gateway.ratelimit import Refusal
from gateway.state import gateway_state
from servicekit.context import HEADER_ACTOR, HEADER_SCOPES, HEADER_WORKSPACE
from servicekit.errors import service_error_response

_DROPPED = NOT_FROM_CLIENT | {API_KEY_HEADER}


class ApiKeysEndpoint:
    """ASGI endpoint mounted at ``/v1/api-keys`` and ``/v1/api-keys/{…}``."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        state = gateway_state(scope)
        authorization, api_key = credentials(scope["headers"])
        try:
            principal = await authenticate(state, authorization, api_key)
        except (InvalidToken, KeysUnavailable) as exc:
            await refusal(exc, authorization or api_key)(scope, receive, send)
            return
        if principal.api_key_id is not None:
            await service_error_response(KeysManagedByPeople())(scope, receive, send)
            return
        routes_state = state["api_keys_state"]
        if routes_state is None:
            unavailable = KeysUnavailable(
                "API keys are off on this gateway: it has no database (GATEWAY_DATABASE_URL "
                "is not set).",
                retry_after_s=None,
            )
            await refusal(unavailable, None)(scope, receive, send)
            return
        verdict = await state["rate_limiter"].check(principal, scope["method"], scope["path"])
        if isinstance(verdict, Refusal):
            await verdict(scope, receive, send)
            return

        headers = [(k, v) for k, v in scope["headers"] if k not in _DROPPED]
        headers += [
            (HEADER_WORKSPACE.encode(), principal.workspace_id.encode()),
            (HEADER_ACTOR.encode(), principal.subject.encode("latin-1")),
            (HEADER_SCOPES.encode(), principal.scopes_header.encode()),
        ]
        inner: Scope = {**scope, "headers": headers, "state": dict(routes_state)}
        started = False
        relay = verdict.relay(send, state["rate_limiter"])

        async def send_and_note(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await relay(message)

        try:
            await self.app(inner, receive, send_and_note)
        except Exception:
            # The app answered its 500 problem (and logged the error) before re-raising it, as
            # Starlette's error middleware does: nothing more to say to the client.
            if not started:
                raise
