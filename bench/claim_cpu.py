"""campaign-svc's CPU per claim and per redeem in process: its ASGI app called directly, no
server, no socket, against a real PostgreSQL.

What a claim or a redeem costs the application alone (FastAPI, servicekit's door and
idempotency record, the driver, pydantic, the access line): ``claims.py`` measures the same
requests through uvicorn (and the gateway), and the difference is the server's share.

    uv run --frozen --all-packages python bench/claim_cpu.py [--kind claim|redeem]
        [--requests 2000] [--rounds 3] [--profile FILE.pstats] >/dev/null

A scratch database on ``--server-url`` (migrated), a running campaign and a batch made through
a campaign-svc started for the purpose (``claims.serve``), then ``--tasks`` tasks (8; ``make
bench``'s loads keep 64 requests in flight) send the requests in process
(``bench/inprocess.py``), each with its own ``Idempotency-Key`` as ``make bench``'s loads do; a
redeem round first claims the codes it redeems, outside the CPU clock. Each round prints the
process's CPU time per request on stderr (the access lines, written as in production, go to
stdout). ``--profile`` adds a round under cProfile. Instructions per claim: run ``--kind claim
--rounds 1`` under ``valgrind --tool=callgrind`` with two values of ``--requests`` and divide
the difference of the totals by the difference of the requests (a redeem round's own claims
would count too).
Not run by the tests.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent))

from bench.claims import (  # noqa: E402
    CAMPAIGN_DIR,
    _create_database,
    _drop_database,
    _service_headers,
    _setup,
    serve,
)
from bench.inprocess import call, profiled  # noqa: E402
from servicekit.migrations import upgrade_head  # noqa: E402

WARMUP = 400


def _env(database_url: str) -> dict[str, str]:
    return {
        "MEDIAOPS_ENV": "development",
        "CAMPAIGN_DATABASE_URL": database_url,
        "CAMPAIGN_LOG_JSON": "true",
        # Only the request path is measured: no background loops competing for the process.
        "CAMPAIGN_RELAY_ENABLED": "false",
        "CAMPAIGN_JOBS_ENABLED": "false",
    }


async def _drive(args: argparse.Namespace, batch_id: str) -> None:
    from campaign_svc.main import create_app

    app = create_app()
    base_headers = [(k.lower().encode(), v.encode()) for k, v in _service_headers().items()]
    base_headers.append((b"host", b"bench"))
    claim_path = f"/v1/coupon-batches/{batch_id}/claims"
    serial = iter(range(10**9))

    async with app.router.lifespan_context(app) as state:

        async def post(path: str, body: dict[str, Any]) -> dict[str, Any]:
            headers = [*base_headers, (b"idempotency-key", uuid.uuid4().hex.encode())]
            data = json.dumps(body).encode()
            answer = await call(app, state, "POST", path, headers, body=data, expect=201)
            created: dict[str, Any] = json.loads(answer)
            return created

        async def claim() -> dict[str, Any]:
            return await post(claim_path, {"customer_id": f"c-{next(serial)}"})

        async def redeem(coupon: dict[str, Any]) -> dict[str, Any]:
            body = {
                "customer_id": coupon["customer_id"],
                "order_id": f"order-{coupon['code']}",
                "order_amount": 25900,
            }
            return await post(f"/v1/coupons/{coupon['code']}/redeem", body)

        tasks: int = args.tasks

        async def round_(requests: int) -> float:
            each = max(1, requests // tasks)
            coupons: list[list[dict[str, Any]]] = [[] for _ in range(tasks)]
            if args.kind == "redeem":
                await asyncio.gather(*(_claims(claim, each, coupons[t]) for t in range(tasks)))
            t0 = time.process_time()
            if args.kind == "claim":
                await asyncio.gather(*(_claims(claim, each, coupons[t]) for t in range(tasks)))
            else:
                await asyncio.gather(*(_redeems(redeem, coupons[t]) for t in range(tasks)))
            return (time.process_time() - t0) * 1000 / (each * tasks)

        await round_(WARMUP)  # caches, the pool, prepared statements
        for i in range(args.rounds):
            ms = await round_(args.requests)
            print(f"round {i + 1}: {ms:.3f} ms CPU per {args.kind}", file=sys.stderr)
        if args.profile:
            await profiled(round_(args.requests), args.profile)


Coupon = dict[str, Any]


async def _claims(claim: Callable[[], Awaitable[Coupon]], times: int, into: list[Coupon]) -> None:
    for _ in range(times):
        into.append(await claim())


async def _redeems(redeem: Callable[[Coupon], Awaitable[object]], coupons: list[Coupon]) -> None:
    for coupon in coupons:
        await redeem(coupon)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--server-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--kind", choices=("claim", "redeem"), default="claim")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--tasks", type=int, default=8, help="requests in flight at once")
    parser.add_argument("--profile", help="a cProfile round, written to this file")
    args = parser.parse_args()
    name = f"bench_claim_cpu_{os.getpid()}"
    database_url = asyncio.run(_create_database(args.server_url, name))
    try:
        upgrade_head(CAMPAIGN_DIR / "alembic.ini", database_url)
        env = _env(database_url)
        stock = WARMUP * 2 + (args.requests + args.tasks) * (args.rounds + 1) * 2
        with serve("campaign_svc.main:create_app", env) as (url, _pid, _log):
            batch = asyncio.run(_setup(url, stock, 1))
        os.environ.update(env)
        import uvloop

        uvloop.run(_drive(args, batch["id"]))
    finally:
        asyncio.run(_drop_database(args.server_url, name))


if __name__ == "__main__":
    main()
