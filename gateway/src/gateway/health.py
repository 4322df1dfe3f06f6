"""``/healthz`` (the gateway process is up) and ``/readyz`` (every upstream says it is ready).

Readiness asks all four services' ``/readyz`` at once with a short timeout, so one hung service
costs about a second, and names each one's state so an operator sees which is down. It also says
how the gateway's own database (API keys) stands, under ``api_keys``, without counting it: a
gateway whose key database is down still serves every token caller, so it stays in service.
"""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

import aiohttp
from starlette.requests import Request
from starlette.responses import JSONResponse

from gateway.state import GatewayState, gateway_state
from gateway.upstreams import Upstream, as_raised, connect_failure_reason
from servicekit.migrations import current_revisions, head_revisions

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


async def healthz(_: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    state = gateway_state(request.scope)
    timeout = aiohttp.ClientTimeout(total=state["settings"].ready_timeout_s)
    upstreams = list(state["upstreams"].values())
    api_keys, *results = await asyncio.gather(
        _database_check(state),
        *(_check(state["session"], upstream, timeout) for upstream in upstreams),
    )
    checks = {upstream.name: result for upstream, result in zip(upstreams, results, strict=True)}
    ready = all(result == "ok" for result in results)
    return JSONResponse(
        {"status": "ready" if ready else "not ready", "upstreams": checks, "api_keys": api_keys},
        status_code=200 if ready else 503,
    )


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
        return f"unreachable: {type(as_raised(exc)).__name__}"
