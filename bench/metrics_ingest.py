"""metrics-svc ingestion and query benchmark.

Starts metrics-svc for real (uvicorn, one process, a free port) on a fresh database of the
given PostgreSQL server, then, chunk by chunk over the same generated events:

  (a) raw: asyncpg ``copy_records_to_table`` into a plain table (no index, no key), batches of
      ``--batch`` events over ``--clients`` connections at once;
  (b) endpoint: ``POST /v1/events`` with the same batches, ``--clients`` concurrent clients
      (validation, de-duplication and the inbox append: what a batch costs until it is
      acknowledged), while the service folds them into the event table and rollups;
  (c) the same, until the fold has caught up too (the wait after each chunk until the inbox
      is empty is added to (b)'s time).

Both are timed by the wall clock of each chunk, interleaved, so both see the same background
load on a shared machine; only the COPY / the HTTP calls are inside the timers (event
generation and JSON encoding are done before). Then it measures medians of series, target,
funnel and retention queries over those events.

    uv run --frozen --all-packages python bench/metrics_ingest.py --events 1000000
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import asyncpg

from servicekit.migrations import upgrade_head
from servicekit.settings import DEV_INTERNAL_TOKEN

ROOT = Path(__file__).resolve().parents[1]
SERVICE_DIR = ROOT / "services" / "metrics-svc"
WORKSPACE = "bench-ws"

# Shares of each type in the generated traffic (a plausible content + commerce mix).
TYPE_MIX = [
    ("impression", 40),
    ("view", 25),
    ("read", 9),
    ("click", 8),
    ("like", 5),
    ("favorite", 2),
    ("comment", 1),
    ("share", 2),
    ("follow", 1),
    ("purchase", 2),
    ("register", 1),
    ("lead", 1),
    ("message", 1.5),
    ("join_group", 0.5),
    ("referral_accept", 0.5),
    ("coupon_redeem", 0.5),
]
COLUMNS = (
    "workspace_id",
    "id",
    "type",
    "occurred_at",
    "received_at",
    "actor_id",
    "channel_id",
    "post_id",
    "publication_id",
    "campaign_id",
    "group_id",
    "value",
    "props",
)


def add_server_url_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--server-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
        ),
        help="an admin URL of the PostgreSQL server to create the scratch database on",
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def generate(
    chunk: int, size: int, now: datetime, days: int, offset: int = 0, total: int = 0
) -> list[dict[str, Any]]:
    """``size`` events, deterministic per chunk: 20 channels, 200 posts (10 per channel),
    10 campaigns on 30% of events, 20 groups on group events, 50,000 actors, ``days`` days.

    Events arrive roughly in time order, as a relay ships them: event ``offset + j`` of
    ``total`` happens at its share of the ``days`` span, within half an hour either way, and 2%
    arrive late (up to 7 days after they happened). With ``total`` 0 times are uniform."""
    rng = random.Random(chunk)
    types = [t for t, _ in TYPE_MIX]
    weights = [w for _, w in TYPE_MIX]
    chosen = rng.choices(types, weights, k=size)
    span = days * 86400
    events = []
    start = now - timedelta(seconds=span)
    for j, type_ in enumerate(chosen):
        if total:
            at = start + timedelta(seconds=span * (offset + j) / total + rng.uniform(-1800, 1800))
            if rng.random() < 0.02:
                at -= timedelta(seconds=rng.uniform(0, 7 * 86400))
            at = min(max(at, start), now)
        else:
            at = now - timedelta(seconds=rng.randrange(span))
        post = rng.randrange(200)
        actor = f"u{rng.randrange(50_000)}"
        event: dict[str, Any] = {
            "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "type": type_,
            "occurred_at": at.isoformat(),
            "actor_id": actor,
            "channel_id": f"ch-{post // 10}",
            "post_id": f"post-{post}",
        }
        if rng.random() < 0.3:
            event["campaign_id"] = f"camp-{rng.randrange(10)}"
        if type_ in ("message", "join_group"):
            event["group_id"] = f"grp-{rng.randrange(20)}"
        if type_ == "read":
            event["value"] = rng.randrange(5, 600)
        elif type_ == "purchase":
            event["value"] = rng.randrange(100, 50_000) / 100
        elif type_ == "referral_accept":
            event["props"] = {"referrer_id": f"u{rng.randrange(2_000)}"}
        events.append(event)
    return events


def to_record(e: dict[str, Any], received_at: datetime) -> tuple[Any, ...]:
    return (
        WORKSPACE,
        uuid.UUID(e["id"]),
        e["type"],
        datetime.fromisoformat(e["occurred_at"]),
        received_at,
        e.get("actor_id"),
        e.get("channel_id"),
        e.get("post_id"),
        e.get("publication_id"),
        e.get("campaign_id"),
        e.get("group_id"),
        e.get("value"),
        json.dumps(e["props"]) if "props" in e else None,
    )


async def run_concurrently(jobs: list[Callable[[], Awaitable[None]]], clients: int) -> float:
    """Run ``jobs`` over ``clients`` workers; the wall-clock seconds it took."""
    queue = list(reversed(jobs))

    async def worker() -> None:
        while queue:
            await queue.pop()()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(clients)))
    return time.perf_counter() - started


def start_service(database_url: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "METRICS_DATABASE_URL": database_url,
        "METRICS_LOG_LEVEL": "WARNING",
        "METRICS_DB_POOL_SIZE": "10",
        # The bench calls with the development internal token (DEV_INTERNAL_TOKEN), which the
        # service accepts in development mode only.
        "MEDIAOPS_ENV": "development",
    }
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "metrics_svc.main:create_app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        "1",
        "--no-access-log",
        "--log-level",
        "warning",
    ]
    out = log.open("wb")
    return subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)


async def wait_ready(base: str) -> None:
    async with aiohttp.ClientSession() as session:
        for _ in range(300):
            try:
                async with session.get(f"{base}/readyz") as r:
                    if r.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError("metrics-svc did not become ready")


async def wait_folded(pool: asyncpg.Pool) -> float:
    """Seconds until the service's background fold has emptied the inbox."""
    started = time.perf_counter()
    while await pool.fetchval("SELECT EXISTS (SELECT 1 FROM event_inbox)"):
        await asyncio.sleep(0.01)
    return time.perf_counter() - started


async def median_ms(
    session: aiohttp.ClientSession, method: str, url: str, body: Any, runs: int
) -> tuple[float, Any]:
    times = []
    answer: Any = None
    for _ in range(runs):
        started = time.perf_counter()
        async with session.request(method, url, json=body) as r:
            answer = await r.json()
            if r.status >= 300:
                raise RuntimeError(f"{method} {url}: {r.status} {answer}")
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), answer


async def create_scratch_database(server_url: str, prefix: str) -> tuple[str, str]:
    """A new database on the server at ``server_url``: its name and its URL."""
    admin = await asyncpg.connect(server_url)
    db_name = f"{prefix}_{os.getpid()}"
    await admin.execute(f'CREATE DATABASE "{db_name}"')
    await admin.close()
    return db_name, server_url.rsplit("/", 1)[0] + f"/{db_name}"


async def drop_scratch_database(server_url: str, db_name: str) -> None:
    admin = await asyncpg.connect(server_url)
    await admin.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
    await admin.close()


async def main(args: argparse.Namespace) -> None:
    db_name, database_url = await create_scratch_database(args.server_url, "bench_metrics")
    proc: subprocess.Popen[bytes] | None = None
    try:
        await asyncio.to_thread(upgrade_head, SERVICE_DIR / "alembic.ini", database_url)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        proc = start_service(database_url, port, Path(args.log))
        await wait_ready(base)

        pool = await asyncpg.create_pool(database_url, min_size=args.clients, max_size=args.clients)
        cols = ", ".join(
            f"{c} {t}"
            for c, t in zip(
                COLUMNS,
                (
                    "varchar(64)",
                    "uuid",
                    "varchar(64)",
                    "timestamptz",
                    "timestamptz",
                    "varchar(128)",
                    "varchar(64)",
                    "varchar(64)",
                    "varchar(64)",
                    "varchar(64)",
                    "varchar(64)",
                    "double precision",
                    "jsonb",
                ),
                strict=True,
            )
        )
        await pool.execute(f"CREATE TABLE raw_event ({cols})")

        headers = {
            "X-Internal-Token": DEV_INTERNAL_TOKEN,
            "X-Workspace-Id": WORKSPACE,
            "X-Scopes": "metrics:read metrics:write",
            "Content-Type": "application/json",
        }
        # Idle between chunks (raw COPY, the wait for the fold), a kept-alive connection would
        # outlive uvicorn's 5 s keep-alive and be closed under the next request: let the client
        # drop idle connections first.
        connector = aiohttp.TCPConnector(limit=args.clients, keepalive_timeout=2.0)
        now = datetime.now(UTC) - timedelta(minutes=10)
        raw_s = http_s = fold_s = 0.0
        accepted = 0
        done = 0
        async with aiohttp.ClientSession(
            base_url=base, headers=headers, connector=connector
        ) as http:
            chunk = 0
            while done < args.events:
                size = min(args.chunk, args.events - done)
                events = generate(chunk, size, now, args.days, done, args.events)
                received_at = datetime.now(UTC)
                batches = [events[i : i + args.batch] for i in range(0, size, args.batch)]
                records = [[to_record(e, received_at) for e in b] for b in batches]
                bodies = [json.dumps(b).encode() for b in batches]

                def copy_job(recs: list[tuple[Any, ...]]) -> Callable[[], Awaitable[None]]:
                    async def job() -> None:
                        async with pool.acquire() as conn:
                            await conn.copy_records_to_table(
                                "raw_event", records=recs, columns=COLUMNS
                            )

                    return job

                def post_job(body: bytes) -> Callable[[], Awaitable[None]]:
                    async def job() -> None:
                        nonlocal accepted
                        async with http.post("/v1/events", data=body) as r:
                            answer = await r.json()
                            if r.status != 200:
                                raise RuntimeError(f"POST /v1/events: {r.status} {answer}")
                            accepted += answer["accepted"]

                    return job

                raw_s += await run_concurrently([copy_job(r) for r in records], args.clients)
                http_s += await run_concurrently([post_job(b) for b in bodies], args.clients)
                # The service folds acknowledged events into the rollups in the background
                # while the chunk is sent; what is left when the last answer arrives is waited
                # for here (and timed), so the next raw chunk never shares the cores with it.
                fold_s += await wait_folded(pool)
                done += size
                chunk += 1
                print(
                    f"{done:>9,} events  raw {done / raw_s:>9,.0f}/s  "
                    f"endpoint {done / http_s:>8,.0f}/s  ratio {raw_s / http_s:.0%}  "
                    f"folded {done / (http_s + fold_s):>8,.0f}/s  "
                    f"ratio {raw_s / (http_s + fold_s):.0%}",
                    flush=True,
                )
            assert accepted == args.events, (accepted, args.events)
            raw_rate, http_rate = args.events / raw_s, args.events / http_s
            folded_rate = args.events / (http_s + fold_s)

            # -- queries over those events --------------------------------------------------
            # What autovacuum does shortly after a bulk load anyway: statistics for the planner
            # and the visibility map that lets funnels and retention scan indexes only.
            async with pool.acquire() as conn:
                await conn.execute("VACUUM (ANALYZE)")
            day = (now - timedelta(days=args.days)).date().isoformat()
            end = (now + timedelta(days=1)).date().isoformat()
            frm = (now - timedelta(days=args.days)).isoformat()
            to = (now + timedelta(minutes=1)).isoformat()
            queries: list[tuple[str, str, str, Any]] = [
                (
                    "series: ctr by day, Asia/Shanghai",
                    "GET",
                    f"/v1/metrics/ctr?from={day}&to={end}&tz=Asia/Shanghai",
                    None,
                ),
                (
                    "series: views by day for one channel",
                    "GET",
                    f"/v1/metrics/views?from={day}&to={end}&channel_id=ch-3",
                    None,
                ),
                (
                    "series: clicks by week, group_by channel_id",
                    "GET",
                    f"/v1/metrics/clicks?from={day}&to={end}&interval=week&group_by=channel_id",
                    None,
                ),
                (
                    "series: repurchase_rate by day (distinct actors)",
                    "GET",
                    f"/v1/metrics/repurchase_rate?from={day}&to={end}",
                    None,
                ),
                (
                    "series: avg_dwell_seconds by day for one post",
                    "GET",
                    f"/v1/metrics/avg_dwell_seconds?from={day}&to={end}&post_id=post-42",
                    None,
                ),
            ]
            async with http.post(
                "/v1/targets",
                json={
                    "metric": "clicks",
                    "filters": {"channel_id": "ch-3"},
                    "period_start": frm,
                    "period_end": (now + timedelta(days=2)).isoformat(),
                    "target_value": 10_000,
                },
            ) as r:
                target = await r.json()
            async with http.post(
                "/v1/targets",
                json={
                    "metric": "purchase_conversion_rate",
                    "period_start": frm,
                    "period_end": (now + timedelta(days=2)).isoformat(),
                    "target_value": 0.05,
                },
            ) as r:
                ratio_target = await r.json()
            queries += [
                ("target: clicks for one channel", "GET", f"/v1/targets/{target['id']}", None),
                (
                    "target: purchase_conversion_rate (distinct actors)",
                    "GET",
                    f"/v1/targets/{ratio_target['id']}",
                    None,
                ),
                ("targets: list ?status=at_risk", "GET", "/v1/targets?status=at_risk", None),
                (
                    "funnel: impression > view > click > purchase, 7-day window",
                    "POST",
                    "/v1/funnels/query",
                    {
                        "steps": [{"type": t} for t in ("impression", "view", "click", "purchase")],
                        "from": frm,
                        "to": to,
                        "window_seconds": 7 * 86400,
                    },
                ),
                (
                    "retention: view > click, weekly x 4, Asia/Shanghai",
                    "POST",
                    "/v1/retention/query",
                    {
                        "cohort_event": "view",
                        "return_event": "click",
                        "from": frm,
                        "to": to,
                        "period": "week",
                        "periods": 4,
                        "tz": "Asia/Shanghai",
                    },
                ),
                (
                    "best times for one channel",
                    "GET",
                    "/v1/insights/best-times?channel_id=ch-3&tz=Asia/Shanghai",
                    None,
                ),
            ]
            results = []
            for label, method, url, body in queries:
                ms, _ = await median_ms(http, method, url, body, args.runs)
                results.append((label, ms))
                print(f"{ms:>9.1f} ms  {label}", flush=True)
        async with pool.acquire() as conn:
            sizes = await conn.fetch(
                "SELECT relname, n_live_tup FROM pg_stat_user_tables "
                "WHERE relname IN ('event_hourly', 'actor_hourly', 'event_dedup', 'raw_event')"
            )
        await pool.close()

        print()
        print(
            f"- Events: {args.events:,} in batches of {args.batch:,}, {args.clients} concurrent "
            f"clients/connections, over {args.days} days; {platform.python_version()}, "
            f"{os.cpu_count()} cores; measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC."
        )
        print()
        print("| path | events/s | seconds |")
        print("|---|---:|---:|")
        print(f"| (a) raw copy_records_to_table, plain table | {raw_rate:,.0f} | {raw_s:.1f} |")
        print(f"| (b) POST /v1/events, acknowledged | {http_rate:,.0f} | {http_s:.1f} |")
        print(
            f"| (c) POST /v1/events, acknowledged and folded into the rollups | "
            f"{folded_rate:,.0f} | {http_s + fold_s:.1f} |"
        )
        print(f"| ratio (b)/(a) | {http_rate / raw_rate:.0%} | |")
        print(f"| ratio (c)/(a) | {folded_rate / raw_rate:.0%} | |")
        print()
        print(f"| query ({args.runs} runs) | median ms |")
        print("|---|---:|")
        for label, ms in results:
            print(f"| {label} | {ms:.1f} |")
        print()
        print("Row counts: " + ", ".join(f"{r['relname']} {r['n_live_tup']:,}" for r in sizes))
    finally:
        if proc is not None:
            if proc.poll() is not None:
                print(f"metrics-svc exited early with code {proc.returncode}; see {args.log}")
            proc.terminate()
            proc.wait(timeout=20)
        if not args.keep:
            await drop_scratch_database(args.server_url, db_name)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--chunk", type=int, default=50_000, help="events generated per round")
    parser.add_argument("--days", type=int, default=28, help="spread of occurred_at")
    parser.add_argument("--runs", type=int, default=15, help="runs per query (median)")
    add_server_url_argument(parser)
    parser.add_argument("--log", default="/tmp/metrics-bench-service.log")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    asyncio.run(main(parser.parse_args()))
