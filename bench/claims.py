"""Coupon claim and redeem benchmark: the HTTP routes against their own SQL statements.

In one run, on one campaign (running) and one coupon batch with enough stock:

  (a) raw claim: campaign-svc's claim statement (stock, per-customer limit and the code's owner
      in one statement, ``BASELINE_CLAIM_SQL``: as it was when the target "half the raw rate"
      was set, kept here so the baseline does not move with the service) run by asyncpg from
      ``--clients`` tasks on a 20-connection pool, one statement (its own transaction) a claim;
      and, for reference, the service's claim statement as it is now
      (``coupons.repository._CLAIM``, which also returns the code's row and writes the
      claim's outbox row) the same way;
  (b) ``POST /v1/coupon-batches/{id}/claims`` from ``--clients`` concurrent clients (aiohttp, in
      a separate process so the load generator's CPU is not the server's), each request with
      its own ``Idempotency-Key``, straight to campaign-svc and, given a gateway, through it;
  (c) raw redeem: the redeem's conditional UPDATE (claimed → redeemed; the issue's baseline,
      now the head of ``CouponRepository.redeem``'s statement) on codes claimed in (a), as (a);
  (d) ``POST /v1/coupons/{code}/redeem`` on codes claimed in (b), as (b);
  (e) a sell-out: a batch of ``SELL_OUT_STOCK`` codes (2 per customer) and twice as many claims
      from fewer customers, all at once: exactly the stock is granted, never more.

For each HTTP path: requests/s, the ratio to its raw statement, and campaign-svc's CPU time
(user + system of the server process and its children, psutil) per request. Afterwards the
database is checked: claims never beyond stock (the batch counter, the claimed codes and the
201s agree), never more than the per-customer limit, every redeemed code redeemed once;
``over_claims`` counts every violation and must be 0.

    uv run --frozen --all-packages python bench/claims.py [--claims 3000] [--rounds 3]

starts what it needs (a scratch database on ``--server-url``, campaign-svc with one worker and
its relay off, and with ``--gateway`` the gateway with rate limits off). ``make bench`` calls
``run_claims_bench(service_url, gateway_url, database_url, ...)`` on apps it has started
itself; the gateway given there must let the claims through (rate limits off or high) and
accept tokens signed with ``jwt_secret``. Not run by the tests.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import multiprocessing
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import psutil

# The bench's services run in development mode and are called with the development internal
# token (DEV_INTERNAL_TOKEN) and the development JWT secret.
os.environ.setdefault("MEDIAOPS_ENV", "development")

from campaign_svc.coupons.repository import _CLAIM
from campaign_svc.coupons.vocabulary import CouponStatus
from gateway.config import DEV_JWT_SECRET
from gateway.token import mint_token
from servicekit.db import DriverStatement
from servicekit.migrations import upgrade_head
from servicekit.settings import DEV_INTERNAL_TOKEN

BENCH_DIR = Path(__file__).resolve().parent
CAMPAIGN_DIR = BENCH_DIR.parent / "services" / "campaign-svc"
WORKSPACE = "bench-claims"
SCOPES = ("campaign:read", "campaign:write")
RAW_POOL_SIZE = 20
SELL_OUT_STOCK = 200

# The raw redeem: the conditional UPDATE a redeem sent when the target was set (now the first part
# of CouponRepository.redeem's one statement), as one asyncpg statement.
_REDEEM_SQL = f"""
UPDATE coupon SET status = '{CouponStatus.REDEEMED}', redeemed_at = now(), updated_at = now()
WHERE workspace_id = $1 AND id = $2 AND status = '{CouponStatus.CLAIMED}' AND customer_id = $3
  AND valid_from <= now() AND valid_until > now()
RETURNING redeemed_at
"""


# The claim statement of 2026-12-04 (stock, per-customer limit and the code's owner, nothing
# else), the baseline of the "half the raw claim statement's rate". Its pick orders by
# id as the service's does since 2026-12-06: without it, once autovacuum had analyzed the
# coupon table, the prepared statement's generic plan scanned the whole table for each claim
# and this baseline fell to a tenth of its rate (bench/RESULTS.md, 2026-12-06 (late morning)),
# which would have made any path look fast beside it.
BASELINE_CLAIM_SQL = f"""
WITH per_customer AS (
    INSERT INTO coupon_customer_claim (batch_id, customer_id, workspace_id, claimed_count)
    VALUES (:batch_id, :customer_id, :workspace_id, 1)
    ON CONFLICT (batch_id, customer_id) DO UPDATE
        SET claimed_count = coupon_customer_claim.claimed_count + 1
        WHERE coupon_customer_claim.claimed_count < :per_customer_limit
    RETURNING claimed_count
), stock AS (
    UPDATE coupon_batch SET claimed_count = claimed_count + 1, updated_at = now()
    WHERE id = :batch_id AND workspace_id = :workspace_id
      AND claimed_count < total_quantity
      AND EXISTS (SELECT 1 FROM per_customer)
    RETURNING claimed_count
), picked AS (
    SELECT id FROM coupon
    WHERE batch_id = :batch_id AND status = '{CouponStatus.AVAILABLE}'
      AND EXISTS (SELECT 1 FROM stock)
    ORDER BY id
    LIMIT 1
    FOR UPDATE SKIP LOCKED
), claimed AS (
    UPDATE coupon SET
        status = '{CouponStatus.CLAIMED}',
        customer_id = :customer_id,
        claimed_at = now(),
        updated_at = now(),
        valid_from = CASE WHEN CAST(:valid_days AS integer) IS NULL
                          THEN CAST(:valid_from AS timestamptz) ELSE now() END,
        valid_until = CASE WHEN CAST(:valid_days AS integer) IS NULL
                           THEN CAST(:valid_until AS timestamptz)
                           ELSE now() + make_interval(days => CAST(:valid_days AS integer)) END,
        source = :source
    WHERE id = (SELECT id FROM picked) AND status = '{CouponStatus.AVAILABLE}'
    RETURNING id
)
SELECT EXISTS (SELECT 1 FROM per_customer) AS within_customer_limit,
       EXISTS (SELECT 1 FROM stock) AS within_stock,
       (SELECT id FROM claimed) AS coupon_id
"""
# Both as asyncpg runs them ($n), with their parameters' names in order.
_BASELINE = DriverStatement(BASELINE_CLAIM_SQL)
RAW_CLAIM_SQL, RAW_CLAIM_PARAMS = _BASELINE.sql, list(_BASELINE.names)
_NOW_CLAIM_SQL, _NOW_CLAIM_PARAMS = _CLAIM.sql, list(_CLAIM.names)


@dataclass
class PathResult:
    name: str
    requests: int
    seconds: float
    per_s: float
    statuses: dict[int, int]
    cpu_ms_per_request: float | None = None
    ratio_to_raw: float | None = None


@dataclass
class ClaimsBench:
    clients: int
    raw_claim: PathResult
    raw_redeem: PathResult
    raw_claim_now: PathResult | None = None
    http: list[PathResult] = field(default_factory=list)
    over_claims: int = 0
    over_claim_details: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def results(self) -> list[PathResult]:
        now = [self.raw_claim_now] if self.raw_claim_now is not None else []
        return [self.raw_claim, *now, self.raw_redeem, *self.http]


# ------------------------------------------------------------------ load in another process


def _load_in_process(
    base: str, headers: dict[str, str], requests: list[tuple[str, bytes]], clients: int
) -> tuple[float, dict[int, int], list[str]]:
    """Run ``requests`` (path, JSON body) from ``clients`` concurrent aiohttp clients; the
    seconds it took, the count of each status, and the body of each 201."""
    return asyncio.run(_load(base, headers, requests, clients))


async def _load(
    base: str, headers: dict[str, str], requests: list[tuple[str, bytes]], clients: int
) -> tuple[float, dict[int, int], list[str]]:
    import aiohttp  # only in the load process

    statuses: Counter[int] = Counter()
    created: list[str] = []
    queue = iter(requests)
    connector = aiohttp.TCPConnector(limit=clients, keepalive_timeout=2.0)
    async with aiohttp.ClientSession(base, headers=headers, connector=connector) as http:

        async def client() -> None:
            for path, body in queue:
                key = {"Idempotency-Key": uuid.uuid4().hex}
                async with http.post(path, data=body, headers=key) as r:
                    text = await r.text()
                    statuses[r.status] += 1
                    if r.status == 201:
                        created.append(text)

        # Warm the connections first (one request each is part of the run anyway).
        started = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        elapsed = time.perf_counter() - started
    return elapsed, dict(statuses), created


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds of ``pid`` and its children (uvicorn workers)."""
    proc = psutil.Process(pid)
    total = 0.0
    for p in [proc, *proc.children(recursive=True)]:
        with contextlib.suppress(psutil.NoSuchProcess):
            times = p.cpu_times()
            total += times.user + times.system
    return total


def _pid_listening_on(url: str) -> int | None:
    port = int(url.rsplit(":", 1)[1].split("/")[0])
    with contextlib.suppress(psutil.AccessDenied):
        for conn in psutil.net_connections("tcp"):
            if conn.status == psutil.CONN_LISTEN and conn.laddr.port == port and conn.pid:
                return int(conn.pid)
    return None


def _json(body: dict[str, Any]) -> bytes:
    return json.dumps(body).encode()


async def _http_path(
    name: str,
    base: str,
    headers: dict[str, str],
    requests: list[tuple[str, bytes]],
    clients: int,
    server_pid: int | None,
) -> tuple[PathResult, list[str]]:
    loop = asyncio.get_running_loop()
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
        # Start the load process (imports aiohttp) before the CPU clock starts.
        await loop.run_in_executor(pool, int, "0")
        cpu_before = _cpu_s(server_pid) if server_pid else 0.0
        seconds, statuses, created = await loop.run_in_executor(
            pool, _load_in_process, base, headers, requests, clients
        )
        cpu_after = _cpu_s(server_pid) if server_pid else 0.0
    n = len(requests)
    return (
        PathResult(
            name,
            n,
            seconds,
            n / seconds,
            statuses,
            cpu_ms_per_request=(cpu_after - cpu_before) * 1000 / n if server_pid else None,
        ),
        created,
    )


# ------------------------------------------------------------------ raw statements


async def _raw(
    name: str, pool: asyncpg.Pool, sql: str, args: list[tuple[Any, ...]], clients: int
) -> tuple[PathResult, list[Any]]:
    queue = iter(enumerate(args))
    results: list[Any] = [None] * len(args)

    async def task() -> None:
        for i, a in queue:
            async with pool.acquire() as conn:
                results[i] = await conn.fetchrow(sql, *a)

    started = time.perf_counter()
    await asyncio.gather(*(task() for _ in range(clients)))
    seconds = time.perf_counter() - started
    return PathResult(name, len(args), seconds, len(args) / seconds, {}), results


def _claim_args(
    batch: dict[str, Any], customer: str, names: list[str] = RAW_CLAIM_PARAMS
) -> tuple[Any, ...]:
    values = {
        "payload": json.dumps({"actor_id": customer}),
        "outbox_workspace_id": WORKSPACE,
        "outbox_event_type": "coupon.claimed",
        "batch_id": uuid.UUID(batch["id"]),
        "workspace_id": WORKSPACE,
        "customer_id": customer,
        "per_customer_limit": batch["per_customer_limit"],
        "valid_days": batch["valid_days"],
        "valid_from": None,
        "valid_until": None,
        "source": None,
    }
    return tuple(values[n] for n in names)


# ------------------------------------------------------------------ setup and checks


def _service_headers() -> dict[str, str]:
    return {
        "X-Internal-Token": DEV_INTERNAL_TOKEN,
        "X-Workspace-Id": WORKSPACE,
        "X-Actor-Id": "bench",
        "X-Scopes": " ".join(SCOPES),
        "Content-Type": "application/json",
    }


def _gateway_headers(jwt_secret: str) -> dict[str, str]:
    token = mint_token(jwt_secret, workspace=WORKSPACE, scopes=SCOPES, subject="bench")
    return {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}


async def _setup(base: str, quantity: int, per_customer_limit: int) -> dict[str, Any]:
    """A running campaign and a batch of ``quantity`` codes valid 30 days after each claim."""
    now = datetime.now(UTC)
    async with httpx.AsyncClient(base_url=base, headers=_service_headers(), timeout=120) as c:
        r = await c.post(
            "/v1/campaigns",
            json={
                "name": "Double 11 flash sale (bench)",
                "kind": "flash_sale",
                "starts_at": (now - timedelta(hours=1)).isoformat(),
                "ends_at": (now + timedelta(days=2)).isoformat(),
            },
        )
        r.raise_for_status()
        campaign = r.json()
        for target in ("scheduled", "running"):
            if campaign["status"] != "running":
                r = await c.post(f"/v1/campaigns/{campaign['id']}/status", json={"status": target})
                r.raise_for_status()
                campaign = r.json()
        r = await c.post(
            "/v1/coupon-batches",
            json={
                "campaign_id": campaign["id"],
                "name": "¥30 off",
                "discount_type": "fixed",
                "amount_off": 3000,
                "min_spend": 10000,
                "total_quantity": quantity,
                "per_customer_limit": per_customer_limit,
                "valid_days": 30,
            },
        )
        r.raise_for_status()
        batch: dict[str, Any] = r.json()
        return batch


async def _check(conn: asyncpg.Connection, batch: dict[str, Any], granted: int) -> list[str]:
    """Every way a batch could have given more than it may; empty when it held."""
    problems = []
    bid = uuid.UUID(batch["id"])
    counter, total = await conn.fetchrow(
        "SELECT claimed_count, total_quantity FROM coupon_batch WHERE id = $1", bid
    )
    taken = await conn.fetchval(
        "SELECT count(*) FROM coupon WHERE batch_id = $1 AND customer_id IS NOT NULL", bid
    )
    if counter > total:
        problems.append(f"batch {bid}: claimed_count {counter} > total_quantity {total}")
    if taken > total:
        problems.append(f"batch {bid}: {taken} codes have an owner, stock {total}")
    if taken != counter:
        problems.append(f"batch {bid}: {taken} codes have an owner, claimed_count {counter}")
    if granted > taken:
        problems.append(f"batch {bid}: {granted} claims answered 201, {taken} codes have an owner")
    over_limit = await conn.fetchval(
        "SELECT count(*) FROM (SELECT customer_id FROM coupon WHERE batch_id = $1 "
        "AND customer_id IS NOT NULL GROUP BY customer_id HAVING count(*) > $2) AS c",
        bid,
        batch["per_customer_limit"],
    )
    if over_limit:
        problems.append(f"batch {bid}: {over_limit} customers over their limit")
    twice = await conn.fetchval(
        "SELECT count(*) FROM (SELECT coupon_id FROM coupon_redemption WHERE batch_id = $1 "
        "AND status = 'applied' GROUP BY coupon_id HAVING count(*) > 1) AS r",
        bid,
    )
    if twice:
        problems.append(f"batch {bid}: {twice} codes redeemed more than once")
    return problems


# ------------------------------------------------------------------ the bench


async def run_claims_bench(
    service_url: str,
    gateway_url: str | None,
    database_url: str,
    *,
    claims: int = 3000,
    clients: int = 64,
    service_pid: int | None = None,
    jwt_secret: str = DEV_JWT_SECRET,
) -> ClaimsBench:
    """Run (a) to (e) once against a running campaign-svc (``service_url``, its database at
    ``database_url``) and, when given, a gateway in front of it; ``service_pid`` is the
    server's process (found by its listening port when not given) for CPU per request."""
    service_pid = service_pid or _pid_listening_on(service_url)
    targets = [("direct", service_url, _service_headers())]
    if gateway_url:
        targets.append(("gateway", gateway_url, _gateway_headers(jwt_secret)))
    # Stock for the raw claims, every HTTP path's claims, and a margin: no claim is refused.
    batch = await _setup(service_url, claims * (len(targets) + 2) + 100, 1)
    path = f"/v1/coupon-batches/{batch['id']}/claims"
    run_id = uuid.uuid4().hex[:8]
    # The raw statements' pool is open only while they run: PostgreSQL's connections are
    # shared with the service under test (its pool and overflow), and a refused connection
    # would be a 500 that says nothing about the route.
    pool = await asyncpg.create_pool(database_url, min_size=RAW_POOL_SIZE, max_size=RAW_POOL_SIZE)
    checks = await asyncpg.connect(database_url)
    try:
        # (a) raw claims
        customers = [f"raw-{run_id}-{i}" for i in range(claims)]
        raw_claim, rows = await _raw(
            "raw claim statement (asyncpg)",
            pool,
            RAW_CLAIM_SQL,
            [_claim_args(batch, c) for c in customers],
            clients,
        )
        raw_granted = sum(1 for r in rows if r["coupon_id"] is not None)
        assert raw_granted == claims, f"raw claims granted {raw_granted} of {claims}"
        raw_coupons = [(r["coupon_id"], c) for r, c in zip(rows, customers, strict=True)]
        bench = ClaimsBench(clients, raw_claim, raw_claim)
        if _NOW_CLAIM_SQL.strip() != RAW_CLAIM_SQL.strip():
            now_customers = [f"now-{run_id}-{i}" for i in range(claims)]
            bench.raw_claim_now, rows = await _raw(
                "service's claim statement now (asyncpg)",
                pool,
                _NOW_CLAIM_SQL,
                [_claim_args(batch, c, _NOW_CLAIM_PARAMS) for c in now_customers],
                clients,
            )
            raw_granted += sum(1 for r in rows if r["id"] is not None)

        await pool.close()

        # (b) HTTP claims
        claimed: dict[str, list[dict[str, Any]]] = {}
        for label, base, headers in targets:
            requests = [
                (path, _json({"customer_id": f"{label}-{run_id}-{i}"})) for i in range(claims)
            ]
            result, created = await _http_path(
                f"POST …/claims, {label}", base, headers, requests, clients, service_pid
            )
            result.ratio_to_raw = result.per_s / raw_claim.per_s
            bench.http.append(result)
            claimed[label] = [json.loads(c) for c in created]

        # (c) raw redeem, on the raw claims' codes
        pool = await asyncpg.create_pool(
            database_url, min_size=RAW_POOL_SIZE, max_size=RAW_POOL_SIZE
        )
        bench.raw_redeem, redeemed = await _raw(
            "raw redeem statement (asyncpg)",
            pool,
            _REDEEM_SQL,
            [(WORKSPACE, coupon_id, customer) for coupon_id, customer in raw_coupons],
            clients,
        )
        assert all(r is not None for r in redeemed), "a raw redeem found its code unusable"

        await pool.close()

        # (d) HTTP redeem, on each path's own claims
        for label, base, headers in targets:
            requests = [
                (
                    f"/v1/coupons/{c['code']}/redeem",
                    _json(
                        {
                            "customer_id": c["customer_id"],
                            "order_id": f"order-{c['code']}",
                            "order_amount": 25900,
                        }
                    ),
                )
                for c in claimed[label]
            ]
            result, _ = await _http_path(
                f"POST …/redeem, {label}", base, headers, requests, clients, service_pid
            )
            result.ratio_to_raw = result.per_s / bench.raw_redeem.per_s
            bench.http.append(result)

        granted = sum(r.statuses.get(201, 0) for r in bench.http if "claims" in r.name)
        bench.over_claim_details += await _check(checks, batch, raw_granted + granted)

        # (e) the sell-out: twice the stock asked for by customers who may take 2 each
        sold = await _setup(service_url, SELL_OUT_STOCK, 2)
        sell_path = f"/v1/coupon-batches/{sold['id']}/claims"
        requests = [
            (sell_path, _json({"customer_id": f"sell-{run_id}-{i % (SELL_OUT_STOCK // 2)}"}))
            for i in range(SELL_OUT_STOCK * 2)
        ]
        # Straight to the service: through the gateway, its code-guessing guard would soon
        # answer this one actor's refused claims (409s) with 429s instead.
        result, _ = await _http_path(
            "sell-out (direct)", service_url, _service_headers(), requests, clients, None
        )
        granted_sold = result.statuses.get(201, 0)
        if granted_sold > SELL_OUT_STOCK:
            bench.over_claim_details.append(f"sell-out: {granted_sold} granted, stock 200")
        bench.over_claim_details += await _check(checks, sold, granted_sold)
        bench.over_claims = len(bench.over_claim_details)
        # Not over-claims, but worth seeing: answers other than 201 and 409, or a sell-out
        # that left stock behind.
        if set(result.statuses) - {201, 409}:
            bench.notes.append(f"sell-out: answers {result.statuses}")
        if granted_sold < SELL_OUT_STOCK:
            bench.notes.append(f"sell-out: {granted_sold} granted of 200")
        return bench
    finally:
        await pool.close()
        await checks.close()


# ------------------------------------------------------------------ the command line


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serve(
    app: str, env: dict[str, str], workers: int = 1
) -> Iterator[tuple[str, int, tempfile._TemporaryFileWrapper[bytes]]]:
    """``uvicorn --factory app`` on a free port until the block ends: its URL, its pid and
    the file its output goes to."""
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "--factory", app, "--host", "127.0.0.1"]
    command += ["--port", str(port), "--workers", str(workers), "--no-access-log"]
    command += ["--log-level", "warning"]
    # Output to a file, not a pipe: nobody reads it while the load runs.
    stderr = tempfile.NamedTemporaryFile(prefix="bench-claims-", suffix=".log")
    proc = subprocess.Popen(
        command, env={**os.environ, **env}, stdout=stderr, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                stderr.seek(0)
                raise RuntimeError(f"{app} exited: {stderr.read().decode()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"{app} did not start")
            time.sleep(0.1)
        yield url, proc.pid, stderr
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        stderr.close()


def _logged_error(line: str) -> bool:
    """Whether a line of an app's log is a JSON line at level error."""
    try:
        entry = json.loads(line)
    except ValueError:
        return False
    return isinstance(entry, dict) and entry.get("level") == "error"


def _print_errors(log: str) -> None:
    """The distinct errors campaign-svc logged so far (what a 5xx in a round was)."""
    errors: Counter[str] = Counter()
    with open(log, errors="replace") as lines:
        for line in lines:
            if _logged_error(line) or "Error:" in line:
                errors[re.sub(r"[0-9a-f-]{32,36}|\d+(\.\d+)?", "N", line.strip())[:300]] += 1
    for error, count in errors.most_common(5):
        print(f"  campaign-svc logged {count}x: {error}", flush=True)


def _table(runs: list[ClaimsBench]) -> str:
    names = [r.name for r in runs[0].results()]

    def result(bench: ClaimsBench, name: str) -> PathResult:
        return next(r for r in bench.results() if r.name == name)

    head = " | ".join(f"R{i + 1}" for i in range(len(runs)))
    lines = [
        f"| {runs[0].clients} clients | {head} | median | ratio to raw (median) | "
        "campaign-svc CPU ms/request (median) |",
        "|---|" + "---:|" * (len(runs) + 3),
    ]
    for name in names:
        results = [result(b, name) for b in runs]
        rates = " | ".join(f"{r.per_s:,.0f}/s" for r in results)
        ratios = [r.ratio_to_raw for r in results if r.ratio_to_raw is not None]
        cpus = [r.cpu_ms_per_request for r in results if r.cpu_ms_per_request is not None]
        ratio = f"{statistics.median(ratios):.0%}" if ratios else ""
        cpu = f"{statistics.median(cpus):.2f}" if cpus else ""
        lines.append(
            f"| {name} | {rates} | {statistics.median(r.per_s for r in results):,.0f}/s | "
            f"{ratio} | {cpu} |"
        )
    lines.append(
        "| over-claims | "
        + " | ".join(str(b.over_claims) for b in runs)
        + f" | {max(b.over_claims for b in runs)} | | |"
    )
    return "\n".join(lines)


async def _create_database(server_url: str, name: str) -> str:
    admin = await asyncpg.connect(server_url)
    await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    return server_url.rsplit("/", 1)[0] + f"/{name}"


async def _drop_database(server_url: str, name: str) -> None:
    admin = await asyncpg.connect(server_url)
    await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await admin.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=3000, help="claims per path and run")
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--gateway", action="store_true", help="also through the gateway")
    parser.add_argument("--workers", type=int, default=1, help="campaign-svc's uvicorn workers")
    parser.add_argument(
        "--server-url",
        default=os.environ.get(
            "TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
        ),
        help="a PostgreSQL server where the bench may create its scratch database",
    )
    args = parser.parse_args()

    db_name = f"bench_claims_{os.getpid()}"
    database_url = asyncio.run(_create_database(args.server_url, db_name))
    try:
        upgrade_head(CAMPAIGN_DIR / "alembic.ini", database_url)
        service_env = {
            "CAMPAIGN_DATABASE_URL": database_url,
            "CAMPAIGN_LOG_LEVEL": "WARNING",
            # Nothing to deliver to here: the relay's CPU is measured by bench/outbox_relay.py.
            "CAMPAIGN_RELAY_ENABLED": "false",
            "MEDIAOPS_ENV": "development",
        }
        with contextlib.ExitStack() as stack:
            service_url, service_pid, service_log = stack.enter_context(
                serve("campaign_svc.main:create_app", service_env, args.workers)
            )
            gateway_url = None
            if args.gateway:
                gateway_url, _, _ = stack.enter_context(
                    serve(
                        "gateway.main:create_app",
                        {
                            "GATEWAY_CAMPAIGN_URL": service_url,
                            "GATEWAY_RATE_LIMITS_ENABLED": "false",
                            "GATEWAY_ACCESS_LOG": "false",
                            "GATEWAY_LOG_LEVEL": "WARNING",
                            "MEDIAOPS_ENV": "development",
                        },
                    )
                )
            # The pid to attach a profiler to (py-spy record --pid N).
            print(f"campaign-svc {service_url} pid {service_pid}", flush=True)
            runs = []
            for i in range(args.rounds):
                bench = asyncio.run(
                    run_claims_bench(
                        service_url,
                        gateway_url,
                        database_url,
                        claims=args.claims,
                        clients=args.clients,
                        service_pid=service_pid,
                    )
                )
                runs.append(bench)
                summary = ", ".join(
                    f"{r.name} {r.per_s:,.0f}/s"
                    + (f" ({r.ratio_to_raw:.0%})" if r.ratio_to_raw else "")
                    + (f" {r.cpu_ms_per_request:.2f} ms CPU" if r.cpu_ms_per_request else "")
                    + (f" {r.statuses}" if r.statuses else "")
                    for r in bench.results()
                )
                print(f"round {i + 1}: {summary}; over-claims {bench.over_claims}", flush=True)
                for detail in bench.over_claim_details:
                    print(f"  ! over-claim: {detail}", flush=True)
                for note in bench.notes:
                    print(f"  note: {note}", flush=True)
                _print_errors(service_log.name)
        print()
        print(
            f"- {args.claims:,} claims and redeems per path and round, {args.clients} clients, "
            f"campaign-svc {args.workers} worker(s); Python {platform.python_version()}, "
            f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; measured "
            f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC."
        )
        print()
        print(_table(runs))
    finally:
        asyncio.run(_drop_database(args.server_url, db_name))


if __name__ == "__main__":
    main()
