"""The stack `make bench` measures: PostgreSQL, the four services and the gateway as real uvicorn
processes on free ports, migrated, with the production settings (no test-only knobs).

It reuses the end-to-end tests' ``Stack`` (tests/e2e/stack.py: ports, environment, commands,
readiness, logs) and changes only what a benchmark needs: production poll intervals, rate limits
the load never exhausts (the limiter still runs on every request), and a worker count per app.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from gateway.token import mint_token
from servicekit.embedded_pg import ensure_database
from servicekit.migrations import upgrade_head
from servicekit.testing.databases import create_test_database, drop_test_database
from tests.e2e.stack import (
    GATEWAY_DATABASE,
    INTERNAL_TOKEN,
    JWT_SECRET,
    ROOT,
    SERVICES,
    Stack,
    service_of,
)

__all__ = ["GATEWAY_DATABASE", "INTERNAL_TOKEN", "ROOT", "SERVICES", "BenchStack", "bench_stack"]

# Where `make bench` keeps its own embedded PostgreSQL (not `make run`'s var/pg).
BENCH_PG_DIR = ROOT / "var" / "bench-pg"
ROUTE_CLASSES = ("read", "write", "ingest", "redeem", "claim", "referral", "callback")
# Settings tests/e2e/stack.py adds for the tests' sake (fast polls, short leases, private
# webhook targets): a benchmark runs with each service's defaults instead.
_TEST_ONLY = (
    "_RELAY_POLL_INTERVAL_S",
    "_RELAY_RETRY_MAX_S",
    "_JOB_POLL_INTERVAL_S",
    "_JOB_LEASE_S",
    "_WEBHOOK_ALLOW_PRIVATE",
)


def worker_args(workers: int) -> list[str]:
    """How an app is asked to run ``workers`` processes: THE one place to change when the apps
    get their own worker setting (today uvicorn's ``--workers``, which WEB_CONCURRENCY also
    sets)."""
    return ["--workers", str(workers)]


def gateway_bench_env() -> dict[str, str]:
    """Rate limits no benchmark load exhausts: the limiter runs on every request (its cost is
    measured) but never answers 429. The code-guessing guard likewise counts every refusal (a
    sell-out answers 409 to the customers too late) but never slows or blocks the one token the
    load is sent with."""
    env = {
        "GATEWAY_GUARD_SLOW_AFTER": "1000000000",
        "GATEWAY_GUARD_BLOCK_AFTER": "1000000000",
    }
    for cls in ROUTE_CLASSES:
        env[f"GATEWAY_RATE_LIMIT_{cls.upper()}_PER_MINUTE"] = "60000000"
        env[f"GATEWAY_RATE_LIMIT_{cls.upper()}_BURST"] = "1000000"
    return env


@dataclass
class BenchStack(Stack):
    # Worker processes per process name (absent: uvicorn's default, one).
    workers: dict[str, int] = field(default_factory=dict)

    def env(self, name: str) -> dict[str, str]:
        env = {k: v for k, v in super().env(name).items() if not k.endswith(_TEST_ONLY)}
        env.pop("WEB_CONCURRENCY", None)  # the worker count is worker_args' alone
        if name.startswith("gateway"):
            env.update(gateway_bench_env())
        return env

    def command(self, name: str) -> list[str]:
        command = super().command(name)
        if name in self.workers:
            command += worker_args(self.workers[name])
        return command

    def start_app(self, name: str, workers: int) -> str:
        """Another process of an app (``content-2``…) on the same database with ``workers``
        workers; ``stop(name)`` ends it. Its URL."""
        self.workers[name] = workers
        self.start(name)
        return self.url(name)

    def token(self, workspace: str, scopes: list[str]) -> str:
        return mint_token(JWT_SECRET, workspace=workspace, scopes=scopes, ttl_s=3600)

    def internal_headers(self, workspace: str, scopes: str) -> dict[str, str]:
        """What the gateway forwards to a service: for calling a service directly."""
        return {
            "X-Internal-Token": INTERNAL_TOKEN,
            "X-Workspace-Id": workspace,
            "X-Scopes": scopes,
            "X-Actor-Id": "bench",
        }

    def pg_url(self, database: str) -> str:
        """A plain ``postgresql://`` URL of ``database`` (a service's name or the gateway's) for
        asyncpg."""
        url = self.database_urls[database]
        return url.replace("postgresql+asyncpg://", "postgresql://", 1)

    def process(self, name: str) -> psutil.Process:
        return psutil.Process(self.procs[name].pid)


def tree(proc: psutil.Process) -> list[psutil.Process]:
    """A process and its children (uvicorn's workers)."""
    try:
        return [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def cpu_seconds(proc: psutil.Process) -> float:
    """User + system CPU time of a process and its children that are alive now."""
    total = 0.0
    for p in tree(proc):
        try:
            t = p.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += t.user + t.system
    return total


def rss_mb(proc: psutil.Process) -> list[float]:
    """Resident memory of each process of the tree (the supervisor first), in MB."""
    out = []
    for p in tree(proc):
        try:
            out.append(p.memory_info().rss / 2**20)
        except psutil.NoSuchProcess:
            continue
    return out


def admin_url() -> tuple[str, str]:
    """``(where, admin URL)``: ``BENCH_DATABASE_URL`` when set, else the embedded PostgreSQL in
    var/bench-pg (started here, stopped when this process exits)."""
    if url := os.environ.get("BENCH_DATABASE_URL"):
        return "external PostgreSQL (BENCH_DATABASE_URL)", url
    url = ensure_database(BENCH_PG_DIR, "postgres", keep_running=False)
    return "embedded PostgreSQL (servicekit.embedded_pg, var/bench-pg)", url


@contextmanager
def bench_stack(server_url: str, log_dir: Path, prefix: str = "bench") -> Iterator[BenchStack]:
    """Fresh databases ``<prefix>_<name>`` on the server at ``server_url``, migrated; the four
    services and the gateway started; everything stopped and dropped afterwards."""
    log_dir.mkdir(parents=True, exist_ok=True)
    names = {db: f"{prefix}_{db}" for db in (*SERVICES, GATEWAY_DATABASE)}
    urls = {db: create_test_database(server_url, name) for db, name in names.items()}
    running = BenchStack(urls, log_dir)
    try:
        # One at a time: Alembic's `context` is process-global.
        for svc in SERVICES:
            upgrade_head(ROOT / "services" / f"{svc}-svc" / "alembic.ini", urls[svc])
        upgrade_head(ROOT / "gateway" / "alembic.ini", urls[GATEWAY_DATABASE])
        running.start_all()
        yield running
    finally:
        running.stop_all()
        for name in names.values():
            drop_test_database(server_url, name)


def app_names(stack: BenchStack) -> list[str]:
    return [n for n in stack.procs if service_of(n) in SERVICES or n.startswith("gateway")]
