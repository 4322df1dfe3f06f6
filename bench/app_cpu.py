"""content-svc's CPU per request in process: its ASGI app called directly, no server, no socket.

What a read costs the application alone (FastAPI, servicekit, SQLAlchemy or the driver,
pydantic, the access line), against a real PostgreSQL: ``hot_reads.py`` measures the same
requests through uvicorn, and the difference is the server's and the socket's share.

    uv run --frozen --all-packages python bench/app_cpu.py [--path /v1/channels/{id}]
        [--query limit=3] [--requests 4000] [--rounds 3] [--profile FILE.pstats] >/dev/null

A fresh database on 127.0.0.1:5432 (``--server``), migrated and seeded by a content-svc
started for the purpose (``hot_reads.content_svc``), then eight tasks send the requests; each
round prints the process's CPU time per request on stderr (the app's access lines, written as
in production, go to stdout). ``--profile`` adds a round under cProfile and
writes its statistics (cProfile inflates call-heavy code: read its shares, not its times).
Not run by the tests.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.hot_reads import (  # noqa: E402
    HEADERS,
    content_env,
    content_svc,
    fresh_database,
    seed,
)
from bench.inprocess import call, profiled  # noqa: E402

TASKS = 8


async def _drive(args: argparse.Namespace, ids: list[str]) -> None:
    from content_svc.main import create_app

    app = create_app()
    path = args.path.replace("{id}", ids[0])
    headers = [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]
    headers.append((b"host", b"bench"))

    async with app.router.lifespan_context(app) as state:

        async def one() -> None:
            await call(app, state, "GET", path, headers, query=args.query.encode())

        async def rounds(requests: int) -> float:
            each = max(1, requests // TASKS)
            t0 = time.process_time()
            await asyncio.gather(*(_repeat(one, each) for _ in range(TASKS)))
            return (time.process_time() - t0) * 1000 / (each * TASKS)

        await rounds(400)  # warm-up: caches, pool
        for i in range(args.rounds):
            print(
                f"round {i + 1}: {await rounds(args.requests):.3f} ms CPU per request",
                file=sys.stderr,
            )
        if args.profile:
            await profiled(rounds(args.requests), args.profile)


async def _repeat(call: Any, times: int) -> None:
    for _ in range(times):
        await call()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--server", default="postgresql://postgres@127.0.0.1:5432")
    parser.add_argument("--path", default="/v1/channels", help="{id}: a seeded channel's id")
    parser.add_argument("--query", default="limit=3")
    parser.add_argument("--requests", type=int, default=4000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", help="a cProfile round, written to this file")
    args = parser.parse_args()
    with fresh_database(args.server) as database_url:
        with content_svc(database_url) as (url, _pid):
            ids = seed(url)
        os.environ.update(content_env(database_url))
        import uvloop

        uvloop.run(_drive(args, ids))


if __name__ == "__main__":
    main()
