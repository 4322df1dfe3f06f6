"""The edge of the gateway's request path: request id, metrics and access log, browser policy.

One pure-ASGI middleware doing what ``RequestIdMiddleware``, ``MetricsMiddleware`` and
``BrowserHeadersMiddleware`` do stacked in that order (outermost first), with the same answers,
headers, metrics and log lines: the gateway's counterpart of the services'
``servicekit.edge.ServiceEdgeMiddleware``, for the same reason. Each stacked layer was one more
coroutine frame every resumption of a proxied request passes through and one more ``send``
wrapper per message (the profile of a proxied claim, bench/RESULTS.md); this reads the
request's headers once for the request id and the browser's ``Origin`` and preflight headers,
and wraps ``send`` once.
"""

from __future__ import annotations

import time
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

from gateway.browser import BrowserPolicy, is_docs_page, preflight
from servicekit.observability import MetricsMiddleware, RouteLabel
from servicekit.requestid import adopt_or_mint, enter_request, leave_request, with_request_id

_REQUEST_ID = b"x-request-id"
_ORIGIN = b"origin"
_PREFLIGHT_METHOD = b"access-control-request-method"
_PREFLIGHT_HEADERS = b"access-control-request-headers"


class GatewayEdgeMiddleware:
    """Adopt or mint the request id (echoed, bound into the logs); count, time and log the
    request by ``route_label``; answer CORS preflights and add the browser policy's headers to
    every answer."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        service: str,
        route_label: RouteLabel,
        log_requests: bool,
        policy: BrowserPolicy,
    ) -> None:
        self.app = app
        self.metrics = MetricsMiddleware(
            app, service, route_label=route_label, log_requests=log_requests
        )
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming: str | None = None
        origin: bytes | None = None
        requested_method: bytes | None = None
        requested_headers: bytes | None = None
        for key, value in scope.get("headers", ()):
            # As the separate middlewares read them: the first X-Request-Id, the last Origin
            # and Access-Control-Request-* headers.
            if key == _REQUEST_ID:
                if incoming is None:
                    incoming = value.decode("latin-1")
            elif key == _ORIGIN:
                origin = value
            elif key == _PREFLIGHT_METHOD:
                requested_method = value
            elif key == _PREFLIGHT_HEADERS:
                requested_headers = value
        policy = self.policy
        if not (policy.origins or scope["method"] == "OPTIONS"):
            origin = None  # no browser policy to apply: answered as without an Origin
        request_id = adopt_or_mint(incoming)
        reset = enter_request(scope, request_id)
        encoded = request_id.encode()
        docs = is_docs_page(scope["path"])
        start = time.perf_counter()
        status = 500

        async def edge_send(message: Any) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = policy.answer_headers(message.get("headers", ()), origin, docs=docs)
                message["headers"] = with_request_id(headers, encoded)
            await send(message)

        async def preflight_send(message: Any) -> None:
            # A preflight's answer carries the policy's headers already (``preflight``).
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = with_request_id(message.get("headers", []), encoded)
            await send(message)

        try:
            if scope["method"] == "OPTIONS" and origin is not None and requested_method:
                await preflight(policy, preflight_send, origin, requested_method, requested_headers)
            else:
                await self.app(scope, receive, edge_send)
        finally:
            try:
                self.metrics.record(scope, status, time.perf_counter() - start)
            finally:
                leave_request(reset)
