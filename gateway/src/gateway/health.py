"""``/healthz`` (the gateway process is up), ``/readyz`` (the gateway itself can serve) and
``/health/upstreams`` (every upstream says it is ready).

``/readyz`` is the gateway's own readiness: once its start-up is done it serves, whatever the
services behind it do (one service down is a 503 for that service's routes, fast, from the
gateway and its circuit breaker), so as a load balancer's readiness probe it never takes every
gateway replica out together. It says how the gateway's own database (API keys) stands, under
``api_keys``, without counting it: a gateway whose key database is down still serves every
token caller.

The services' state stays visible on its own: ``/health/upstreams`` asks all four services'
``/readyz`` at once with a short timeout (one hung service costs about a second), names each
one's state and answers 503 when any is not ready; a background probe does the same every
``GATEWAY_UPSTREAM_PROBE_S`` for Prometheus (``mediaops_gateway_upstream_ready``), and each
upstream's circuit breaker state is read at scrape time (``mediaops_gateway_breaker_state``).
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Iterator, Mapping
from pathlib import Path

import aiohttp
import structlog
from prometheus_client import REGISTRY, Gauge
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from starlette.requests import Request
from starlette.responses import JSONResponse

from gateway.state import GatewayState, gateway_state
from gateway.upstreams import Upstream, connect_failure_reason
from servicekit.migrations import current_revisions, head_revisions

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"
BREAKER_STATES = ("closed", "open", "half-open")

log = structlog.get_logger("gateway.health")

UPSTREAM_READY = Gauge(
    "mediaops_gateway_upstream_ready",
    "1 when the upstream's /readyz answered 200 at the gateway's last probe, else 0",
    ["upstream"],
)


class BreakerStates(Collector):
    """Each upstream's circuit breaker state, read when Prometheus scrapes (nothing per request):
    ``mediaops_gateway_breaker_state{upstream, state}`` is 1 for the current state."""

    def __init__(self) -> None:
        self.upstreams: Mapping[str, Upstream] = {}

    def collect(self) -> Iterator[GaugeMetricFamily]:
        family = GaugeMetricFamily(
            "mediaops_gateway_breaker_state",
            "The upstream's circuit breaker: 1 for its current state (closed, open, half-open)",
            labels=["upstream", "state"],
        )
        for name, upstream in self.upstreams.items():
            current = upstream.breaker.state
            for state in BREAKER_STATES:
                family.add_metric([name, state], 1.0 if state == current else 0.0)
        yield family


# One per process (the registry is): the gateway app that starts last is the one reported.
BREAKERS = BreakerStates()
REGISTRY.register(BREAKERS)


async def healthz(_: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    """Ready once started: the gateway's own state, not its upstreams'."""
    state = gateway_state(request.scope)
    return JSONResponse({"status": "ready", "api_keys": await _database_check(state)})


async def upstreams_health(request: Request) -> JSONResponse:
    state = gateway_state(request.scope)
    api_keys, checks = await asyncio.gather(_database_check(state), check_upstreams(state))
    ready = all(result == "ok" for result in checks.values())
    return JSONResponse(
        {"status": "ready" if ready else "not ready", "upstreams": checks, "api_keys": api_keys},
        status_code=200 if ready else 503,
    )


async def check_upstreams(state: GatewayState) -> dict[str, str]:
    """Every upstream's ``/readyz``, at once; also sets ``mediaops_gateway_upstream_ready``."""
    timeout = aiohttp.ClientTimeout(total=state["settings"].ready_timeout_s)
    upstreams = list(state["upstreams"].values())
    results = await asyncio.gather(
        *(_check(state["session"], upstream, timeout) for upstream in upstreams)
    )
    for upstream, result in zip(upstreams, results, strict=True):
        UPSTREAM_READY.labels(upstream=upstream.name).set(1.0 if result == "ok" else 0.0)
    return {upstream.name: result for upstream, result in zip(upstreams, results, strict=True)}


async def probing(state: GatewayState) -> None:
    """Check the upstreams every ``upstream_probe_s`` for the metrics, until cancelled."""
    every = state["settings"].upstream_probe_s
    while True:
        try:
            await check_upstreams(state)
        except Exception:  # never let the probe die: the next round tries again
            log.exception("upstream probe failed")
        await asyncio.sleep(every)


@functools.cache
def _heads() -> frozenset[str]:
    return head_revisions(MIGRATIONS_DIR)


async def _database_check(state: GatewayState) -> str:
    database = state["database"]
    if database is None:
        return "off: GATEWAY_DATABASE_URL is not set"
    try:
        async with (
            asyncio.timeout(state["settings"].ready_timeout_s),
            database.engine.connect() as conn,
        ):
            current = await current_revisions(conn)
    except Exception as exc:
        return f"unavailable: the database does not answer ({type(exc).__name__})"
    heads = _heads()
    if current != heads:
        return f"unavailable: migrations at {sorted(current) or 'nothing'}, head is {sorted(heads)}"
    return "ok"


async def _check(
    session: aiohttp.ClientSession, upstream: Upstream, timeout: aiohttp.ClientTimeout
) -> str:
    # Deliberately not through the circuit breaker: readiness reports the truth, and an
    # upstream that recovers shows as ready before the breaker's next trial.
    try:
        async with session.get(
            upstream.base_url + "/readyz", timeout=timeout, allow_redirects=False
        ) as response:
            if response.status == 200:
                return "ok"
            return f"not ready: HTTP {response.status}"
    except TimeoutError:
        return f"unreachable: no answer within {timeout.total:g} s"
    except aiohttp.ClientConnectorError as exc:
        return f"unreachable: {connect_failure_reason(exc)}"
    except aiohttp.ClientError as exc:
        return f"unreachable: {type(exc).__name__}"
