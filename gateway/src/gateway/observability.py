"""The gateway's metrics label: the resource a request is for.

servicekit's ``MetricsMiddleware`` counts and times every request and writes the access log;
by default it labels a request by its route template, which for the gateway is one catch-all
(``/v1/{path:path}``). Here the label is the resource (``/v1/posts``), so the front door shows
latency and errors per resource, and the label set stays bounded by the route table. The
metrics are servicekit's own, so ``/metrics`` looks the same as a service's.
"""

from __future__ import annotations

from starlette.types import Scope

from gateway.docs import ASSETS_PREFIX
from gateway.routes import JOBS, PUBLIC, RESOURCES, resource_of

_OWN_ROUTES = frozenset(
    {
        "/healthz",
        "/readyz",
        "/health/upstreams",
        "/metrics",
        "/v1/dashboard",
        "/openapi.json",
        "/docs",
        "/redoc",
    }
)


# The gateway's own resource with ids under it (``apikeys``): labelled by the resource.
_API_KEYS = "/v1/api-keys"


def route_label(path: str) -> str:
    if path in _OWN_ROUTES:
        return path
    if path.startswith(ASSETS_PREFIX + "/"):
        return ASSETS_PREFIX
    if path == _API_KEYS or path.startswith(_API_KEYS + "/"):
        return _API_KEYS
    resource = resource_of(path)
    known = resource in RESOURCES or resource == JOBS or resource in PUBLIC
    return f"/v1/{resource}" if known else "unmatched"


def resource_label(scope: Scope) -> str:
    """``route_label`` of the request's path, as ``MetricsMiddleware`` asks for it."""
    return route_label(scope["path"])
