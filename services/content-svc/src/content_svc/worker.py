"""The publisher worker: ``python -m content_svc.worker``.

Until publications exist (the content issue), the worker only proves it runs under ``make run``
and stops cleanly: it checks the database is reachable, then idles on a poll loop until SIGINT
or SIGTERM.
"""

from __future__ import annotations

import asyncio
import signal

import structlog
from sqlalchemy import text

from content_svc.config import Settings
from servicekit.db import Database
from servicekit.logging import configure_logging

log = structlog.get_logger("content_svc.worker")


async def run(settings: Settings, stop: asyncio.Event, poll_interval_s: float = 1.0) -> int:
    """Poll until ``stop`` is set; return how many polls ran."""
    database = Database(settings.resolved_database_url(), pool_size=2, application_name="worker")
    polls = 0
    try:
        async with database.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
        log.info("publisher worker started", poll_interval_s=poll_interval_s)
        while not stop.is_set():
            polls += 1
            try:
                await asyncio.wait_for(stop.wait(), timeout=poll_interval_s)
            except TimeoutError:
                pass
    finally:
        await database.dispose()
        log.info("publisher worker stopped", polls=polls)
    return polls


async def _main() -> None:
    settings = Settings()
    configure_logging(settings.log_level, json=settings.log_json, service="content-worker")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await run(settings, stop)


if __name__ == "__main__":
    asyncio.run(_main())
