"""``/healthz`` (the process is up) and ``/readyz`` (database reachable, and its schema one this
code runs on: at head, or newer by additive revisions only — see ``servicekit.migrations``)."""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from servicekit.db import Database
from servicekit.migrations import current_revisions, schema_serves

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
            # A rolling upgrade: the database moved on by revisions that only add, which this
            # (older) code still runs on.
            served = current != heads and await schema_serves(conn, heads)
        checks["database"] = "ok"
        if current == heads or served:
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
