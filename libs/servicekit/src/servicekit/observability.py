"""Prometheus ``/metrics`` and one access-log line per request, labelled by route template."""

from __future__ import annotations

import time
from typing import Any

import structlog
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match
from starlette.types import ASGIApp, Receive, Scope, Send

REQUESTS = Counter(
    "mediaops_http_requests_total",
    "HTTP requests served",
    ["service", "method", "route", "status"],
)
LATENCY = Histogram(
    "mediaops_http_request_duration_seconds",
    "HTTP request latency",
    ["service", "method", "route"],
)

access_log = structlog.get_logger("mediaops.access")


def _route_template(scope: Scope) -> str:
    """The path template of the route that served the request (``/v1/things/{thing_id}``),
    never the concrete path, so the label's cardinality stays bounded."""
    # The router records the route it chose; FastAPI keeps included routers nested, so
    # re-matching the app's top-level routes would find a router, not the route.
    route = scope.get("route")
    if route is None:  # refused before routing (401, 413): match the top-level routes
        for candidate in getattr(scope.get("app"), "routes", ()):
            if isinstance(getattr(candidate, "path", None), str):
                match, _ = candidate.matches(scope)
                if match == Match.FULL:
                    route = candidate
                    break
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else "unmatched"


class MetricsMiddleware:
    def __init__(self, app: ASGIApp, service: str) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def send_wrapper(message: Any) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            elapsed = time.perf_counter() - start
            route = _route_template(scope)
            method = scope["method"]
            REQUESTS.labels(self.service, method, route, str(status)).inc()
            LATENCY.labels(self.service, method, route).observe(elapsed)
            access_log.info(
                "request",
                method=method,
                path=scope["path"],
                status=status,
                duration_ms=round(elapsed * 1000, 2),
            )


async def metrics_endpoint(_: Request) -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
