"""metrics-svc ingestion and query-growth benchmark.

Starts metrics-svc for real (uvicorn, one process, a free port) on a fresh database of the
given PostgreSQL server, then:

1. Ingest, chunk by chunk over the same ``--events`` generated events:

   (a) raw: asyncpg ``copy_records_to_table`` into a plain table (no index, no key), batches
       of ``--batch`` events over ``--clients`` connections at once;
   (b) endpoint: ``POST /v1/events`` with the same batches, ``--clients`` concurrent clients
       (validation, de-duplication and the inbox append: what a batch costs until it is
       acknowledged), while the service folds them into the event table and rollups;
   (c) the same, until the fold has caught up too (the wait after each chunk until the inbox
       is empty is added to (b)'s time).

   Both are timed by the wall clock of each chunk, interleaved, so both see the same
   background load on a shared machine; only the COPY / the HTTP calls are inside the timers
   (event generation and JSON encoding are done before). The service process's CPU time over
   (b) and (c) is read with psutil (µs per event: steadier than rates on a busy machine).

2. Growth: more events posted (acknowledged and folded) up to each of ``--growth`` stored
   events; at each, ``VACUUM (ANALYZE)`` and the medians of series, target, funnel and retention
   queries over the same 28-day window (each segment of the load is spread over the whole
   window, so the window holds every stored event).

    uv run --frozen --all-packages python bench/metrics_ingest.py            # 300k + 1M (~3-5 min)
    uv run --frozen --all-packages python bench/metrics_ingest.py --growth 1e6,3e6,1e7   # long

``run_metrics_bench()`` returns the numbers (``MetricsBench``) for a harness; ``report()``
formats them as the CLI prints them. ``--py-spy out.svg`` (or ``.txt``: collapsed stacks)
records the service with py-spy (``uv run --with py-spy …``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import asyncpg
import psutil  # type: ignore[import-untyped]

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


DEFAULT_SERVER_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)


def add_server_url_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--server-url",
        default=DEFAULT_SERVER_URL,
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


def start_service(
    database_url: str, port: int, log: Path, py_spy: Path | None = None
) -> subprocess.Popen[bytes]:
    """metrics-svc as ``make run`` starts it (one uvicorn process); under ``py-spy record``
    writing a flame graph to ``py_spy`` when given (py-spy must be on PATH, e.g.
    ``uv run --with py-spy``)."""
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
    if py_spy is not None:
        spy = shutil.which("py-spy")
        if spy is None:
            raise RuntimeError("--py-spy needs py-spy on PATH: uv run --with py-spy …")
        # A .txt file gets py-spy's collapsed stacks (one line a stack), anything else an SVG.
        fmt = "raw" if py_spy.suffix == ".txt" else "flamegraph"
        command = [spy, "record", "--rate", "100", "-f", fmt, "-o", str(py_spy), "--", *command]
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


RAW_COLUMN_TYPES = (
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
)
HEADERS = {
    "X-Internal-Token": DEV_INTERNAL_TOKEN,
    "X-Workspace-Id": WORKSPACE,
    "X-Scopes": "metrics:read metrics:write",
    "Content-Type": "application/json",
}


@dataclass
class IngestNumbers:
    """Phase 1: the same events by raw COPY and by ``POST /v1/events``, interleaved."""

    events: int
    raw_per_s: float  # (a) copy_records_to_table
    acked_per_s: float  # (b) POST /v1/events, acknowledged
    folded_per_s: float  # (c) acknowledged and folded (queryable without a read folding)
    # CPU time (user + system) per event, read from /proc by psutil: steadier than rates on a
    # shared machine. PostgreSQL's is that of the scratch database's backends.
    service_cpu_us_per_event: float  # metrics-svc process over (b) + (c)
    db_raw_cpu_us_per_event: float  # PostgreSQL over (a)
    client_raw_cpu_us_per_event: float  # the bench process over (a): asyncpg's COPY encoding
    db_acked_cpu_us_per_event: float  # PostgreSQL over (b), the fold running beside it
    db_folded_cpu_us_per_event: float  # PostgreSQL over (b) + (c)

    @property
    def acked_ratio(self) -> float:
        return self.acked_per_s / self.raw_per_s

    @property
    def folded_ratio(self) -> float:
        return self.folded_per_s / self.raw_per_s

    @property
    def cpu_ratio(self) -> float:
        """CPU per event of the raw COPY (PostgreSQL + the client's encoding) ÷ that of an
        event acknowledged and folded (PostgreSQL + metrics-svc): the folded ratio as CPU."""
        raw = self.db_raw_cpu_us_per_event + self.client_raw_cpu_us_per_event
        ours = self.db_folded_cpu_us_per_event + self.service_cpu_us_per_event
        return raw / ours if ours else 0.0


@dataclass
class GrowthPoint:
    """The queries' medians (ms) once ``events`` events are stored; ``folded_per_s`` is the
    rate (acknowledged and folded) of the events posted since the previous point."""

    events: int
    folded_per_s: float
    queries: dict[str, float] = field(default_factory=dict)
    # CPU ms per call of each query: PostgreSQL's backends and the service process.
    db_cpu_ms: dict[str, float] = field(default_factory=dict)
    service_cpu_ms: dict[str, float] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)


@dataclass
class MetricsBench:
    ingest: IngestNumbers
    growth: list[GrowthPoint]
    measured_at: str


class _Stack:
    """A scratch database, metrics-svc on it (a real process), a pool and an HTTP client."""

    def __init__(
        self,
        server_url: str,
        log: Path,
        clients: int,
        keep: bool,
        days: int,
        py_spy: Path | None = None,
    ) -> None:
        self.py_spy = py_spy
        self.server_url, self.log, self.clients, self.keep, self.days = (
            server_url,
            log,
            clients,
            keep,
            days,
        )
        self.proc: subprocess.Popen[bytes] | None = None
        self.db_name = ""
        self.now = datetime.now(UTC) - timedelta(minutes=10)
        self.chunk_no = 0  # the generator's seed: every chunk's events are new

    async def __aenter__(self) -> _Stack:
        self.db_name, database_url = await create_scratch_database(self.server_url, "bench_metrics")
        try:
            await self._start(database_url)
        except BaseException:
            await self.__aexit__()  # a service that never became ready leaves no database
            raise
        return self

    async def _start(self, database_url: str) -> None:
        await asyncio.to_thread(upgrade_head, SERVICE_DIR / "alembic.ini", database_url)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        self.proc = start_service(database_url, port, self.log, self.py_spy)
        await wait_ready(base)
        self.process = psutil.Process(self.proc.pid)
        if self.py_spy is not None:  # the service is py-spy's child
            self.process = self.process.children()[0]
        self.pool = await asyncpg.create_pool(
            database_url, min_size=self.clients, max_size=self.clients
        )
        # Idle between chunks (raw COPY, the wait for the fold), a kept-alive connection would
        # outlive uvicorn's 5 s keep-alive and be closed under the next request: let the client
        # drop idle connections first. No total timeout: a funnel over 10M events on a busy
        # machine may take minutes (aiohttp's default gives up after 5).
        connector = aiohttp.TCPConnector(limit=self.clients, keepalive_timeout=2.0)
        self.http = aiohttp.ClientSession(
            base_url=base,
            headers=HEADERS,
            connector=connector,
            timeout=aiohttp.ClientTimeout(total=None, sock_connect=30),
        )

    async def __aexit__(self, *exc: object) -> None:
        # (each is there once started)
        if (http := getattr(self, "http", None)) is not None:
            await http.close()
        if (pool := getattr(self, "pool", None)) is not None:
            await pool.close()
        if self.proc is not None:
            if self.proc.poll() is not None:
                print(f"metrics-svc exited early with code {self.proc.returncode}; see {self.log}")
            # py-spy writes its profile on SIGINT
            self.proc.send_signal(signal.SIGINT if self.py_spy is not None else signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:  # stuck in a long query: the database goes anyway
                self.proc.kill()
                self.proc.wait()
        if self.db_name and not self.keep:
            await drop_scratch_database(self.server_url, self.db_name)

    def cpu_s(self) -> float:
        t = self.process.cpu_times()
        return float(t.user + t.system)

    def db_cpu_s(self) -> float:
        """CPU seconds of the PostgreSQL backends connected to this bench's database (their
        process titles name it), when the server runs on this machine; else 0."""
        tag = f" {self.db_name} "
        total = 0.0
        for proc in psutil.process_iter(["cmdline", "cpu_times"]):
            cmdline = proc.info["cmdline"]
            times = proc.info["cpu_times"]
            if cmdline and times is not None and tag in f" {' '.join(cmdline)} ":
                total += times.user + times.system
        return total

    def chunks(self, size: int, chunk: int) -> list[list[dict[str, Any]]]:
        """``size`` new events in chunks of ``chunk``, spread in time order over the whole
        window (each segment of the load covers the same ``days``, denser each time)."""
        out = []
        for offset in range(0, size, chunk):
            n = min(chunk, size - offset)
            out.append(generate(self.chunk_no, n, self.now, self.days, offset, size))
            self.chunk_no += 1
        return out

    def post_job(self, body: bytes, counter: list[int]) -> Callable[[], Awaitable[None]]:
        async def job() -> None:
            async with self.http.post("/v1/events", data=body) as r:
                answer = await r.json()
                if r.status != 200:
                    raise RuntimeError(f"POST /v1/events: {r.status} {answer}")
                counter[0] += answer["accepted"]

        return job


async def _ingest_phase(
    stack: _Stack, events: int, batch: int, chunk: int, quiet: bool
) -> IngestNumbers:
    cols = ", ".join(f"{c} {t}" for c, t in zip(COLUMNS, RAW_COLUMN_TYPES, strict=True))
    await stack.pool.execute(f"CREATE TABLE raw_event ({cols})")
    pool, clients = stack.pool, stack.clients
    raw_s = http_s = fold_s = cpu_s = 0.0
    db_raw = client_raw = db_acked = db_folded = 0.0
    me = psutil.Process()
    accepted = [0]
    done = 0
    for events_ in stack.chunks(events, chunk):
        size = len(events_)
        received_at = datetime.now(UTC)
        batches = [events_[i : i + batch] for i in range(0, size, batch)]
        records = [[to_record(e, received_at) for e in b] for b in batches]
        bodies = [json.dumps(b).encode() for b in batches]

        def copy_job(recs: list[tuple[Any, ...]]) -> Callable[[], Awaitable[None]]:
            async def job() -> None:
                async with pool.acquire() as conn:
                    await conn.copy_records_to_table("raw_event", records=recs, columns=COLUMNS)

            return job

        db0, me0 = stack.db_cpu_s(), sum(me.cpu_times()[:2])
        raw_s += await run_concurrently([copy_job(r) for r in records], clients)
        db1 = stack.db_cpu_s()
        db_raw += db1 - db0
        client_raw += sum(me.cpu_times()[:2]) - me0
        cpu0 = stack.cpu_s()
        http_s += await run_concurrently([stack.post_job(b, accepted) for b in bodies], clients)
        db2 = stack.db_cpu_s()
        db_acked += db2 - db1
        # The service folds acknowledged events into the rollups in the background while the
        # chunk is sent; what is left when the last answer arrives is waited for here (and
        # timed), so the next raw chunk never shares the cores with it.
        fold_s += await wait_folded(pool)
        cpu_s += stack.cpu_s() - cpu0
        db_folded += stack.db_cpu_s() - db1
        done += size
        if not quiet:
            print(
                f"{done:>9,} events  raw {done / raw_s:>9,.0f}/s  "
                f"endpoint {done / http_s:>8,.0f}/s  ratio {raw_s / http_s:.0%}  "
                f"folded {done / (http_s + fold_s):>8,.0f}/s  "
                f"ratio {raw_s / (http_s + fold_s):.0%}",
                flush=True,
            )
    assert accepted[0] == events, (accepted[0], events)
    await pool.execute("DROP TABLE raw_event")
    return IngestNumbers(
        events=events,
        raw_per_s=events / raw_s,
        acked_per_s=events / http_s,
        folded_per_s=events / (http_s + fold_s),
        service_cpu_us_per_event=cpu_s / events * 1e6,
        db_raw_cpu_us_per_event=db_raw / events * 1e6,
        client_raw_cpu_us_per_event=client_raw / events * 1e6,
        db_acked_cpu_us_per_event=db_acked / events * 1e6,
        db_folded_cpu_us_per_event=db_folded / events * 1e6,
    )


async def _load(stack: _Stack, events: int, batch: int, chunk: int, quiet: bool) -> float:
    """Post ``events`` new events (no raw comparison); the rate, acknowledged and folded."""
    accepted = [0]
    took = 0.0
    done = 0
    for events_ in stack.chunks(events, chunk):
        bodies = [
            json.dumps(events_[i : i + batch]).encode() for i in range(0, len(events_), batch)
        ]
        took += await run_concurrently([stack.post_job(b, accepted) for b in bodies], stack.clients)
        took += await wait_folded(stack.pool)
        done += len(events_)
        if not quiet and done % (10 * chunk) == 0:
            print(f"  … {done:>10,} more events, {done / took:>8,.0f}/s folded", flush=True)
    assert accepted[0] == events, (accepted[0], events)
    return events / took


def query_set(stack: _Stack, target_ids: tuple[str, str]) -> list[tuple[str, str, str, Any]]:
    now, days = stack.now, stack.days
    day = (now - timedelta(days=days)).date().isoformat()
    end = (now + timedelta(days=1)).date().isoformat()
    frm = (now - timedelta(days=days)).isoformat()
    to = (now + timedelta(minutes=1)).isoformat()
    return [
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
        ("target: clicks for one channel", "GET", f"/v1/targets/{target_ids[0]}", None),
        (
            "target: purchase_conversion_rate (distinct actors)",
            "GET",
            f"/v1/targets/{target_ids[1]}",
            None,
        ),
        ("targets: list ?status=at_risk", "GET", "/v1/targets?status=at_risk", None),
        (
            FUNNEL,
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
            RETENTION,
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


FUNNEL = "funnel: impression > view > click > purchase, 7-day window"
RETENTION = "retention: view > click, weekly x 4, Asia/Shanghai"
# The limits at 1M events (ms): series and targets < 50, funnel and retention < 300.
LIMIT_MS = {FUNNEL: 300.0, RETENTION: 300.0}
DEFAULT_LIMIT_MS = 50.0
NO_LIMIT = ("best times for one channel",)


async def _create_targets(stack: _Stack) -> tuple[str, str]:
    frm = (stack.now - timedelta(days=stack.days)).isoformat()
    until = (stack.now + timedelta(days=2)).isoformat()
    ids = []
    for body in (
        {"metric": "clicks", "filters": {"channel_id": "ch-3"}, "target_value": 10_000},
        {"metric": "purchase_conversion_rate", "target_value": 0.05},
    ):
        async with stack.http.post(
            "/v1/targets", json={**body, "period_start": frm, "period_end": until}
        ) as r:
            answer = await r.json()
            if r.status != 201:
                raise RuntimeError(f"POST /v1/targets: {r.status} {answer}")
            ids.append(answer["id"])
    return ids[0], ids[1]


async def _queries(
    stack: _Stack, point: GrowthPoint, targets: tuple[str, str], runs: int, quiet: bool
) -> None:
    # What autovacuum does shortly after a bulk load anyway: statistics for the planner and
    # the visibility map that lets funnels and retention scan indexes only.
    async with stack.pool.acquire() as conn:
        await conn.execute("VACUUM (ANALYZE)")
    for label, method, url, body in query_set(stack, targets):
        db0, svc0 = stack.db_cpu_s(), stack.cpu_s()
        ms, _ = await median_ms(stack.http, method, url, body, runs)
        point.db_cpu_ms[label] = (stack.db_cpu_s() - db0) / runs * 1000
        point.service_cpu_ms[label] = (stack.cpu_s() - svc0) / runs * 1000
        point.queries[label] = ms
        if not quiet:
            print(
                f"{ms:>9.1f} ms  (CPU: PostgreSQL {point.db_cpu_ms[label]:6.1f} ms, service "
                f"{point.service_cpu_ms[label]:5.1f} ms)  {label}",
                flush=True,
            )
    sizes = await stack.pool.fetch(
        "SELECT relname, n_live_tup FROM pg_stat_user_tables WHERE relname IN "
        "('event_hourly', 'event_hourly_dim', 'actor_hourly', 'actor_presence', 'event_dedup')"
    )
    point.rows = {r["relname"]: int(r["n_live_tup"]) for r in sizes}


async def run_metrics_bench(
    *,
    events: int = 300_000,
    growth: Sequence[int] = (1_000_000,),
    batch: int = 1000,
    clients: int = 4,
    chunk: int = 50_000,
    days: int = 28,
    runs: int = 15,
    server_url: str = DEFAULT_SERVER_URL,
    log: Path = Path("/tmp/metrics-bench-service.log"),
    keep: bool = False,
    quiet: bool = False,
    py_spy: Path | None = None,
) -> MetricsBench:
    """One metrics-svc on a scratch database: ``events`` events sent both by raw COPY and
    through ``POST /v1/events`` (the ingest ratios), then more posted up to each of ``growth``
    stored events (queries measured at each; at ``events`` when ``growth`` is empty)."""
    checkpoints = sorted(g for g in growth if g >= events) or [events]
    async with _Stack(server_url, log, clients, keep, days, py_spy) as stack:
        ingest = await _ingest_phase(stack, events, batch, chunk, quiet)
        targets = await _create_targets(stack)
        points = []
        stored, rate = events, ingest.folded_per_s
        for checkpoint in checkpoints:
            if checkpoint > stored:
                if not quiet:
                    print(f"loading up to {checkpoint:,} events …", flush=True)
                rate = await _load(stack, checkpoint - stored, batch, chunk, quiet)
                stored = checkpoint
            point = GrowthPoint(events=stored, folded_per_s=rate)
            if not quiet:
                print(f"queries over {stored:,} events ({runs} runs each):", flush=True)
            await _queries(stack, point, targets, runs, quiet)
            points.append(point)
    return MetricsBench(ingest, points, f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC")


def report(result: MetricsBench, *, batch: int, clients: int, days: int, runs: int) -> str:
    """Markdown tables of a run (what the CLI prints)."""
    i = result.ingest
    lines = [
        f"- Ingest: {i.events:,} events in batches of {batch:,}, {clients} concurrent "
        f"clients/connections, over {days} days; growth points at "
        + ", ".join(f"{p.events:,}" for p in result.growth)
        + f" events; {platform.python_version()}, {os.cpu_count()} cores, load average "
        + " ".join(f"{x:.1f}" for x in os.getloadavg())
        + f"; measured {result.measured_at}.",
        "",
        "| path | events/s | share of (a) |",
        "|---|---:|---:|",
        f"| (a) raw copy_records_to_table, plain table | {i.raw_per_s:,.0f} | |",
        f"| (b) POST /v1/events, acknowledged | {i.acked_per_s:,.0f} | {i.acked_ratio:.0%} |",
        f"| (c) POST /v1/events, acknowledged and folded | {i.folded_per_s:,.0f} "
        f"| {i.folded_ratio:.0%} |",
        "",
        "| CPU per event (µs) | raw COPY (a) | acknowledged (b) | acknowledged and folded (c) |",
        "|---|---:|---:|---:|",
        f"| PostgreSQL (this database's backends) | {i.db_raw_cpu_us_per_event:.1f} "
        f"| {i.db_acked_cpu_us_per_event:.1f} | {i.db_folded_cpu_us_per_event:.1f} |",
        f"| the client's COPY encoding (a) / metrics-svc (b)+(c) "
        f"| {i.client_raw_cpu_us_per_event:.1f} | | {i.service_cpu_us_per_event:.1f} |",
        f"| CPU share: (a) ÷ (c), PostgreSQL + client/service | | | {i.cpu_ratio:.0%} |",
        "",
        "| query, median of "
        + str(runs)
        + " (ms) | "
        + " | ".join(f"{p.events / 1e6:g}M" for p in result.growth)
        + " | limit at 1M |",
        "|---|" + "---:|" * len(result.growth) + "---|",
    ]
    for label in result.growth[0].queries:
        limit = "" if label in NO_LIMIT else f"< {LIMIT_MS.get(label, DEFAULT_LIMIT_MS):.0f}"
        cells = " | ".join(f"{p.queries[label]:.1f}" for p in result.growth)
        lines.append(f"| {label} | {cells} | {limit} |")
    lines.append(
        "| load rate before the point, acknowledged and folded (events/s) | "
        + " | ".join(f"{p.folded_per_s:,.0f}" for p in result.growth)
        + " | |"
    )
    lines += [
        "",
        "| query: CPU ms per call, PostgreSQL + service | "
        + " | ".join(f"{p.events / 1e6:g}M" for p in result.growth)
        + " |",
        "|---|" + "---:|" * len(result.growth),
    ]
    for label in result.growth[0].queries:
        cells = " | ".join(
            f"{p.db_cpu_ms[label]:.0f} + {p.service_cpu_ms[label]:.0f}" for p in result.growth
        )
        lines.append(f"| {label} | {cells} |")
    lines.append("")
    lines.append("| rows | " + " | ".join(f"{p.events / 1e6:g}M" for p in result.growth) + " |")
    lines.append("|---|" + "---:|" * len(result.growth))
    for table in result.growth[0].rows:
        cells = " | ".join(f"{p.rows.get(table, 0):,}" for p in result.growth)
        lines.append(f"| {table} | {cells} |")
    return "\n".join(lines)


def _sizes(text_: str) -> list[int]:
    return [int(float(s)) for s in text_.replace("_", "").split(",") if s.strip()]


def main(argv: Sequence[str] | None = None) -> MetricsBench:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--events", type=int, default=300_000, help="events sent both raw and by HTTP"
    )
    parser.add_argument(
        "--growth",
        default="1000000",
        help="stored-event counts to measure the queries at, comma-separated (e.g. "
        "1e6,3e6,1e7); empty: at --events",
    )
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--chunk", type=int, default=50_000, help="events generated per round")
    parser.add_argument("--days", type=int, default=28, help="spread of occurred_at")
    parser.add_argument("--runs", type=int, default=15, help="runs per query (median)")
    add_server_url_argument(parser)
    parser.add_argument("--log", default="/tmp/metrics-bench-service.log")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON too")
    parser.add_argument(
        "--py-spy", type=Path, help="record the service with py-spy into this SVG (needs py-spy)"
    )
    args = parser.parse_args(argv)
    result = asyncio.run(
        run_metrics_bench(
            events=args.events,
            growth=_sizes(args.growth),
            batch=args.batch,
            clients=args.clients,
            chunk=args.chunk,
            days=args.days,
            runs=args.runs,
            server_url=args.server_url,
            log=Path(args.log),
            keep=args.keep,
            py_spy=args.py_spy,
        )
    )
    print()
    print(report(result, batch=args.batch, clients=args.clients, days=args.days, runs=args.runs))
    if args.json:
        print(json.dumps(asdict(result), indent=1))
    return result


if __name__ == "__main__":
    main()
