"""Prometheus ``/metrics`` and one access-log line per request, labelled by a bounded route:
a service's route template, the gateway's resource (one middleware serves both)."""

from __future__ import annotations

import time
from collections.abc import Callable

import structlog
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

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


def route_template(scope: Scope) -> str:
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


# Any other method a client sends is counted as OTHER: the label set stays bounded by what the
# server serves, not by what clients make up.
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

RouteLabel = Callable[[Scope], str]
"""How a request is labelled in the metrics, from its ASGI scope once it has been answered."""


class MetricsMiddleware:
    """Count and time every HTTP request by method, route and status, and log one access line.

    A service labels a request by the route template that served it (``route_template``); the
    gateway, whose one catch-all route would say nothing, passes its own ``route_label`` (the
    resource). Either way the labels are bounded, so the labelled children are kept once made:
    this runs on every request, the gateway's proxied ones included.
    """

    def __init__(
        self,
        app: ASGIApp,
        service: str,
        *,
        route_label: RouteLabel = route_template,
        log_requests: bool = True,
    ) -> None:
        self.app = app
        self.service = service
        self.route_label = route_label
        self.log_requests = log_requests
        self._children: dict[tuple[str, str, int], tuple[Counter, Histogram]] = {}

    def _observe(self, method: str, route: str, status: int, elapsed: float) -> None:
        key = (method, route, status)
        children = self._children.get(key)
        if children is None:
            children = (
                REQUESTS.labels(self.service, method, route, str(status)),
                LATENCY.labels(self.service, method, route),
            )
            self._children[key] = children
        children[0].inc()
        children[1].observe(elapsed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def send_with_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_with_status)
        finally:
            self.record(scope, status, time.perf_counter() - start)

    def record(self, scope: Scope, status: int, elapsed: float) -> None:
        """Count and time one answered request and log its access line."""
        method: str = scope["method"]
        self._observe(
            method if method in _METHODS else "OTHER",
            self.route_label(scope),
            status,
            elapsed,
        )
        if self.log_requests:
            access_log.info(
                "request",
                method=method,
                path=scope["path"],
                status=status,
                duration_ms=round(elapsed * 1000, 2),
            )


async def metrics_endpoint(_: Request) -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
