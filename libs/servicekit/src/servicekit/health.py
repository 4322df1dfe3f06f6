"""``/healthz`` (the process is up) and ``/readyz`` (database reachable, migrations at head)."""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from servicekit.db import Database
from servicekit.migrations import current_revisions

READY_TIMEOUT_S = 2.0


async def healthz(_: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    database: Database = request.state.database
    heads: frozenset[str] = request.state.migration_heads
    checks: dict[str, Any] = {}
    try:
        async with asyncio.timeout(READY_TIMEOUT_S), database.engine.connect() as conn:
            current = await current_revisions(conn)
        checks["database"] = "ok"
        if current == heads:
            checks["migrations"] = "ok"
        else:
            checks["migrations"] = (
                f"at {sorted(current) or 'nothing'}, head is {sorted(heads)}: run the migrations"
            )
    except Exception as exc:
        checks["database"] = f"unreachable: {type(exc).__name__}"
        checks["migrations"] = "unknown"
    ready = all(v == "ok" for v in checks.values())
    return JSONResponse(
        {"status": "ready" if ready else "not ready", "checks": checks},
        status_code=200 if ready else 503,
    )
