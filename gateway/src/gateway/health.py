"""``/healthz`` (the gateway process is up) and ``/readyz`` (every upstream says it is ready).

Readiness asks all four services' ``/readyz`` at once with a short timeout, so one hung service
costs about a second, and names each one's state so an operator sees which is down.
"""

from __future__ import annotations

import asyncio

import aiohttp
from starlette.requests import Request
from starlette.responses import JSONResponse

from gateway.state import gateway_state
from gateway.upstreams import Upstream, as_raised, connect_failure_reason


async def healthz(_: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    state = gateway_state(request.scope)
    timeout = aiohttp.ClientTimeout(total=state["settings"].ready_timeout_s)
    upstreams = list(state["upstreams"].values())
    results = await asyncio.gather(
        *(_check(state["session"], upstream, timeout) for upstream in upstreams)
    )
    checks = {upstream.name: result for upstream, result in zip(upstreams, results, strict=True)}
    ready = all(result == "ok" for result in results)
    return JSONResponse(
        {"status": "ready" if ready else "not ready", "upstreams": checks},
        status_code=200 if ready else 503,
    )


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
