"""Outbox relay benchmark: what delivering a service's outbox to metrics-svc costs.

Starts metrics-svc for real (uvicorn, one process, a free port) on a fresh database and makes a
second fresh database with campaign-svc's migrations at head. Each round fills campaign-svc's
``outbox_event`` table with ``--events`` ``coupon.claimed`` rows (``servicekit.outbox.
record_events``, a COPY per 25 rows, the workspaces taking turns as claims arrive from several
tenants at once; realistic payloads: customer, campaign, coupon, batch and, on 60% of them, the
source publication, channel, post and tracking code), then measures, the order of (a) and (b)
flipped every round:

  (a) relay: ``servicekit.relay.OutboxRelay`` in this process, campaign-svc's settings and
      ``METRICS_EVENT_TYPES`` (batch size ``relay_batch_size``, default 1000), pass after pass
      until one claims nothing: every row delivered, acknowledged by metrics-svc and marked;
  (b) raw: the same events (same payloads, fresh ids so none is a duplicate) POSTed straight to
      ``/v1/events`` in batches of 1,000 per workspace by one httpx client, one after another
      (bodies encoded before the timer; no outbox read or mark);
  (c) the relay's database work alone: a fresh fill drained by the relay's own claim
      (``SELECT … FOR UPDATE SKIP LOCKED``) and mark (``UPDATE``) in one transaction per pass,
      nothing sent; milliseconds per pass.

(a) and (b) are timed until the last acknowledgement; the wait after each until metrics-svc's
background fold has emptied its inbox is timed too and reported as "acknowledged and folded".
Before each fill the outbox is truncated and analyzed afterwards, so every round starts alike.
``--profile`` adds one more (a) under pyinstrument and prints where the time went.

    uv run --frozen --all-packages python bench/outbox_relay.py --events 50000 --rounds 5

Not run by the tests.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import statistics
import string
import subprocess
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx

# The relay's settings refuse the development internal token outside development mode; the
# bench's metrics-svc runs in development mode too (start_service).
os.environ.setdefault("MEDIAOPS_ENV", "development")

from metrics_ingest import (
    SERVICE_DIR as METRICS_DIR,
)
from metrics_ingest import (
    add_server_url_argument,
    create_scratch_database,
    drop_scratch_database,
    free_port,
    start_service,
    wait_folded,
    wait_ready,
)
from sqlalchemy import text

from campaign_svc.config import Settings
from campaign_svc.events import METRICS_EVENT_TYPES, DomainEvent
from campaign_svc.models import OutboxEvent
from servicekit.db import Database
from servicekit.migrations import upgrade_head
from servicekit.outbox import record_events
from servicekit.relay import (
    EVENTS_PATH,
    FAILURES,
    MAX_EVENTS_PER_REQUEST,
    WRITE_SCOPE,
    OutboxRelay,
    _Outcome,
    metrics_event,
)
from servicekit.settings import DEV_INTERNAL_TOKEN

CAMPAIGN_DIR = Path(__file__).resolve().parents[1] / "services" / "campaign-svc"
# Rows per record_events call: the workspaces take turns every this many claims.
FILL_CHUNK = 25


@dataclass
class Chunk:
    workspace_id: str
    occurred_at: datetime
    payloads: list[dict[str, Any]]


def generate(seed: int, events: int, workspaces: int, now: datetime) -> list[Chunk]:
    """``events`` coupon claims in chunks of FILL_CHUNK, the workspaces in turn; each workspace
    has 2 campaigns of 2 coupon batches and 30 publications, 200,000 customers in all."""
    rng = random.Random(seed)
    tenants = []
    for w in range(workspaces):
        campaigns = [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(2)]
        batches = [
            (c, str(uuid.UUID(int=rng.getrandbits(128), version=4)))
            for c in campaigns
            for _ in "ab"
        ]
        publications = [
            {
                "tracking_code": "".join(rng.choices(string.ascii_lowercase + string.digits, k=8)),
                "publication_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "channel_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "post_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            }
            for _ in range(30)
        ]
        tenants.append((f"bench-ws-{w}", batches, publications))
    chunks = []
    for start in range(0, events, FILL_CHUNK):
        workspace_id, batches, publications = tenants[(start // FILL_CHUNK) % workspaces]
        payloads = []
        for _ in range(min(FILL_CHUNK, events - start)):
            campaign_id, batch_id = rng.choice(batches)
            payload: dict[str, Any] = {
                "actor_id": f"cust-{rng.randrange(200_000)}",
                "campaign_id": campaign_id,
                "coupon_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "batch_id": batch_id,
            }
            if rng.random() < 0.6:
                payload |= rng.choice(publications)
            payloads.append(payload)
        at = now - timedelta(seconds=(events - start) * 0.05)
        chunks.append(Chunk(workspace_id, at, payloads))
    return chunks


async def fill(database: Database, chunks: Sequence[Chunk]) -> None:
    """An empty outbox, then the chunks recorded as campaign-svc records them, analyzed."""
    async with database.sessionmaker() as session, session.begin():
        await session.execute(text("TRUNCATE outbox_event"))
        for chunk in chunks:
            await record_events(
                session,
                OutboxEvent,
                chunk.workspace_id,
                DomainEvent.COUPON_CLAIMED,
                chunk.payloads,
                occurred_at=chunk.occurred_at,
            )
    async with database.engine.connect() as conn:
        await conn.execution_options(isolation_level="AUTOCOMMIT")
        await conn.execute(text("ANALYZE outbox_event"))


async def backlog(database: Database) -> int:
    async with database.sessionmaker() as session:
        return int(
            (
                await session.execute(
                    text("SELECT count(*) FROM outbox_event WHERE delivered_at IS NULL")
                )
            ).scalar_one()
        )


async def run_relay(relay: OutboxRelay, database: Database, events: int) -> tuple[float, int]:
    """(a): passes until one claims nothing; seconds and passes."""
    delivered = passes = 0
    started = time.perf_counter()
    while (result := await relay.relay_once()).claimed:
        delivered += result.delivered
        passes += 1
        if result.rejected or result.skipped:
            raise RuntimeError(f"relay pass: {result}")
    elapsed = time.perf_counter() - started
    if delivered != events or await backlog(database):
        raise RuntimeError(f"relay delivered {delivered} of {events}")
    return elapsed, passes


def raw_bodies(chunks: Sequence[Chunk]) -> list[tuple[str, bytes]]:
    """(b)'s requests: the chunks' events under fresh ids, per workspace, 1,000 a body."""
    per_workspace: dict[str, list[dict[str, Any]]] = {}
    for chunk in chunks:
        per_workspace.setdefault(chunk.workspace_id, []).extend(
            metrics_event(uuid.uuid4(), "coupon_claim", chunk.occurred_at, p)
            for p in chunk.payloads
        )
    return [
        (workspace_id, json.dumps(found[i : i + MAX_EVENTS_PER_REQUEST]).encode())
        for workspace_id, found in per_workspace.items()
        for i in range(0, len(found), MAX_EVENTS_PER_REQUEST)
    ]


async def run_raw(client: httpx.AsyncClient, bodies: Sequence[tuple[str, bytes]]) -> float:
    """(b): the bodies POSTed one after another; seconds."""
    accepted = 0
    started = time.perf_counter()
    for workspace_id, body in bodies:
        response = await client.post(
            EVENTS_PATH,
            content=body,
            headers={
                "X-Internal-Token": DEV_INTERNAL_TOKEN,
                "X-Workspace-Id": workspace_id,
                "X-Scopes": WRITE_SCOPE,
                "X-Actor-Id": "bench",
                "X-Request-Id": str(uuid.uuid4()),
                "Content-Type": "application/json",
            },
        )
        if response.status_code != 200:
            raise RuntimeError(f"POST {EVENTS_PATH}: {response.status_code} {response.text}")
        accepted += response.json()["accepted"]
    elapsed = time.perf_counter() - started
    expected = sum(body.count(b'"id"') for _, body in bodies)
    if accepted != expected:
        raise RuntimeError(f"metrics-svc accepted {accepted} of {expected}")
    return elapsed


async def run_db_only(relay: OutboxRelay, database: Database) -> list[float]:
    """(c): the relay's claim and mark of each pass, in its transaction, nothing sent; the
    seconds of each pass."""
    times = []
    while True:
        started = time.perf_counter()
        async with database.sessionmaker() as session, session.begin():
            rows = await relay._claim(session)
            if rows:
                outcome = _Outcome(delivered=[row.id for row in rows])
                await relay._mark(session, outcome, [])
        if not rows:
            return times
        times.append(time.perf_counter() - started)


def loadavg() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


async def main(args: argparse.Namespace) -> None:
    metrics_db, metrics_url = await create_scratch_database(args.server_url, "bench_relay_metrics")
    campaign_db, campaign_url = await create_scratch_database(
        args.server_url, "bench_relay_campaign"
    )
    proc: subprocess.Popen[bytes] | None = None
    database: Database | None = None
    relays: list[OutboxRelay] = []
    try:
        await asyncio.to_thread(upgrade_head, METRICS_DIR / "alembic.ini", metrics_url)
        await asyncio.to_thread(upgrade_head, CAMPAIGN_DIR / "alembic.ini", campaign_url)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        proc = start_service(metrics_url, port, Path(args.log))
        await wait_ready(base)
        metrics_pool = await asyncpg.create_pool(metrics_url, min_size=1, max_size=1)

        base_settings = Settings(database_url=campaign_url, metrics_url=base)
        database = Database(campaign_url, pool_size=base_settings.db_pool_size)
        # The relay under test, and the one it is compared with (--also-batch-size), if any.
        sizes = [args.batch_size or base_settings.relay_batch_size]
        if args.also_batch_size:
            sizes.append(args.also_batch_size)
        variants: dict[str, OutboxRelay] = {}
        for size in sizes:
            settings = base_settings.model_copy(
                update={"relay_batch_size": size, "service_name": f"campaign-{size}"}
            )
            variants[f"relay {size}"] = OutboxRelay(
                database, OutboxEvent, METRICS_EVENT_TYPES, settings
            )
        relays = list(variants.values())
        relay = relays[0]
        now = datetime.now(UTC) - timedelta(minutes=10)
        rows: list[dict[str, Any]] = []
        e = args.events
        async with httpx.AsyncClient(base_url=base, timeout=30.0) as client:
            for n in range(args.rounds):
                seed = n * 3
                load = loadavg()
                chunks = generate(seed, e, args.workspaces, now)
                result: dict[str, Any] = {"round": n + 1, "load": load}
                order = [*variants, "raw"]
                shift = n % len(order)
                order = order[shift:] + order[:shift]
                if n % 2:
                    order.reverse()
                line = []
                for path in order:
                    if path == "raw":
                        bodies = raw_bodies(chunks)
                        seconds = await run_raw(client, bodies)
                        folded = await wait_folded(metrics_pool)
                        result["raw"] = (seconds, folded, len(bodies), 0.0)
                        line.append(f"raw {e / seconds:,.0f}/s ({len(bodies)} posts)")
                    else:
                        await fill(database, chunks)
                        failures = FAILURES.labels(variants[path].service)
                        failed = failures._value.get()
                        seconds, passes = await run_relay(variants[path], database, e)
                        folded = await wait_folded(metrics_pool)
                        retried = failures._value.get() - failed
                        result[path] = (seconds, folded, passes, retried)
                        line.append(
                            f"{path} {e / seconds:,.0f}/s ({passes} passes, {retried:.0f} retried)"
                        )
                for r in relays:
                    await fill(database, generate(seed + 1, e, args.workspaces, now))
                    passes_s = await run_db_only(r, database)
                    result[f"db {r.settings.relay_batch_size}"] = (
                        sum(passes_s),
                        statistics.median(passes_s) * 1000,
                    )
                    line.append(
                        f"db {r.settings.relay_batch_size} {e / sum(passes_s):,.0f}/s "
                        f"{statistics.median(passes_s) * 1000:.1f} ms/pass"
                    )
                rows.append(result)
                print(f"round {n + 1} (load {load}): " + "; ".join(line), flush=True)

            if args.profile:
                from pyinstrument import Profiler

                await fill(database, generate(10_000, e, args.workspaces, now))
                profiler = Profiler(interval=0.0005, async_mode="enabled")
                with profiler:
                    seconds, passes = await run_relay(relay, database, e)
                await wait_folded(metrics_pool)
                print(f"\nprofiled relay: {e / seconds:,.0f}/s under the profiler")
                print(profiler.output_text(unicode=False, color=False, show_all=False))
                if args.profile_html:
                    Path(args.profile_html).write_text(profiler.output_html())
        await metrics_pool.close()

        print()
        print(
            f"- {e:,} coupon_claim events over {args.workspaces} workspaces; "
            f"{platform.python_version()}, {os.cpu_count()} cores; "
            f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; load average (1/5/15 min) at each round: "
            f"{', '.join(r['load'] for r in rows)}."
        )
        print()
        heads = " | ".join(f"R{r['round']}" for r in rows)
        print(f"| {e:,} events | {heads} | median |")
        print("|---|" + "---:|" * (len(rows) + 1))

        def line_of(label: str, values: Sequence[float], fmt: str = "{:,.0f}") -> None:
            cells = " | ".join(fmt.format(v) for v in values)
            print(f"| {label} | {cells} | {fmt.format(statistics.median(values))} |")

        labels = {"raw": "(b) raw POST, batches of 1,000, acknowledged"}
        for path in variants:
            labels[path] = f"(a) {path}, delivered: acknowledged and marked"
        for path, label in labels.items():
            line_of(f"{label}, events/s", [e / r[path][0] for r in rows])
        for path, label in labels.items():
            line_of(f"{label} and folded, events/s", [e / (r[path][0] + r[path][1]) for r in rows])
        for path in variants:
            line_of(f"ratio ({path})/(b)", [r["raw"][0] / r[path][0] for r in rows], "{:.0%}")
        for path in variants:
            line_of(
                f"(a) {path}: ms per pass", [r[path][0] / r[path][2] * 1000 for r in rows], "{:.1f}"
            )
        for r in relays:
            size = r.settings.relay_batch_size
            line_of(f"(c) DB alone, batch {size}: events/s", [e / x[f"db {size}"][0] for x in rows])
            line_of(
                f"(c) DB alone, batch {size}: ms per pass (median of the round's)",
                [x[f"db {size}"][1] for x in rows],
                "{:.1f}",
            )
        for path in variants:
            print(
                f"| (a) {path}: passes / retried | "
                + " | ".join(f"{r[path][2]} / {r[path][3]:.0f}" for r in rows)
                + " | |"
            )
    finally:
        for r in relays:
            await r.close()
        if database is not None:
            await database.dispose()
        if proc is not None:
            if proc.poll() is not None:
                print(f"metrics-svc exited early with code {proc.returncode}; see {args.log}")
            proc.terminate()
            proc.wait(timeout=20)
        if not args.keep:
            await drop_scratch_database(args.server_url, metrics_db)
            await drop_scratch_database(args.server_url, campaign_db)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--workspaces", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--batch-size", type=int, default=0, help="relay_batch_size (0: the service's default)"
    )
    parser.add_argument(
        "--also-batch-size",
        type=int,
        default=0,
        help="a second relay with this batch size, side by side",
    )
    parser.add_argument("--profile", action="store_true", help="one more (a) under pyinstrument")
    parser.add_argument("--profile-html", default="", help="also write the profile as HTML here")
    add_server_url_argument(parser)
    parser.add_argument("--log", default="/tmp/outbox-relay-bench-metrics.log")
    parser.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    asyncio.run(main(parser.parse_args()))
