"""Prometheus metrics and one access-log line per request, labelled by resource.

servicekit's ``MetricsMiddleware`` labels a request by its route template, which for the gateway
is one catch-all (``/v1/{path:path}``); here the label is the resource (``/v1/posts``), so the
front door shows latency and errors per resource. The label set is bounded by the route table,
and the labelled children are cached because this runs on every proxied request. The metrics
are servicekit's own, so ``/metrics`` looks the same as a service's.
"""

from __future__ import annotations

import time
from typing import Any

import structlog
from prometheus_client import Counter, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.routes import RESOURCES, resource_of
from servicekit.observability import LATENCY, REQUESTS

access_log = structlog.get_logger("mediaops.access")

_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
_OWN_ROUTES = frozenset({"/healthz", "/readyz", "/metrics"})


def route_label(path: str) -> str:
    if path in _OWN_ROUTES:
        return path
    resource = resource_of(path)
    return f"/v1/{resource}" if resource in RESOURCES else "unmatched"


class AccessMiddleware:
    def __init__(self, app: ASGIApp, service: str, *, log_requests: bool = True) -> None:
        self.app = app
        self.service = service
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
            elapsed = time.perf_counter() - start
            method: str = scope["method"]
            path: str = scope["path"]
            self._observe(
                method if method in _METHODS else "OTHER", route_label(path), status, elapsed
            )
            if self.log_requests:
                fields: dict[str, Any] = {
                    "method": method,
                    "path": path,
                    "status": status,
                    "duration_ms": round(elapsed * 1000, 2),
                }
                access_log.info("request", **fields)
