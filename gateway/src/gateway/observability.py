"""The gateway's metrics label: the resource a request is for.

servicekit's ``MetricsMiddleware`` counts and times every request and writes the access log;
by default it labels a request by its route template, which for the gateway is one catch-all
(``/v1/{path:path}``). Here the label is the resource (``/v1/posts``), so the front door shows
latency and errors per resource, and the label set stays bounded by the route table. The
metrics are servicekit's own, so ``/metrics`` looks the same as a service's.
"""

from __future__ import annotations

import os

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest, multiprocess
from starlette.requests import Request
from starlette.responses import Response
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


async def metrics_endpoint(_: Request) -> Response:
    """``/metrics`` of every worker process at once when ``PROMETHEUS_MULTIPROC_DIR`` is set.

    With several worker processes (``WEB_CONCURRENCY``) each keeps its own counters, and a
    scrape reaches whichever process accepts it. prometheus-client's multiprocess mode (the
    directory set before the processes start, emptied at each start: scripts/run, the image)
    has every process write its values there, and this sums them. Without the directory it is
    the one process's registry, as servicekit's endpoint answers.
    """
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
