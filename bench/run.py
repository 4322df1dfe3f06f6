"""`make bench`: every scenario of issue 16 against its raw baseline, side by side in one run.

Starts its own PostgreSQL (the embedded one in var/bench-pg, or BENCH_DATABASE_URL's server),
migrates fresh databases, starts the four services and the gateway as real uvicorn processes on
free ports (bench/stack.py), then runs each scenario: a function ``scenario(ctx) -> list[Row]``
that drives the stack with the load generator (bench/loadgen.py, its own processes) and
runs the raw baseline (asyncpg in this process) right after, on the same machine in the same
minute. Prints one table and writes it, with the command and the machine, between the
``make-bench`` markers of bench/RESULTS.md.

    uv run --frozen --all-packages python -m bench.run                 # make bench
    uv run --frozen --all-packages python -m bench.run --only claims,reads --no-write
    uv run --frozen --all-packages python -m bench.run --only ingest,growth \
        --growth 1000000,10000000                                     # make bench-growth

CPU per request is process CPU time (user + system, psutil, the process and its workers) over
the requests answered in the same window: steadier than throughput on a shared machine.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib
import json
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypedDict

import asyncpg
import httpx
import psutil

from bench import loadgen
from bench.claims import RAW_CLAIM_PARAMS, RAW_CLAIM_SQL
from bench.loadgen import LoadResult, LoadSpec, Request
from bench.stack import (
    BENCH_PG_DIR,
    ROOT,
    BenchStack,
    admin_url,
    app_names,
    bench_stack,
    cpu_seconds,
    rss_mb,
)
from tests.e2e.stack import free_port, wait_ready

RESULTS = ROOT / "bench" / "RESULTS.md"
BEGIN = "<!-- make-bench:begin -->"
END = "<!-- make-bench:end -->"
GROWTH_BEGIN = "<!-- make-bench-growth:begin -->"
GROWTH_END = "<!-- make-bench-growth:end -->"

# ---------------------------------------------------------------- rows and the table


@dataclass
class Row:
    """One line of the table. ``passed`` is None where the row has no target of its own."""

    scenario: str
    ours: str
    baseline: str = ""
    ratio: float | None = None
    target: str = ""
    cpu_ms: dict[str, float] = field(default_factory=dict)
    p50_ms: float | None = None
    p99_ms: float | None = None
    passed: bool | None = None
    note: str = ""
    # The row's target as a rule on its own numbers (ratio, CPU), for a row that may be the
    # median of several rounds (``merge_rounds``); when given, it decides ``passed``.
    judge: Callable[[Row], bool] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.judge is not None:
            self.passed = self.judge(self)

    def cpu_text(self) -> str:
        return ", ".join(f"{name} {ms:.2f}" for name, ms in self.cpu_ms.items())

    def cells(self) -> list[str]:
        ratio = "" if self.ratio is None else f"{self.ratio:.0%}"
        cpu = self.cpu_text()
        lat = ""
        if self.p50_ms is not None and self.p99_ms is not None:
            lat = f"{self.p50_ms:.1f} / {self.p99_ms:.1f}"
        verdict = {True: "pass", False: "FAIL", None: "-"}[self.passed]
        return [self.scenario, self.ours, self.baseline, ratio, self.target, cpu, lat, verdict]


HEADERS = [
    "scenario",
    "ours",
    "raw baseline",
    "ratio",
    "target",
    "CPU ms/request by process",
    "p50 / p99 ms",
    "result",
]


def merge_rounds(rounds: list[list[Row]]) -> list[Row]:
    """The rows of an odd number of rounds of one scenario as one row each: the issue's targets
    are medians of repeated runs, and one load of ten seconds on a shared machine can read a
    third above or below the next. Rate, baseline, ratio, latencies and the note (its budget
    included) are those of the median round by ratio (a ratio is measured side by side within
    one round; a row without one takes the middle round); each process's CPU per request is
    its median over the rounds. A row with a ``judge`` is judged again on those medians by
    every round's rule, so a check of a round's own (the database audit of its claims) must
    hold in every round."""
    if len(rounds) == 1:
        return rounds[0]
    if len(rounds) % 2 == 0:
        raise ValueError(f"{len(rounds)} rounds: the median of an even number is no round's")
    merged = []
    for group in zip(*rounds, strict=True):
        first = group[0]
        if any(r.scenario != first.scenario for r in group):
            raise ValueError(f"rounds of different rows: {[r.scenario for r in group]}")
        if any(r.cpu_ms.keys() != first.cpu_ms.keys() for r in group):
            raise ValueError(f"{first.scenario}: rounds measured different processes")
        ranked = sorted(group, key=lambda r: -1.0 if r.ratio is None else r.ratio)
        pick = ranked[len(ranked) // 2] if first.ratio is not None else group[len(group) // 2]
        cpu = {k: statistics.median(r.cpu_ms[k] for r in group) for k in first.cpu_ms}
        per_round = "; ".join(
            f"round {i}: " + ("" if r.ratio is None else f"ratio {r.ratio:.0%}, ") + r.cpu_text()
            for i, r in enumerate(group, 1)
        )
        row = Row(
            first.scenario,
            pick.ours,
            pick.baseline,
            pick.ratio,
            first.target,
            cpu,
            pick.p50_ms,
            pick.p99_ms,
            pick.passed,
            f"median of {len(group)} rounds (CPU ms per request: each process's median; the "
            f"rest: the median round by ratio; {per_round}); {pick.note}",
        )
        judges = [r.judge for r in group if r.judge is not None]
        if judges:
            row.passed = all(judge(row) for judge in judges)
        merged.append(row)
    return merged


def markdown_table(rows: list[Row]) -> str:
    def esc(cell: str) -> str:
        return cell.replace("|", "\\|")

    lines = [
        "| " + " | ".join(HEADERS) + " |",
        "|---|---:|---:|---:|---|---|---:|---|",
    ]
    lines += ["| " + " | ".join(esc(c) for c in row.cells()) + " |" for row in rows]
    notes = [f"- {row.scenario}: {row.note}" for row in rows if row.note]
    return "\n".join(lines) + ("\n\n" + "\n".join(notes) if notes else "")


def print_table(rows: list[Row], title: str) -> None:
    try:
        from rich.console import Console
        from rich.table import Table
    except ImportError:  # plain text when Rich is missing
        print(title)
        print(markdown_table(rows))
        return
    table = Table(title=title, show_lines=False)
    for name in HEADERS:
        table.add_column(name, overflow="fold")
    for row in rows:
        cells = row.cells()
        colour = {"pass": "green", "FAIL": "red"}.get(cells[-1])
        cells[-1] = f"[{colour}]{cells[-1]}[/]" if colour else cells[-1]
        table.add_row(*cells)
    console = Console(width=max(160, Console().width))
    console.print(table)
    for row in rows:
        if row.note:
            console.print(f"- {row.scenario}: {row.note}", highlight=False)


def cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def machine() -> str:
    versions = ", ".join(
        f"{pkg} {version(pkg)}"
        for pkg in ("uvicorn", "fastapi", "sqlalchemy", "asyncpg", "aiohttp", "uvloop", "httptools")
    )
    return (
        f"{os.cpu_count()} cores ({cpu_model()}), {psutil.virtual_memory().total / 2**30:.1f} GiB, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}; {versions}"
    )


def render_section(
    rows: list[Row],
    *,
    command: str,
    started: datetime,
    seconds: float,
    database: str,
    extra: str,
    client: str,
) -> str:
    passed = sum(r.passed is True for r in rows)
    failed = sum(r.passed is False for r in rows)
    return f"""## `{command}` — latest run (generated; replaced by each run)

- Command: `{command}`, {started:%Y-%m-%d %H:%M} UTC, took {seconds / 60:.1f} min; commit \
{_git_describe()}.
- Machine: {machine()}.
- Database: {database}.
- Load generator: bench/loadgen.py ({client} client, its own processes, on the same machine).
- {passed} rows meet their target, {failed} do not; rows marked `-` have no target of their own.
{extra}
{markdown_table(rows)}
"""


def replace_between(text: str, begin: str, end: str, body: str) -> str:
    """``text`` with what lies between the markers replaced by ``body`` (markers kept); without
    the markers, the block goes right after the file's title line."""
    block = f"{begin}\n{body.strip()}\n{end}"
    # Markers on lines of their own only: prose may name them.
    pattern = re.compile(rf"^{re.escape(begin)}$.*?^{re.escape(end)}$", re.S | re.M)
    if pattern.search(text):
        return pattern.sub(lambda _: block, text, count=1)
    lines = text.split("\n", 1)
    if lines[0].startswith("# "):
        rest = lines[1] if len(lines) > 1 else ""
        return f"{lines[0]}\n\n{block}\n{rest}"
    return f"{block}\n\n{text}"


def write_results(path: Path, section: str, *, begin: str = BEGIN, end: str = END) -> None:
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    path.write_text(replace_between(text, begin, end, section))


# ---------------------------------------------------------------- the run's context


@dataclass
class Sizes:
    duration_s: float = 10.0
    warmup_s: float = 2.0
    concurrency: int = 64
    pool: int = 20  # the raw baselines' asyncpg pool
    batch_codes: int = 30_000  # codes per coupon batch (more than a run claims)
    sellout_codes: int = 100
    sellout_customers: int = 300
    ingest_events: int = 300_000
    growth: tuple[int, ...] = (1_000_000,)
    query_runs: int = 9
    # Rounds of the loads whose targets are medians of repeated runs (``REPEATED``): odd.
    rounds: int = 3
    client: str = "lean"  # the load generator's HTTP client (bench.loadgen.LoadSpec.client)

    @classmethod
    def quick(cls) -> Sizes:
        """A few requests of each: for the test that the harness still works."""
        return cls(
            duration_s=1.0,
            warmup_s=0.5,
            concurrency=8,
            pool=4,
            batch_codes=400,
            sellout_codes=10,
            sellout_customers=30,
            ingest_events=2_000,
            growth=(4_000,),
            query_runs=1,
            rounds=3,  # so the median of rounds is exercised too
        )


@dataclass
class Context:
    stack: BenchStack
    sizes: Sizes
    workdir: Path
    idle_rss: dict[str, list[float]] = field(default_factory=dict)
    loads: list[LoadResult] = field(default_factory=list)
    # What other scenarios learned: the direct list rate (for the fixed-rate run), events loaded.
    facts: dict[str, Any] = field(default_factory=dict)
    # What the last ``measure`` cost the whole machine (its CPU by process, its busy cores).
    last_budget: Budget | None = None

    def measure(self, spec: LoadSpec, watch: list[str]) -> tuple[LoadResult, dict[str, float]]:
        """Run ``spec`` and sample the CPU time of the ``watch`` processes over the same window;
        CPU ms per answered request by process, with PostgreSQL's when any are watched. What
        the whole machine spent in that window is kept in ``last_budget``."""
        spec_path = str(self.workdir / f"load-{uuid.uuid4().hex[:8]}.json")
        start_at, procs = loadgen.start(spec, spec_path)
        watched = {name: self.stack.process(name) for name in watch}
        _sleep_until(start_at + spec.warmup_s)
        before = {name: cpu_seconds(p) for name, p in watched.items()}
        pg_before, machine_before, t0 = _postgres_cpu(), _machine_busy_s(), time.time()
        # Until the window ends, or sooner when the generators are done (requests used up).
        end = start_at + spec.warmup_s + spec.duration_s
        while time.time() < end and any(p.poll() is None for p in procs):
            time.sleep(0.02)
        after = {name: cpu_seconds(p) for name, p in watched.items()}
        pg_s, machine_after, t1 = _postgres_cpu_s(pg_before), _machine_busy_s(), time.time()
        result = loadgen.collect(spec, start_at, procs)
        self.loads.append(result)
        n = max(1, result.requests)
        cpu = {name: (after[name] - before[name]) * 1000 / n for name in watch}
        if watch:
            cpu["PostgreSQL"] = pg_s * 1000 / n
        generator = result.generator_cpu_ms
        self.last_budget = Budget(
            cpu_ms={**cpu, **({"load generator": generator} if math.isfinite(generator) else {})},
            busy_cores=(machine_after - machine_before) / max(1e-9, t1 - t0),
        )
        return result, cpu


@dataclass
class Budget:
    """What one load cost the machine: CPU ms per request by process (the load generator and
    PostgreSQL included) and how many of its cores were busy."""

    cpu_ms: dict[str, float]
    busy_cores: float

    @property
    def per_request_ms(self) -> float:
        return sum(self.cpu_ms.values())

    def note(self, rate_asked: float, what: str, per: int = 1, unit: str = "request") -> str:
        """Whether ``rate_asked`` requests (or items, ``cpu_ms`` being per ``per`` of them) a
        second fit in this machine at this CPU cost."""
        cores = os.cpu_count() or 1
        needed = self.per_request_ms * rate_asked / per / 1000
        parts = " + ".join(f"{name} {ms:.2f}" for name, ms in self.cpu_ms.items())
        return (
            f"the machine's budget: {what} ({rate_asked:,.0f}/s) at this run's CPU per {unit} "
            f"({parts} = {self.per_request_ms:.2f} ms) needs {needed:.2f} cores of {cores}; "
            f"this load kept {self.busy_cores:.2f} of {cores} busy"
        )


def _budget_note(budget: Budget | None, rate_asked: float, what: str) -> str:
    return budget.note(rate_asked, what) if budget is not None else ""


def _postgres_cpu() -> dict[tuple[int, float], float]:
    """CPU seconds of each PostgreSQL process alive now, by (pid, start time): the bench's own
    server and its backends (var/bench-pg), or every ``postgres`` process when the bench runs
    on a server of yours (``BENCH_DATABASE_URL``)."""
    procs: list[psutil.Process] = []
    pidfile = BENCH_PG_DIR / "postmaster.pid"
    if not os.environ.get("BENCH_DATABASE_URL") and pidfile.exists():
        with contextlib.suppress(ValueError, IndexError, psutil.Error):
            postmaster = psutil.Process(int(pidfile.read_text().split()[0]))
            procs = [postmaster, *postmaster.children(recursive=True)]
    if not procs:
        procs = [p for p in psutil.process_iter(["name"]) if p.info["name"] == "postgres"]
    seen: dict[tuple[int, float], float] = {}
    for proc in procs:
        with contextlib.suppress(psutil.Error):
            t = proc.cpu_times()
            seen[(proc.pid, proc.create_time())] = t.user + t.system
    return seen


def _postgres_cpu_s(before: dict[tuple[int, float], float]) -> float:
    """PostgreSQL's CPU seconds since ``before`` (``_postgres_cpu``): what each process still
    alive spent since, all of what a process started since spent. A backend that ended in
    between is not counted (pooled connections stay open for a load)."""
    return sum(cpu - before.get(key, 0.0) for key, cpu in _postgres_cpu().items())


def _machine_busy_s() -> float:
    """CPU seconds the whole machine has spent on work since it started: user, nice, system
    and interrupts (Linux counts guest time inside user time already; stolen time is another
    machine's)."""
    t = psutil.cpu_times()
    return float(
        t.user + t.system + getattr(t, "nice", 0.0) + getattr(t, "irq", 0.0)
        + getattr(t, "softirq", 0.0)
    )  # fmt: skip


def _sleep_until(instant: float) -> None:
    time.sleep(max(0.0, instant - time.time()))


def _json(body: dict[str, Any]) -> str:
    return json.dumps(body, separators=(",", ":"))


class _Latency(TypedDict):
    p50_ms: float
    p99_ms: float


def _lat(result: LoadResult) -> _Latency:
    return {"p50_ms": result.percentile(0.5), "p99_ms": result.percentile(0.99)}


def _statuses(result: LoadResult) -> str:
    return ", ".join(f"{k}: {v}" for k, v in sorted(result.statuses.items()))


async def _raw_closed_loop(
    dsn: str,
    pool_size: int,
    tasks: int,
    duration_s: float,
    warmup_s: float,
    call: Callable[[asyncpg.Pool, int], Any],
    items: int | None = None,
) -> tuple[int, float, float, list[float]]:
    """``tasks`` tasks on a ``pool_size`` pool calling ``call(pool, i)`` with a fresh ``i``
    each time (up to ``items``), warm-up first. (answered, seconds, this process's CPU seconds,
    latencies ms) over the measured window."""
    pool = await asyncpg.create_pool(dsn, min_size=pool_size, max_size=pool_size)
    assert pool is not None
    counter = 0
    done = 0
    latencies: list[float] = []
    start = time.time()
    measure_from = start + warmup_s
    stop_at = measure_from + duration_s
    last = measure_from

    async def worker() -> None:
        nonlocal counter, done, last
        while time.time() < stop_at and (items is None or counter < items):
            i = counter
            counter += 1
            t0 = time.time()
            if await call(pool, i):
                t1 = time.time()
                if t1 >= measure_from:
                    done += 1
                    latencies.append((t1 - t0) * 1000)
                    last = t1

    try:

        async def cpu_at_start() -> float:
            await asyncio.sleep(max(0.0, measure_from - time.time()))
            return time.process_time()

        marker = asyncio.create_task(cpu_at_start())
        await asyncio.gather(*(worker() for _ in range(tasks)))
        cpu = time.process_time() - await marker
        end = min(stop_at, last) if items is not None else stop_at
    finally:
        await pool.close()
    return done, max(1e-9, end - measure_from), cpu, latencies


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


# ---------------------------------------------------------------- (1) and (2) claims, redeem

CLAIM_WORKSPACE = "bench-claims"


def _api(ctx: Context, workspace: str, scopes: list[str]) -> httpx.Client:
    token = ctx.stack.token(workspace, scopes)
    return httpx.Client(
        base_url=ctx.stack.gateway, headers={"Authorization": f"Bearer {token}"}, timeout=120
    )


def _new_batch(ctx: Context, quantity: int, name: str) -> str:
    with _api(ctx, CLAIM_WORKSPACE, ["campaign:read", "campaign:write"]) as api:
        r = api.post(
            "/v1/coupon-batches",
            json={
                "name": name,
                "discount_type": "fixed",
                "amount_off": 3000,
                "min_spend": 0,
                "total_quantity": quantity,
                "per_customer_limit": 1,
                "valid_days": 7,
                "code_length": 12,
            },
        )
        assert r.status_code == 201, r.text
        return str(r.json()["id"])


async def _claim_audit(dsn: str, batch_id: str) -> dict[str, int]:
    """What the database says about a batch after a run: over-claims are codes beyond the
    stock, customers beyond their limit, or a counter that disagrees with the codes."""
    conn = await asyncpg.connect(dsn)
    try:
        row = await conn.fetchrow(
            """
            SELECT b.total_quantity, b.claimed_count, b.per_customer_limit,
              (SELECT count(*) FROM coupon c WHERE c.batch_id = b.id
                 AND c.customer_id IS NOT NULL) AS owned,
              (SELECT count(*) FROM (SELECT customer_id FROM coupon c WHERE c.batch_id = b.id
                 AND c.customer_id IS NOT NULL GROUP BY customer_id
                 HAVING count(*) > b.per_customer_limit) x) AS over_limit
            FROM coupon_batch b WHERE b.id = $1
            """,
            uuid.UUID(batch_id),
        )
    finally:
        await conn.close()
    assert row is not None
    over = (
        max(0, row["owned"] - row["total_quantity"])
        + row["over_limit"]
        + abs(row["claimed_count"] - row["owned"])
    )
    return {"owned": row["owned"], "counter": row["claimed_count"], "over": over}


def raw_claim_args(batch_id: str, i: int) -> list[Any]:
    """The parameters of the issue's baseline claim statement (``bench.claims``, shared with
    bench/claims.py: the statement as it was when the target was set) for customer ``i``."""
    values = {
        "batch_id": uuid.UUID(batch_id),
        "customer_id": f"raw-{batch_id[:8]}-{i}",
        "workspace_id": CLAIM_WORKSPACE,
        "per_customer_limit": 1,
        "valid_days": 7,
        "valid_from": None,
        "valid_until": None,
        "source": None,
    }
    return [values[name] for name in RAW_CLAIM_PARAMS]


def _raw_claims(
    ctx: Context, batch_id: str, items: int | None, duration_s: float, warmup_s: float
) -> tuple[int, float, float, list[float]]:
    async def call(pool: asyncpg.Pool, i: int) -> bool:
        row = await pool.fetchrow(RAW_CLAIM_SQL, *raw_claim_args(batch_id, i))
        return row is not None and row["coupon_id"] is not None

    s = ctx.sizes
    return asyncio.run(
        _raw_closed_loop(
            ctx.stack.pg_url("campaign"), s.pool, s.concurrency, duration_s, warmup_s, call, items
        )
    )


def _claim_requests(batch_id: str, n: int, tag: str) -> list[Request]:
    return [
        (
            "POST",
            f"/v1/coupon-batches/{batch_id}/claims",
            _json({"customer_id": f"{tag}-{i}"}),
            # The whole batch id: each round's keys its own, never another's.
            {"Idempotency-Key": f"{tag}-{batch_id}-{i}", "Content-Type": "application/json"},
        )
        for i in range(n)
    ]


def scenario_claims(ctx: Context) -> list[Row]:
    s = ctx.sizes
    ours_batch = _new_batch(ctx, s.batch_codes, "bench claims (gateway)")
    raw_batch = _new_batch(ctx, s.batch_codes, "bench claims (raw)")
    token = ctx.stack.token(CLAIM_WORKSPACE, ["campaign:read", "campaign:write"])
    spec = LoadSpec(
        client=s.client,
        base_url=ctx.stack.gateway,
        requests=_claim_requests(ours_batch, s.batch_codes, "c"),
        headers={"Authorization": f"Bearer {token}"},
        concurrency=s.concurrency,
        duration_s=s.duration_s,
        warmup_s=s.warmup_s,
        cycle=False,
        ok_statuses=(201,),
    )
    ours, cpu = ctx.measure(spec, ["campaign", "gateway"])
    budget = ctx.last_budget
    raw_n, raw_s, raw_cpu, raw_lat = _raw_claims(ctx, raw_batch, None, s.duration_s, s.warmup_s)
    raw_rate = raw_n / raw_s

    # Sell-out: more customers than codes, all at once, both ways; the database must show
    # exactly the stock given and nobody over their limit.
    sell_ours = _new_batch(ctx, s.sellout_codes, "bench sell-out (gateway)")
    sell_raw = _new_batch(ctx, s.sellout_codes, "bench sell-out (raw)")
    sellout = LoadSpec(
        client=s.client,
        base_url=ctx.stack.gateway,
        requests=_claim_requests(sell_ours, s.sellout_customers, "s"),
        headers={"Authorization": f"Bearer {token}"},
        concurrency=s.concurrency,
        duration_s=60,
        warmup_s=0,
        cycle=False,
        ok_statuses=(201,),
    )
    sold, _ = ctx.measure(sellout, [])
    _raw_claims(ctx, sell_raw, s.sellout_customers, 60, 0)
    dsn = ctx.stack.pg_url("campaign")
    audits = {
        name: asyncio.run(_claim_audit(dsn, b))
        for name, b in (
            ("run", ours_batch),
            ("raw run", raw_batch),
            ("sell-out", sell_ours),
            ("raw sell-out", sell_raw),
        )
    }
    over = sum(a["over"] for a in audits.values())
    sold_right = (
        audits["sell-out"]["owned"] == s.sellout_codes == sold.ok
        and audits["raw sell-out"]["owned"] == s.sellout_codes
    )
    ratio = ours.rate / raw_rate if raw_rate else 0.0
    return [
        Row(
            "(1) claims: POST /v1/coupon-batches/{id}/claims via gateway, "
            f"{s.concurrency} clients",
            f"{ours.rate:,.0f}/s",
            f"{raw_rate:,.0f}/s",
            ratio,
            "≥ 50% of raw; campaign ≤ 2.5 ms, gateway ≤ 0.5 ms CPU; 0 over-claims",
            {**cpu, "raw asyncpg client": raw_cpu * 1000 / max(1, raw_n)},
            judge=lambda r: (
                (r.ratio or 0.0) >= 0.5
                and r.cpu_ms["campaign"] <= 2.5
                and r.cpu_ms["gateway"] <= 0.5
                and over == 0
                and sold_right
            ),
            note=(
                f"answers {_statuses(ours)}; raw: the issue's baseline, the service's claim "
                "statement when the target was set (bench.claims.BASELINE_CLAIM_SQL) by asyncpg, "
                f"{s.concurrency} tasks on a {s.pool}-connection pool, raw p50/p99 "
                f"{_pct(raw_lat, 0.5):.1f}/"
                f"{_pct(raw_lat, 0.99):.1f} ms; over-claims in the database: {over} "
                f"(sell-out of {s.sellout_codes} codes to {s.sellout_customers} customers at once: "
                f"{audits['sell-out']['owned']} given via the gateway ({sold.ok} answered 201), "
                f"{audits['raw sell-out']['owned']} raw); "
                + _budget_note(budget, raw_rate * 0.5, "half of the raw rate")
            ),
            **_lat(ours),
        )
    ]


async def _seed_claimed(dsn: str, batch_id: str, tag: str) -> list[tuple[uuid.UUID, str, str]]:
    """Every code of the batch claimed by its own customer, valid now: what a redeem run needs.
    Set in SQL (not timed): (coupon id, code, customer)."""
    conn = await asyncpg.connect(dsn)
    try:
        async with conn.transaction():
            await conn.execute(
                """
                UPDATE coupon c SET status = 'claimed', customer_id = $2 || '-' || x.n,
                  claimed_at = now(), valid_from = now() - interval '1 minute',
                  valid_until = now() + interval '7 days', updated_at = now()
                FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM coupon
                      WHERE batch_id = $1) x
                WHERE c.id = x.id
                """,
                uuid.UUID(batch_id),
                tag,
            )
            await conn.execute(
                "UPDATE coupon_batch SET claimed_count = total_quantity WHERE id = $1",
                uuid.UUID(batch_id),
            )
        rows = await conn.fetch(
            "SELECT id, code, customer_id FROM coupon WHERE batch_id = $1 ORDER BY id",
            uuid.UUID(batch_id),
        )
    finally:
        await conn.close()
    return [(r["id"], r["code"], r["customer_id"]) for r in rows]


async def _redeem_audit(dsn: str, batch_id: str) -> dict[str, int]:
    conn = await asyncpg.connect(dsn)
    try:
        row = await conn.fetchrow(
            """
            SELECT
              (SELECT count(*) FROM coupon WHERE batch_id = $1 AND status = 'redeemed') AS redeemed,
              (SELECT count(*) FROM coupon_redemption WHERE batch_id = $1
                 AND status = 'applied') AS applied,
              (SELECT count(*) FROM (SELECT coupon_id FROM coupon_redemption WHERE batch_id = $1
                 AND status = 'applied' GROUP BY coupon_id HAVING count(*) > 1) x) AS twice
            """,
            uuid.UUID(batch_id),
        )
    finally:
        await conn.close()
    assert row is not None
    return dict(row)


REDEEM_SQL = """
UPDATE coupon SET status = 'redeemed', redeemed_at = now(), updated_at = now()
WHERE workspace_id = $1 AND id = $2 AND status = 'claimed' AND customer_id = $3
  AND valid_from <= now() AND valid_until > now()
RETURNING redeemed_at
"""


def scenario_redeem(ctx: Context) -> list[Row]:
    s = ctx.sizes
    dsn = ctx.stack.pg_url("campaign")
    ours_batch = _new_batch(ctx, s.batch_codes, "bench redeem (gateway)")
    raw_batch = _new_batch(ctx, s.batch_codes, "bench redeem (raw)")
    ours_codes = asyncio.run(_seed_claimed(dsn, ours_batch, "rg"))
    raw_codes = asyncio.run(_seed_claimed(dsn, raw_batch, "rr"))
    token = ctx.stack.token(CLAIM_WORKSPACE, ["campaign:read", "campaign:write"])
    requests: list[Request] = [
        (
            "POST",
            f"/v1/coupons/{code}/redeem",
            _json({"customer_id": customer, "order_id": f"o-{i}", "order_amount": 25000}),
            {"Idempotency-Key": f"redeem-{ours_batch}-{i}", "Content-Type": "application/json"},
        )
        for i, (_, code, customer) in enumerate(ours_codes)
    ]
    spec = LoadSpec(
        client=s.client,
        base_url=ctx.stack.gateway,
        requests=requests,
        headers={"Authorization": f"Bearer {token}"},
        concurrency=s.concurrency,
        duration_s=s.duration_s,
        warmup_s=s.warmup_s,
        cycle=False,
        ok_statuses=(201,),
    )
    ours, cpu = ctx.measure(spec, ["campaign", "gateway"])
    budget = ctx.last_budget

    async def call(pool: asyncpg.Pool, i: int) -> bool:
        coupon_id, _, customer = raw_codes[i]
        return await pool.fetchval(REDEEM_SQL, CLAIM_WORKSPACE, coupon_id, customer) is not None

    raw_n, raw_s, raw_cpu, raw_lat = asyncio.run(
        _raw_closed_loop(
            dsn, s.pool, s.concurrency, s.duration_s, s.warmup_s, call, items=len(raw_codes)
        )
    )
    raw_rate = raw_n / raw_s
    audit = asyncio.run(_redeem_audit(dsn, ours_batch))
    bad = audit["twice"] + abs(audit["redeemed"] - audit["applied"])
    ratio = ours.rate / raw_rate if raw_rate else 0.0
    return [
        Row(
            f"(2) redeem: POST /v1/coupons/{{code}}/redeem via gateway, {s.concurrency} clients",
            f"{ours.rate:,.0f}/s",
            f"{raw_rate:,.0f}/s",
            ratio,
            "≥ 50% of raw; campaign ≤ 2.5 ms, gateway ≤ 0.5 ms CPU; 0 double redemptions",
            {**cpu, "raw asyncpg client": raw_cpu * 1000 / max(1, raw_n)},
            judge=lambda r: (
                (r.ratio or 0.0) >= 0.5
                and r.cpu_ms["campaign"] <= 2.5
                and r.cpu_ms["gateway"] <= 0.5
                and bad == 0
            ),
            note=(
                f"answers {_statuses(ours)}; raw: the redeem's conditional UPDATE alone (one "
                f"statement, the issue's baseline) by asyncpg, {s.concurrency} tasks on a "
                f"{s.pool}-connection pool, raw p50/p99 {_pct(raw_lat, 0.5):.1f}/"
                f"{_pct(raw_lat, 0.99):.1f} ms; database: {audit['redeemed']} codes redeemed, "
                f"{audit['applied']} redemptions, {audit['twice']} codes redeemed twice; "
                + _budget_note(budget, raw_rate * 0.5, "half of the raw rate")
            ),
            **_lat(ours),
        )
    ]


# ---------------------------------------------------------------- (3) and (4) hot reads

READ_WORKSPACE = "bench-reads"
CHANNEL_LIST = "SELECT * FROM channel WHERE workspace_id = $1 ORDER BY created_at, id LIMIT $2"
CHANNEL_GET = "SELECT * FROM channel WHERE workspace_id = $1 AND id = $2"


def _channels(ctx: Context) -> list[str]:
    if "channels" not in ctx.facts:
        # Straight to content-svc (as the gateway would forward them): this scenario needs
        # content-svc alone, so its test starts nothing else.
        headers = ctx.stack.internal_headers(READ_WORKSPACE, "content:read content:write")
        with httpx.Client(base_url=ctx.stack.url("content"), headers=headers, timeout=60) as api:
            ids = []
            for i in range(5):
                r = api.post(
                    "/v1/channels",
                    json={"platform": "weibo", "name": f"品牌微博 {i}", "handle": f"brand{i}"},
                )
                assert r.status_code == 201, r.text
                ids.append(str(r.json()["id"]))
        ctx.facts["channels"] = ids
    return list(ctx.facts["channels"])


def _raw_read(ctx: Context, sql: str, *args: Any) -> tuple[float, float, list[float]]:
    """The query by asyncpg in a transaction, as the service runs it: (rate, this process's CPU
    ms per query, latencies)."""

    async def call(pool: asyncpg.Pool, _: int) -> bool:
        async with pool.acquire() as conn, conn.transaction():
            await conn.fetch(sql, *args)
        return True

    s = ctx.sizes
    n, secs, cpu, lat = asyncio.run(
        _raw_closed_loop(
            ctx.stack.pg_url("content"), s.pool, s.concurrency, s.duration_s, s.warmup_s, call
        )
    )
    return n / secs, cpu * 1000 / max(1, n), lat


def _read_spec(ctx: Context, base: str, path: str, headers: dict[str, str]) -> LoadSpec:
    s = ctx.sizes
    return LoadSpec(
        client=s.client,
        base_url=base,
        requests=[("GET", path, None, None)],
        headers=headers,
        concurrency=s.concurrency,
        duration_s=s.duration_s,
        warmup_s=s.warmup_s,
    )


def scenario_reads(ctx: Context) -> list[Row]:
    ids = _channels(ctx)
    stack = ctx.stack
    direct = stack.internal_headers(READ_WORKSPACE, "content:read")
    rows = []
    for label, path, sql, args in (
        ("GET /v1/channels?limit=3", "/v1/channels?limit=3", CHANNEL_LIST, (READ_WORKSPACE, 4)),
        (
            "GET /v1/channels/{id}",
            f"/v1/channels/{ids[0]}",
            CHANNEL_GET,
            (READ_WORKSPACE, uuid.UUID(ids[0])),
        ),
    ):
        ours, cpu = ctx.measure(_read_spec(ctx, stack.url("content"), path, direct), ["content"])
        raw_rate, raw_cpu, raw_lat = _raw_read(ctx, sql, *args)
        if path.startswith("/v1/channels?"):
            ctx.facts.setdefault("direct_lists", []).append(ours)
        rows.append(
            Row(
                f"(3) {label}, content-svc direct, {ctx.sizes.concurrency} clients",
                f"{ours.rate:,.0f}/s",
                f"{raw_rate:,.0f}/s",
                ours.rate / raw_rate if raw_rate else 0.0,
                "content ≤ 1.2 ms CPU",
                {**cpu, "raw asyncpg client": raw_cpu},
                judge=lambda r: r.cpu_ms["content"] <= 1.2,
                note=(
                    f"answers {_statuses(ours)}; raw: `{sql}` in a transaction by asyncpg, "
                    f"raw p50/p99 {_pct(raw_lat, 0.5):.1f}/{_pct(raw_lat, 0.99):.1f} ms"
                ),
                **_lat(ours),
            )
        )
    return rows


def scenario_gateway(ctx: Context) -> list[Row]:
    _channels(ctx)
    stack = ctx.stack
    path = "/v1/channels?limit=3"
    direct_headers = stack.internal_headers(READ_WORKSPACE, "content:read")
    token = stack.token(READ_WORKSPACE, ["content:read"])
    auth = {"Authorization": f"Bearer {token}"}
    # The baseline: the median by rate of the reads scenario's direct list loads (one a
    # round), else a load of its own.
    lists: list[LoadResult] = sorted(ctx.facts.get("direct_lists", []), key=lambda r: r.rate)
    direct = (
        lists[len(lists) // 2]
        if lists
        else ctx.measure(_read_spec(ctx, stack.url("content"), path, direct_headers), ["content"])[
            0
        ]
    )
    via, cpu = ctx.measure(_read_spec(ctx, stack.gateway, path, auth), ["gateway", "content"])
    rows = [
        Row(
            f"(4) GET {path} via gateway, {ctx.sizes.concurrency} clients",
            f"{via.rate:,.0f}/s",
            f"{direct.rate:,.0f}/s direct",
            via.rate / direct.rate if direct.rate else 0.0,
            "gateway ≤ 0.5 ms CPU",
            cpu,
            passed=cpu["gateway"] <= 0.5,
            note=f"answers {_statuses(via)}; baseline: the same request to content-svc direct",
            **_lat(via),
        )
    ]
    # Overhead at a fixed rate: half of what content-svc answered direct, both ways, in
    # alternating slices so both see the same background load on a shared machine.
    rate = max(1.0, direct.rate / 2)
    slices: dict[str, list[LoadResult]] = {"direct": [], "gateway": []}
    fixed_cpu: list[float] = []
    ways = [("direct", stack.url("content"), direct_headers), ("gateway", stack.gateway, auth)]
    for pair in range(OVERHEAD_PAIRS):
        # Each way first in turn, so a drift of the machine's load favours neither.
        for name, base, headers in ways if pair % 2 == 0 else ways[::-1]:
            spec = _read_spec(ctx, base, path, headers)
            spec.rate = rate
            spec.duration_s = max(1.0, ctx.sizes.duration_s * OVERHEAD_SLICE)
            part, part_cpu = ctx.measure(spec, ["gateway"] if name == "gateway" else [])
            slices[name].append(part)
            if part_cpu:
                fixed_cpu.append(part_cpu["gateway"])
    overhead = paired_overhead(slices["direct"], slices["gateway"])
    fixed = {name: _merged(parts) for name, parts in slices.items()}
    d50, d99 = fixed["direct"].percentile(0.5), fixed["direct"].percentile(0.99)
    g50, g99 = fixed["gateway"].percentile(0.5), fixed["gateway"].percentile(0.99)
    # The rate must have been held both ways, else the latencies measure a queue, not the
    # gateway (seen on a machine busy with other work).
    held = min(fixed["direct"].rate, fixed["gateway"].rate) >= 0.95 * rate
    rows.append(
        Row(
            f"(4) gateway overhead at a fixed {rate:,.0f} req/s (half of direct)",
            f"{overhead.p50_ms:+.2f} ms p50, {overhead.p99_ms:+.2f} ms p99",
            f"direct {d50:.1f} / {d99:.1f} ms",
            None,
            "≤ +1 ms p50, ≤ +3 ms p99",
            passed=(overhead.p50_ms <= 1.0 and overhead.p99_ms <= 3.0) if held else None,
            note=(
                (
                    ""
                    if held
                    else "NOT MEASURED: the rate was not held, so these latencies are "
                    "queueing on a busy machine, not the gateway's cost; "
                )
                + f"latency counted from when each request was due; {OVERHEAD_PAIRS} pairs of "
                f"adjacent slices (direct and through the gateway, each first in turn), the "
                f"overhead the median "
                f"over the pairs of each pair's difference in p50 and in p99 (per pair: "
                f"{', '.join(f'{p50:+.1f}/{p99:+.1f}' for p50, p99 in overhead.pairs)} ms), so "
                f"a stall of the machine in one slice decides no more than its pair; all "
                f"slices pooled: {g50 - d50:+.2f} ms p50, {g99 - d99:+.2f} ms p99; answered "
                f"{fixed['gateway'].rate:,.0f} / {fixed['direct'].rate:,.0f} "
                f"req/s (gateway / direct) of {rate:,.0f} asked, answers "
                f"{_statuses(fixed['gateway'])}; the gateway's CPU at this rate "
                f"{statistics.median(fixed_cpu):.2f} ms per request"
            ),
            p50_ms=g50,
            p99_ms=g99,
        )
    )
    return rows


# Pairs of slices (direct, gateway) of the overhead row, each slice this share of a load's
# duration (3 s of the default 10: ~1,200 answers at the usual rate, a p99 of a dozen).
OVERHEAD_PAIRS = 5
OVERHEAD_SLICE = 0.3


@dataclass(frozen=True)
class Overhead:
    p50_ms: float
    p99_ms: float
    pairs: list[tuple[float, float]]  # each pair's (p50, p99) difference


def paired_overhead(direct: list[LoadResult], gateway: list[LoadResult]) -> Overhead:
    """The gateway's added latency from pairs of adjacent slices: the median over the pairs of
    each pair's difference in p50 and in p99. On a shared machine a stall of 100 ms or more
    (another process, another tenant of the host) now and then holds up every request in
    flight; pooled over all slices, the p99 of whichever way it fell in moves by that much,
    and the difference of the two p99s says more about where the stall fell than about the
    gateway. Paired and medianed, one stalled slice moves one pair."""
    pairs = [
        (g.percentile(0.5) - d.percentile(0.5), g.percentile(0.99) - d.percentile(0.99))
        for d, g in zip(direct, gateway, strict=True)
    ]
    return Overhead(
        p50_ms=statistics.median(p for p, _ in pairs),
        p99_ms=statistics.median(p for _, p in pairs),
        pairs=pairs,
    )


def _merged(parts: list[LoadResult]) -> LoadResult:
    """Slices of one load as one: their answers, latencies and time added up."""
    statuses: dict[str, int] = {}
    for part in parts:
        for status, n in part.statuses.items():
            statuses[status] = statuses.get(status, 0) + n
    return LoadResult(
        requests=sum(p.requests for p in parts),
        ok=sum(p.ok for p in parts),
        statuses=statuses,
        elapsed_s=sum(p.elapsed_s for p in parts),
        latencies_ms=[x for p in parts for x in p.latencies_ms],
        generator_cpu_s=sum(p.generator_cpu_s for p in parts),
        processes=parts[0].processes,
    )


# ---------------------------------------------------------------- (5) workers


def scenario_workers(ctx: Context) -> list[Row]:
    _channels(ctx)
    stack = ctx.stack
    headers = stack.internal_headers(READ_WORKSPACE, "content:read")
    results: dict[int, tuple[LoadResult, dict[str, float]]] = {}
    budgets: dict[int, Budget | None] = {}
    for workers in (1, 2):
        name = f"content-w{workers}"
        url = stack.start_app(name, workers)
        try:
            spec = _read_spec(ctx, url, "/v1/channels?limit=3", headers)
            results[workers] = ctx.measure(spec, [name])
            budgets[workers] = ctx.last_budget
        finally:
            stack.stop(name)
    one, two = results[1][0], results[2][0]
    ratio = two.rate / one.rate if one.rate else 0.0
    return [
        Row(
            "(5) workers: content-svc GET /v1/channels?limit=3 direct, 2 workers vs 1",
            f"{two.rate:,.0f}/s (2 workers)",
            f"{one.rate:,.0f}/s (1 worker)",
            ratio,
            "≥ 160%",
            {"1 worker": results[1][1]["content-w1"], "2 workers": results[2][1]["content-w2"]},
            judge=lambda r: (r.ratio or 0.0) >= 1.6,
            note=(
                f"uvicorn --workers (bench/stack.py worker_args); the load generator and "
                f"PostgreSQL share the same {os.cpu_count()} cores, so 2 workers cannot have two "
                "free cores here; "
                + _budget_note(budgets[2], one.rate * 1.6, "1.6 times one worker's rate")
            ),
            **_lat(two),
        )
    ]


# ---------------------------------------------------------------- (6) and (7) metrics


def _metrics_bench() -> Any:
    """bench/metrics_ingest.py's event generator (the same traffic mix as its own runs)."""
    return importlib.import_module("bench.metrics_ingest")


@dataclass
class _Loaded:
    events: int = 0
    raw_s: float = 0.0
    http_s: float = 0.0
    fold_s: float = 0.0
    raw_events: int = 0
    # CPU seconds by process, and the machine's busy CPU seconds, in each phase's windows: the
    # raw COPY, the acknowledging (answered) and the folding (inbox emptied).
    raw_cpu: _PhaseCpu = field(default_factory=lambda: _PhaseCpu())
    ack_cpu: _PhaseCpu = field(default_factory=lambda: _PhaseCpu())
    fold_cpu: _PhaseCpu = field(default_factory=lambda: _PhaseCpu())


@dataclass
class _PhaseCpu:
    by_process: dict[str, float] = field(default_factory=dict)
    machine_s: float = 0.0

    def per_1k(self, events: int) -> dict[str, float]:
        """CPU ms per 1,000 events, by process."""
        return {name: s * 1e6 / max(1, events) for name, s in self.by_process.items()}

    def budget(self, events: int, seconds: float) -> Budget:
        return Budget(self.per_1k(events), busy_cores=self.machine_s / max(1e-9, seconds))


class _PhaseClock:
    """CPU spent from its start to ``add_to``: metrics-svc's, PostgreSQL's, this process's
    (the bench's own client: aiohttp's requests, asyncpg's COPY) and the whole machine's."""

    def __init__(self, metrics: psutil.Process) -> None:
        self.metrics = metrics
        self.metrics_cpu, self.client_cpu = cpu_seconds(metrics), self._own_cpu()
        self.pg, self.machine = _postgres_cpu(), _machine_busy_s()

    @staticmethod
    def _own_cpu() -> float:
        # This process alone: the apps the bench started are its children.
        t = psutil.Process().cpu_times()
        return float(t.user + t.system)

    def add_to(self, phase: _PhaseCpu, with_metrics: bool = True) -> None:
        spent = {
            "metrics": cpu_seconds(self.metrics) - self.metrics_cpu,
            "PostgreSQL": _postgres_cpu_s(self.pg),
            "client": self._own_cpu() - self.client_cpu,
        }
        if not with_metrics:
            del spent["metrics"]
        for name, seconds in spent.items():
            phase.by_process[name] = phase.by_process.get(name, 0.0) + seconds
        phase.machine_s += _machine_busy_s() - self.machine


async def _load_events(
    ctx: Context, upto: int, raw_upto: int, loaded: _Loaded, segment: tuple[int, int]
) -> None:
    """Send events until ``upto`` are in, interleaving raw COPY chunks while fewer than
    ``raw_upto`` were copied. ``segment`` (first, last) spreads the events' times."""
    import aiohttp

    mi = _metrics_bench()
    stack = ctx.stack
    dsn = stack.pg_url("metrics")
    clients, batch, chunk_size = 4, 1000, 50_000
    pool = await asyncpg.create_pool(dsn, min_size=clients, max_size=clients)
    assert pool is not None
    proc = stack.process("metrics")
    headers = stack.internal_headers(mi.WORKSPACE, "metrics:read metrics:write")
    headers["Content-Type"] = "application/json"
    now = ctx.facts.setdefault("metrics_now", datetime.now(UTC) - timedelta(minutes=10))
    try:
        await pool.execute(
            "CREATE TABLE IF NOT EXISTS raw_event (workspace_id varchar(64), id uuid, "
            "type varchar(64), occurred_at timestamptz, received_at timestamptz, "
            "actor_id varchar(128), channel_id varchar(64), post_id varchar(64), "
            "publication_id varchar(64), campaign_id varchar(64), group_id varchar(64), "
            "value double precision, props jsonb)"
        )
        connector = aiohttp.TCPConnector(limit=clients, keepalive_timeout=2.0)
        async with aiohttp.ClientSession(
            stack.url("metrics"), headers=headers, connector=connector
        ) as http:
            while loaded.events < upto:
                size = min(chunk_size, upto - loaded.events)
                first, last = segment
                events = mi.generate(
                    loaded.events + 1,  # the seed: each chunk its own events
                    size,
                    now,
                    28,
                    loaded.events - first,
                    last - first,
                )
                batches = [events[i : i + batch] for i in range(0, size, batch)]
                bodies = [json.dumps(b).encode() for b in batches]
                if loaded.raw_events < raw_upto:
                    received = datetime.now(UTC)
                    records = [[mi.to_record(e, received) for e in b] for b in batches]

                    def copy_job(recs: list[tuple[Any, ...]]) -> Callable[[], Any]:
                        async def job() -> None:
                            async with pool.acquire() as conn:
                                await conn.copy_records_to_table(
                                    "raw_event", records=recs, columns=mi.COLUMNS
                                )

                        return job

                    clock = _PhaseClock(proc)
                    loaded.raw_s += await mi.run_concurrently(
                        [copy_job(r) for r in records], clients
                    )
                    clock.add_to(loaded.raw_cpu, with_metrics=False)
                    loaded.raw_events += size

                def post_job(body: bytes) -> Callable[[], Any]:
                    async def job() -> None:
                        async with http.post("/v1/events", data=body) as r:
                            answer = await r.json()
                            if r.status != 200:
                                raise RuntimeError(f"POST /v1/events: {r.status} {answer}")

                    return job

                clock = _PhaseClock(proc)
                loaded.http_s += await mi.run_concurrently([post_job(b) for b in bodies], clients)
                clock.add_to(loaded.ack_cpu)
                clock = _PhaseClock(proc)
                loaded.fold_s += await mi.wait_folded(pool)
                clock.add_to(loaded.fold_cpu)
                loaded.events += size
    finally:
        await pool.close()


def scenario_ingest(ctx: Context) -> list[Row]:
    s = ctx.sizes
    loaded: _Loaded = ctx.facts.setdefault("metrics_loaded", _Loaded())
    first_growth = s.growth[0] if s.growth else s.ingest_events
    asyncio.run(
        _load_events(ctx, s.ingest_events, s.ingest_events, loaded, (0, max(first_growth, 1)))
    )
    raw = loaded.raw_events / loaded.raw_s
    ack = loaded.events / loaded.http_s
    folded = loaded.events / (loaded.http_s + loaded.fold_s)
    ack_budget = loaded.ack_cpu.budget(loaded.events, loaded.http_s)
    raw_cpu = loaded.raw_cpu.per_1k(loaded.raw_events)
    # Acknowledged and folded: what both phases cost, over both phases' time.
    both = _PhaseCpu(machine_s=loaded.ack_cpu.machine_s + loaded.fold_cpu.machine_s)
    for phase in (loaded.ack_cpu, loaded.fold_cpu):
        for name, seconds in phase.by_process.items():
            both.by_process[name] = both.by_process.get(name, 0.0) + seconds
    both_budget = both.budget(loaded.events, loaded.http_s + loaded.fold_s)
    per_1k = "CPU ms per 1,000 events"
    note = (
        f"{loaded.events:,} events in batches of 1,000 by 4 clients straight to metrics-svc "
        "(aiohttp, in the bench's own process), chunk by chunk interleaved with the raw COPY of "
        "the same events (asyncpg copy_records_to_table into a plain table, 4 connections); "
        f"{per_1k}, by process, while acknowledging; the raw COPY's: "
        + ", ".join(f"{name} {ms:.2f}" for name, ms in raw_cpu.items())
        + "; "
        + ack_budget.note(raw * 0.5, "half of the raw rate", per=1000, unit="1,000 events")
    )
    fold_cpu = loaded.fold_cpu.per_1k(loaded.events)
    return [
        Row(
            "(6) ingest: POST /v1/events acknowledged",
            f"{ack:,.0f} events/s",
            f"{raw:,.0f} events/s",
            ack / raw,
            "≥ 50% of raw COPY",
            {f"{name} /1k events": ms for name, ms in ack_budget.cpu_ms.items()},
            passed=ack / raw >= 0.5,
            note=note,
        ),
        Row(
            "(6) ingest: acknowledged, folded and queryable",
            f"{folded:,.0f} events/s",
            f"{raw:,.0f} events/s",
            folded / raw,
            "≥ 20% of raw COPY",
            {f"fold: {name} /1k events": ms for name, ms in fold_cpu.items()},
            passed=folded / raw >= 0.2,
            note=(
                f"{per_1k} while folding (the service's background fold emptying the inbox, "
                "the bench polling it); "
                + both_budget.note(
                    raw * 0.2,
                    "a fifth of the raw rate, acknowledged and folded",
                    per=1000,
                    unit="1,000 events, both phases",
                )
            ),
        ),
    ]


def _growth_queries(now: datetime, days: int) -> list[tuple[str, str, str, str, Any, float]]:
    """(kind, label, method, url, body, target ms); target URLs are filled in later."""
    day = (now - timedelta(days=days)).date().isoformat()
    end = (now + timedelta(days=1)).date().isoformat()
    frm = (now - timedelta(days=days)).isoformat()
    to = (now + timedelta(minutes=1)).isoformat()
    return [
        ("series", "ctr by day, Asia/Shanghai", "GET",
         f"/v1/metrics/ctr?from={day}&to={end}&tz=Asia/Shanghai", None, 50),
        ("series", "views by day, one channel", "GET",
         f"/v1/metrics/views?from={day}&to={end}&channel_id=ch-3", None, 50),
        ("series", "clicks by week by channel", "GET",
         f"/v1/metrics/clicks?from={day}&to={end}&interval=week&group_by=channel_id", None, 50),
        ("targets", "clicks for one channel", "GET", "target:clicks", None, 50),
        ("targets", "list ?status=at_risk", "GET", "/v1/targets?status=at_risk", None, 50),
        ("funnel", "impression > view > click > purchase, 7 days", "POST", "/v1/funnels/query",
         {"steps": [{"type": t} for t in ("impression", "view", "click", "purchase")],
          "from": frm, "to": to, "window_seconds": 7 * 86400}, 300),
        ("retention", "view > click, weekly x 4, Asia/Shanghai", "POST", "/v1/retention/query",
         {"cohort_event": "view", "return_event": "click", "from": frm, "to": to,
          "period": "week", "periods": 4, "tz": "Asia/Shanghai"}, 300),
    ]  # fmt: skip


# PostgreSQL plans a prepared statement's first five executions on a connection with their
# parameters' values; from the sixth it may keep a generic plan made without them.
_GENERIC_PLAN_AFTER = 6


def _metrics_pool_size(stack: BenchStack) -> int:
    from metrics_svc.config import Settings

    default = Settings.model_fields["db_pool_size"].default
    return int(stack.env("metrics").get("METRICS_DB_POOL_SIZE", default))


async def _query_times(
    ctx: Context, runs: int
) -> list[tuple[str, str, float, float, float, float]]:
    """(kind, label, median ms, slowest ms, target ms, metrics-svc CPU ms per query)."""
    mi = _metrics_bench()
    stack = ctx.stack
    now: datetime = ctx.facts["metrics_now"]
    headers = stack.internal_headers(mi.WORKSPACE, "metrics:read metrics:write")
    conn = await asyncpg.connect(stack.pg_url("metrics"))
    try:
        await conn.execute("VACUUM (ANALYZE)")  # what autovacuum does soon after a bulk load
    finally:
        await conn.close()
    proc = stack.process("metrics")
    out = []
    async with httpx.AsyncClient(base_url=stack.url("metrics"), headers=headers) as http:
        if "target_url" not in ctx.facts:
            r = await http.post(
                "/v1/targets",
                json={
                    "metric": "clicks",
                    "filters": {"channel_id": "ch-3"},
                    "period_start": (now - timedelta(days=28)).isoformat(),
                    "period_end": (now + timedelta(days=2)).isoformat(),
                    "target_value": 10_000,
                },
            )
            assert r.status_code == 201, r.text
            ctx.facts["target_url"] = f"/v1/targets/{r.json()['id']}"
        for kind, label, method, url, body, target in _growth_queries(now, 28):
            url = ctx.facts["target_url"] if url == "target:clicks" else url
            # The steady state of a dashboard that polls: every pooled connection of metrics-svc
            # has run the query more than five times, past where PostgreSQL may switch a
            # prepared statement to a generic plan (the funnel's took 30 s a call). The pool
            # hands out its idle connections in turn, so the calls below each find one there.
            for _ in range(_GENERIC_PLAN_AFTER * _metrics_pool_size(stack)):
                r = await http.request(method, url, json=body, timeout=120)
                assert r.status_code == 200, f"{url}: {r.status_code} {r.text[:300]}"
            times = []
            cpu0 = cpu_seconds(proc)
            for _ in range(runs):
                t0 = time.perf_counter()
                r = await http.request(method, url, json=body, timeout=120)
                times.append((time.perf_counter() - t0) * 1000)
                assert r.status_code == 200, f"{url}: {r.status_code} {r.text[:300]}"
            cpu = (cpu_seconds(proc) - cpu0) * 1000 / runs
            out.append((kind, label, statistics.median(times), max(times), float(target), cpu))
    return out


def scenario_growth(ctx: Context) -> list[Row]:
    s = ctx.sizes
    loaded: _Loaded = ctx.facts.setdefault("metrics_loaded", _Loaded())
    rows = []
    previous = 0
    for checkpoint in s.growth:
        if loaded.events < checkpoint:
            segment = (0, checkpoint) if previous == 0 else (previous, checkpoint)
            t0 = time.perf_counter()
            asyncio.run(_load_events(ctx, checkpoint, 0, loaded, segment))
            load_s = time.perf_counter() - t0
        else:
            load_s = 0.0
        for kind, label, ms, slowest, target, cpu in asyncio.run(_query_times(ctx, s.query_runs)):
            loaded_note = (
                f"{checkpoint - previous:,} events loaded through POST /v1/events in "
                f"{load_s:.0f} s before these queries; "
                if load_s and kind == "series" and label.startswith("ctr")
                else ""
            )
            rows.append(
                Row(
                    f"(7) growth at {checkpoint:,} events: {kind}: {label}",
                    f"{ms:,.1f} ms",
                    target=f"< {target:.0f} ms (median of {s.query_runs})",
                    cpu_ms={"metrics": cpu},
                    passed=ms < target,
                    note=f"{loaded_note}the slowest of the {s.query_runs} calls "
                    f"{slowest:,.1f} ms, timed after {_GENERIC_PLAN_AFTER} untimed calls per "
                    "pooled connection of metrics-svc",
                )
            )
        previous = checkpoint
    return rows


# ---------------------------------------------------------------- (8) memory, the generator


def scenario_memory(ctx: Context) -> list[Row]:
    rows = []
    for name in app_names(ctx.stack):
        now = rss_mb(ctx.stack.process(name))
        idle = ctx.idle_rss.get(name, [])
        worst = max([*now, *idle], default=0.0)
        rows.append(
            Row(
                f"(8) memory: {name}",
                f"{max(now, default=0):.0f} MB after load",
                f"{max(idle, default=0):.0f} MB idle" if idle else "",
                None,
                "≤ 150 MB RSS per process",
                passed=worst <= 150,
            )
        )
    return rows


def scenario_generator(ctx: Context) -> list[Row]:
    """How many requests a second the load generator drives at all: two of its processes
    against a trivial ASGI app (bench.loadgen.trivial_app) on uvicorn, one worker; each of its
    clients in turn, the run's own first."""
    port = free_port()
    log = (ctx.stack.log_dir / "trivial.log").open("ab")
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "bench.loadgen:trivial_app", "--host", "127.0.0.1",
         "--port", str(port), "--no-access-log", "--log-level", "warning"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    s = ctx.sizes
    clients = [s.client, *(c for c in loadgen.CLIENTS if c != s.client)]
    results = []
    try:
        wait_ready(f"http://127.0.0.1:{port}/")
        for client in clients:
            spec = LoadSpec(
                client=client,
                base_url=f"http://127.0.0.1:{port}",
                requests=[("GET", "/", None, None)],
                concurrency=s.concurrency,
                processes=2,
                duration_s=max(1.0, s.duration_s / 2),
                warmup_s=s.warmup_s,
            )
            path = str(ctx.workdir / f"trivial-{client}.json")
            results.append(loadgen.collect(spec, *loadgen.start(spec, path)))
    finally:
        proc.terminate()
        proc.wait(10)
        log.close()
    return [
        Row(
            f"load generator ({client} client): 2 processes against a trivial ASGI app",
            f"{result.rate:,.0f}/s",
            target="≥ 2,000/s (a few thousand)",
            cpu_ms={"generator": result.generator_cpu_ms},
            passed=result.rate >= 2000,
            note=(
                f"answers {_statuses(result)}; the generator, the trivial server and whatever else "
                f"runs here share {os.cpu_count()} cores, so this is a floor of what it can drive"
                + ("" if client == s.client else "; not the client of this run's loads")
            ),
            p50_ms=result.percentile(0.5),
            p99_ms=result.percentile(0.99),
        )
        for client, result in zip(clients, results, strict=True)
    ]


def generator_row(ctx: Context) -> Row:
    """What the load generator itself could do: its CPU per request in this run's heaviest load,
    and the most it was asked to drive."""
    loads = [r for r in ctx.loads if r.requests > 0]
    if not loads:
        return Row("load generator", "no load ran")
    cpu = statistics.median(r.generator_cpu_ms for r in loads)
    top = max(r.rate for r in loads)
    per_process = 1000 / cpu if cpu else math.inf
    return Row(
        f"load generator ({ctx.sizes.client} client, per process)",
        f"{cpu:.3f} ms CPU/request",
        "",
        None,
        "> the highest rate asked",
        passed=per_process * 0.7 > top,
        note=(
            f"one generator process can drive about {per_process:,.0f} req/s on a free core "
            f"(1000 / its CPU ms per request, median over this run's loads); the highest rate "
            f"any load reached here was {top:,.0f} req/s; more processes (LoadSpec.processes) "
            "add more, as long as the machine has cores to spare"
        ),
    )


# ---------------------------------------------------------------- main

SCENARIOS: dict[str, Callable[[Context], list[Row]]] = {
    "claims": scenario_claims,
    "redeem": scenario_redeem,
    "reads": scenario_reads,
    "gateway": scenario_gateway,
    "workers": scenario_workers,
    "ingest": scenario_ingest,
    "growth": scenario_growth,
    "generator": scenario_generator,
    "memory": scenario_memory,  # last: memory after every load
}


# The scenarios run ``Sizes.rounds`` times, each row the median of its rounds (``merge_rounds``):
# the loads whose CPU per request and ratios have targets. The gateway's overhead row takes
# its own median over pairs of slices; ingest and growth take theirs over chunks and queries.
REPEATED = frozenset({"claims", "redeem", "reads", "workers"})


def run_rounds(scenario: Callable[[Context], list[Row]], ctx: Context, rounds: int) -> list[Row]:
    """``scenario`` run ``rounds`` times (each round printed), its rows their medians
    (``merge_rounds``)."""
    results = []
    for i in range(rounds):
        results.append(scenario(ctx))
        if rounds > 1:
            for row in results[-1]:
                ratio = "" if row.ratio is None else f", ratio {row.ratio:.0%}"
                print(
                    f"   round {i + 1}: {row.scenario.split(':')[0]}: {row.ours} vs "
                    f"{row.baseline}{ratio}; CPU ms {row.cpu_text()}",
                    flush=True,
                )
    return merge_rounds(results)


@contextlib.contextmanager
def running_stack(log_dir: Path, server_url: str | None = None) -> Iterator[tuple[str, BenchStack]]:
    where, url = ("given server", server_url) if server_url else admin_url()
    with bench_stack(url, log_dir, prefix=f"bench_{os.getpid()}") as stack:
        yield where, stack


def run(
    names: list[str], sizes: Sizes, *, log_dir: Path, server_url: str | None = None
) -> tuple[list[Row], str]:
    """Start the stack, run the scenarios ``names`` in order; the rows and where the database
    was."""
    rows: list[Row] = []
    with (
        tempfile.TemporaryDirectory(prefix="mediaops-bench-") as workdir,
        running_stack(log_dir, server_url) as (where, stack),
    ):
        ctx = Context(stack, sizes, Path(workdir))
        time.sleep(1.0)  # let start-up settle before reading idle memory
        ctx.idle_rss = {name: rss_mb(stack.process(name)) for name in app_names(stack)}
        for name in names:
            LOAD_AVERAGES.append(os.getloadavg()[0])
            print(f"== {name}", flush=True)
            t0 = time.perf_counter()
            new = run_rounds(SCENARIOS[name], ctx, sizes.rounds if name in REPEATED else 1)
            for row in new:
                print("   " + " | ".join(c for c in row.cells() if c), flush=True)
            print(f"   ({time.perf_counter() - t0:.0f} s)", flush=True)
            rows += new
        rows.append(generator_row(ctx))
    LOAD_AVERAGES.append(os.getloadavg()[0])
    return rows, where


# The machine's 1-minute load average before each scenario and at the end: other work on the
# machine shows here, and with it how far throughput ratios can be trusted.
LOAD_AVERAGES: list[float] = []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--only", help="comma-separated scenarios: " + ",".join(SCENARIOS))
    parser.add_argument("--duration", type=float, default=Sizes.duration_s, help="s per load")
    parser.add_argument(
        "--growth", help="comma-separated event counts for growth (default 1000000)"
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=None,
        help=f"rounds of {', '.join(sorted(REPEATED))}, each row their median; odd "
        f"(default {Sizes.rounds})",
    )
    parser.add_argument("--quick", action="store_true", help="a few requests each (smoke test)")
    parser.add_argument(
        "--client",
        choices=loadgen.CLIENTS,
        default=Sizes.client,
        help="the load generator's HTTP client (bench/loadgen.py)",
    )
    parser.add_argument("--no-write", action="store_true", help="do not touch bench/RESULTS.md")
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--command", default=None, help="the command named in RESULTS.md")
    parser.add_argument("--log-dir", type=Path, default=ROOT / "var" / "bench" / "logs")
    args = parser.parse_args(argv)
    sizes = Sizes.quick() if args.quick else Sizes(duration_s=args.duration)
    sizes.client = args.client
    if args.rounds is not None:
        if args.rounds < 1 or args.rounds % 2 == 0:
            parser.error("--rounds must be odd (1, 3, 5 …): each row is the median round")
        sizes.rounds = args.rounds
    if args.growth:
        sizes.growth = tuple(int(n) for n in args.growth.split(","))
    names = args.only.split(",") if args.only else list(SCENARIOS)
    unknown = [n for n in names if n not in SCENARIOS]
    if unknown:
        parser.error(f"unknown scenarios {unknown}; choose from {list(SCENARIOS)}")
    started = datetime.now(UTC)
    t0 = time.perf_counter()
    rows, where = run(names, sizes, log_dir=args.log_dir)
    seconds = time.perf_counter() - t0
    command = args.command or "python -m bench.run " + " ".join(argv or sys.argv[1:])
    print_table(rows, f"{command} — {started:%Y-%m-%d %H:%M} UTC")
    if not args.no_write:
        growth_only = names == ["ingest", "growth"] and max(sizes.growth) > 1_000_000
        repeated = [n for n in names if n in REPEATED]
        rounds_note = (
            f"; {', '.join(repeated)} each the median of {sizes.rounds} rounds"
            if repeated and sizes.rounds > 1
            else ""
        )
        extra = (
            f"- Sizes: {sizes.duration_s:g} s per load after {sizes.warmup_s:g} s of warm-up, "
            f"{sizes.concurrency} clients, raw baselines on a {sizes.pool}-connection asyncpg "
            f"pool; {sizes.ingest_events:,} events for ingest, growth at "
            f"{', '.join(f'{n:,}' for n in sizes.growth)} events{rounds_note}.\n"
            f"- Load average (1 min) before each scenario and at the end: "
            f"{', '.join(f'{x:.1f}' for x in LOAD_AVERAGES)} on {os.cpu_count()} cores. Above "
            "the core count other work competed for the CPU: throughput and its ratios then "
            "vary from run to run far more than CPU per request does.\n"
        )
        section = render_section(
            rows,
            command=command,
            started=started,
            seconds=seconds,
            database=where,
            extra=extra,
            client=sizes.client,
        )
        if growth_only:
            write_results(args.results, section, begin=GROWTH_BEGIN, end=GROWTH_END)
        else:
            write_results(args.results, section)
        print(f"written to {args.results}")
    return 0


def _git_describe() -> str:
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
    return "unknown"


if __name__ == "__main__":
    raise SystemExit(main())
