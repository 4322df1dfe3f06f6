"""The request id: adopted from ``X-Request-Id`` or minted, echoed, and bound into every log line.

The lowest layer of servicekit's request handling: problem+json bodies (``servicekit.problems``)
carry the id, and the request context (``servicekit.context``) builds on it, so this module
imports neither.
"""

from __future__ import annotations

import contextvars
import re
import uuid
from typing import Any

import structlog
from starlette.types import ASGIApp, Receive, Scope, Send

HEADER_REQUEST_ID = "x-request-id"
_REQUEST_ID_PATTERN = re.compile(r"^[A-Za-z0-9_.:-]{1,128}$")
# Where RequestIdMiddleware leaves the id in the ASGI scope, for code that runs after the
# middleware has returned (Starlette's 500 handler sits outside every user middleware).
SCOPE_REQUEST_ID = "mediaops.request_id"

_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "mediaops_request_id", default=None
)


def current_request_id() -> str | None:
    """The id of the request being served, if any (also bound into every log line)."""
    return _request_id.get()


def request_id_of(scope: Scope) -> str | None:
    """The id ``RequestIdMiddleware`` gave this request, even after it has returned."""
    value = scope.get(SCOPE_REQUEST_ID)
    return value if isinstance(value, str) else None


def header_value(scope: Scope, name: bytes) -> str | None:
    """The first value of the (lower-case) header ``name`` in an ASGI scope."""
    for key, value in scope.get("headers", ()):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def adopt_or_mint(incoming: str | None) -> str:
    """The request's id: ``incoming`` when it is well-formed, else a new one."""
    # fullmatch: `$` would also accept a trailing newline, which must never be echoed.
    return incoming if incoming and _REQUEST_ID_PATTERN.fullmatch(incoming) else uuid.uuid4().hex


def enter_request(scope: Scope, request_id: str) -> contextvars.Token[str | None]:
    """Record the id in the scope, the context and the log context; undone by ``leave_request``."""
    scope[SCOPE_REQUEST_ID] = request_id
    token = _request_id.set(request_id)
    structlog.contextvars.bind_contextvars(request_id=request_id)
    return token


def leave_request(token: contextvars.Token[str | None]) -> None:
    structlog.contextvars.unbind_contextvars("request_id")
    _request_id.reset(token)


def with_request_id(
    headers: list[tuple[bytes, bytes]], request_id: bytes
) -> list[tuple[bytes, bytes]]:
    """A response's headers with ``X-Request-Id: request_id`` once (any the app set dropped)."""
    kept = [h for h in headers if h[0] != b"x-request-id"]
    kept.append((b"x-request-id", request_id))
    return kept


class RequestIdMiddleware:
    """Adopt a well-formed ``X-Request-Id`` or mint one; echo it and bind it into the logs."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = adopt_or_mint(header_value(scope, HEADER_REQUEST_ID.encode()))
        token = enter_request(scope, request_id)
        encoded = request_id.encode()

        async def send_with_id(message: Any) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = with_request_id(message.get("headers", []), encoded)
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            leave_request(token)
