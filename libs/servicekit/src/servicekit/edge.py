"""The edge of a service's request path: request id, metrics and access log, internal token.

One pure-ASGI middleware doing what ``RequestIdMiddleware``, ``MetricsMiddleware`` and
``InternalTokenMiddleware`` do stacked in that order (outermost first), with the same answers,
headers, metrics and log lines. It exists for speed: every middleware is one more coroutine
frame that each resumption of the request (each database answer, each send) passes through, and
one more ``send`` wrapper per message; profiled on content-svc's simple reads, the three stacked
cost measurably more than one (bench/RESULTS.md). It reads the request's headers once for both
the request id and the token. The gateway has its own edge (``gateway.edge``); the separate
middlewares stay for tests and the benchmarks.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

import structlog
from starlette.types import ASGIApp, Receive, Scope, Send

from servicekit.context import token_matches, unauthorized
from servicekit.observability import MetricsMiddleware
from servicekit.requestid import adopt_or_mint, enter_request, leave_request, with_request_id

_REQUEST_ID = b"x-request-id"
_INTERNAL_TOKEN = b"x-internal-token"
_WORKSPACE = b"x-workspace-id"


class ServiceEdgeMiddleware:
    """Adopt or mint the request id (echoed, bound into the logs); count, time and log the
    request; answer 401 to a call without the internal token, except on ``open_paths``."""

    def __init__(
        self, app: ASGIApp, *, service: str, token: str, open_paths: Iterable[str]
    ) -> None:
        self.app = app
        self.metrics = MetricsMiddleware(app, service)
        self.token = token.encode()
        self.open_paths = frozenset(open_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming: str | None = None
        presented: str | None = None
        workspace: str | None = None
        for key, value in scope.get("headers", ()):
            # The first of each, as ``requestid.header_value`` reads them.
            if key == _REQUEST_ID:
                if incoming is None:
                    incoming = value.decode("latin-1")
            elif key == _INTERNAL_TOKEN and presented is None:
                presented = value.decode("latin-1")
            elif key == _WORKSPACE and workspace is None:
                workspace = value.decode("latin-1")
        request_id = adopt_or_mint(incoming)
        reset = enter_request(scope, request_id)
        encoded = request_id.encode()
        start = time.perf_counter()
        status = 500

        async def edge_send(message: Any) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = with_request_id(message.get("headers", []), encoded)
            await send(message)

        try:
            if scope["path"] in self.open_paths or token_matches(presented, self.token):
                if workspace:
                    # Named by the gateway (the token proved it is the gateway): every line
                    # this request logs says whose it is.
                    structlog.contextvars.bind_contextvars(workspace_id=workspace[:64])
                await self.app(scope, receive, edge_send)
            else:
                await unauthorized()(scope, receive, edge_send)
        finally:
            try:
                self.metrics.record(scope, status, time.perf_counter() - start)
            finally:
                structlog.contextvars.unbind_contextvars("workspace_id")
                leave_request(reset)
