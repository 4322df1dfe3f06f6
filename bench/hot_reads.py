"""Hot reads: the CPU one simple request costs content-svc, against the raw statement.

Starts content-svc alone (uvicorn, one worker, as the Procfile runs it) on a free port against
its own fresh database on a PostgreSQL server (default 127.0.0.1:5432), seeds a few channels,
then for each scenario drives requests straight to the service with the headers the gateway
sends (internal token, workspace, scopes) from a load generator in a separate process (aiohttp),
and reads the server process's CPU time (psutil) before and after:

- ``/healthz``: the middleware stack and the server alone;
- ``GET /v1/channels?limit=3``: a list;
- ``GET /v1/channels/{id}``: a get;
- ``raw``: the list's statement by asyncpg in a transaction, from 32 tasks on a 10-connection
  pool in this process (CPU of this process per statement).

    uv run --frozen --all-packages python bench/hot_reads.py [--requests 4000] [--connections 32]
        [--rounds 3] [--before DIR]

``--before DIR`` runs a second content-svc from another checkout of the code (say
``git archive a737b78 | tar -x -C DIR``) on the same database and measures both, alternating,
in every round.

Prints one line per scenario and round, then the medians. Not run by the tests.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "bench-internal-token"
WORKSPACE = "bench-hot"
HEADERS = {"X-Internal-Token": TOKEN, "X-Workspace-Id": WORKSPACE, "X-Scopes": "content:read"}
HTTP_PROTOCOL = "servicekit.headercap:HeaderCappedHttpToolsProtocol"
RAW_LIST = "SELECT * FROM channel WHERE workspace_id = $1 ORDER BY created_at, id LIMIT $2"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _db_url(server: str, name: str) -> str:
    return f"{server.rstrip('/')}/{name}"


@contextmanager
def fresh_database(server: str) -> Iterator[str]:
    import asyncpg

    name = f"bench_hot_{os.getpid()}"

    async def admin(sql: str) -> None:
        conn = await asyncpg.connect(_db_url(server, "postgres"))
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    try:
        yield _db_url(server, name)
    finally:
        asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def content_env(database_url: str) -> dict[str, str]:
    """content-svc's settings for a measurement of its request path."""
    return {
        "MEDIAOPS_ENV": "development",
        "CONTENT_DATABASE_URL": database_url,
        "CONTENT_INTERNAL_TOKEN": TOKEN,
        "CONTENT_LOG_JSON": "true",
        # Only the request path is measured: no background loops competing for the process.
        "CONTENT_RELAY_ENABLED": "false",
        "CONTENT_JOBS_ENABLED": "false",
    }


@contextmanager
def content_svc(database_url: str, source: Path | None = None) -> Iterator[tuple[str, int]]:
    """content-svc on a free port; with ``source``, servicekit and content-svc as they are in
    that checkout (``git archive <commit>`` unpacked) instead of this one: a before/after pair
    measured side by side in one run."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONTENT_")}
    if source is not None:
        roots = [source / "libs/servicekit/src", source / "services/content-svc/src"]
        env["PYTHONPATH"] = os.pathsep.join(str(r) for r in roots)
    env.update(content_env(database_url))
    ini = ROOT / "services/content-svc/alembic.ini"
    subprocess.run(
        [sys.executable, "-m", "alembic", "-c", str(ini), "upgrade", "heads"],
        env=env, check=True, capture_output=True, cwd=ROOT,
    )  # fmt: skip
    port = free_port()
    log = tempfile.NamedTemporaryFile(prefix="hot-reads-content-", suffix=".log", delete=False)
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "uvicorn", "--factory", "content_svc.main:create_app",
            "--host", "127.0.0.1", "--port", str(port), "--no-access-log",
            "--timeout-keep-alive", "75", "--http", HTTP_PROTOCOL,
        ],
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        import httpx

        deadline = time.monotonic() + 120  # a loaded machine starts slowly
        while True:
            try:
                if httpx.get(url + "/readyz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError(f"content-svc did not become ready; its log: {log.name}")
            time.sleep(0.2)
        yield url, proc.pid
    finally:
        proc.terminate()
        proc.wait(10)
        log.close()


def seed(url: str, count: int = 5) -> list[str]:
    import httpx

    ids = []
    headers = {**HEADERS, "X-Scopes": "content:read content:write"}
    for i in range(count):
        body = {"platform": "weibo", "name": f"品牌微博 {i}", "handle": f"brand{i}",
                "timezone": "Asia/Shanghai"}  # fmt: skip
        response = httpx.post(
            url + "/v1/channels",
            json=body,
            headers={**headers, "Idempotency-Key": str(uuid.uuid4())},
        )
        response.raise_for_status()
        ids.append(response.json()["id"])
    return ids


# ---------------------------------------------------------------- the load generator


async def _generate(url: str, total: int, connections: int) -> dict[str, Any]:
    import aiohttp

    errors = 0
    left = total
    connector = aiohttp.TCPConnector(limit=connections)
    async with aiohttp.ClientSession(connector=connector, headers=HEADERS) as session:

        async def worker() -> None:
            nonlocal errors, left
            while left > 0:
                left -= 1
                async with session.get(url) as response:
                    await response.read()
                    if response.status != 200:
                        errors += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(connections)))
        elapsed = time.perf_counter() - started
    return {"requests": total, "elapsed": elapsed, "errors": errors}


def load(url: str, total: int, connections: int) -> dict[str, Any]:
    # A separate process, so the generator's CPU is not the server's nor this one's.
    command = [sys.executable, __file__, "--load", url]
    command += ["--requests", str(total), "--connections", str(connections)]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    result: dict[str, Any] = json.loads(out)
    return result


def measure_http(pid: int, url: str, total: int, connections: int) -> dict[str, float]:
    import psutil

    server = psutil.Process(pid)
    load(url, max(200, total // 10), connections)  # warm up: connections, caches
    before = server.cpu_times()
    out = load(url, total, connections)
    after = server.cpu_times()
    cpu = (after.user - before.user) + (after.system - before.system)
    # Failed answers are counted, not hidden: PostgreSQL here is shared, and an app that opens
    # connections beyond its pool can run it out of connections ("too many clients").
    return {"cpu_ms": cpu * 1000 / total, "rps": total / out["elapsed"], "errors": out["errors"]}


async def _raw(database_url: str, total: int, concurrency: int) -> dict[str, float]:
    import asyncpg
    import psutil

    me = psutil.Process()
    pool = await asyncpg.create_pool(database_url, min_size=10, max_size=10)
    left = total

    async def worker() -> None:
        nonlocal left
        while left > 0:
            left -= 1
            async with pool.acquire() as conn, conn.transaction():
                await conn.fetch(RAW_LIST, WORKSPACE, 4)

    try:
        await asyncio.gather(*(worker() for _ in range(concurrency)))  # warm up
        left = total
        before = me.cpu_times()
        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
        after = me.cpu_times()
    finally:
        await pool.close()
    cpu = (after.user - before.user) + (after.system - before.system)
    return {"cpu_ms": cpu * 1000 / total, "rps": total / elapsed, "errors": 0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--load", help=argparse.SUPPRESS)
    parser.add_argument("--requests", type=int, default=4000)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--server", default="postgresql://postgres@127.0.0.1:5432")
    parser.add_argument("--hold", action="store_true", help="keep the service up (profiling)")
    parser.add_argument(
        "--before",
        type=Path,
        help="a checkout to compare with, side by side (git archive <commit> | tar -x -C DIR)",
    )
    args = parser.parse_args()
    if args.load:
        print(json.dumps(asyncio.run(_generate(args.load, args.requests, args.connections))))
        return
    results: dict[str, list[dict[str, float]]] = {}
    with contextlib.ExitStack() as stack:
        database_url = stack.enter_context(fresh_database(args.server))
        servers = {"": stack.enter_context(content_svc(database_url))}
        if args.before:
            before = stack.enter_context(content_svc(database_url, args.before))
            servers = {"before ": before, "after ": servers[""]}
        url = next(iter(servers.values()))[0]
        ids = seed(url)
        if args.hold:
            for label, (at, pid) in servers.items():
                print(f"{label}content-svc pid {pid} at {at}; channel {ids[0]}", flush=True)
            print(json.dumps(HEADERS), flush=True)
            input("press Enter to stop\n")
            return
        paths = {
            "healthz": "/healthz",
            "list": "/v1/channels?limit=3",
            "get": f"/v1/channels/{ids[0]}",
        }
        for round_ in range(1, args.rounds + 1):
            for name, path in paths.items():
                for label, (at, pid) in servers.items():
                    r = measure_http(pid, at + path, args.requests, args.connections)
                    results.setdefault(label + name, []).append(r)
                    print(
                        f"round {round_} {label + name:14} {r['cpu_ms']:.3f} ms CPU/req "
                        f"{r['rps']:5.0f} req/s  {r['errors']} failed",
                        flush=True,
                    )
            r = asyncio.run(_raw(database_url, args.requests, args.connections))
            results.setdefault("raw asyncpg", []).append(r)
            print(f"round {round_} {'raw asyncpg':14} {r['cpu_ms']:.3f} ms CPU/stmt", flush=True)
    print(f"\nmedians of {args.rounds} rounds, {args.requests} requests each, "
          f"{args.connections} connections:")  # fmt: skip
    print(f"{'scenario':16} {'ms CPU/req':>10} {'req/s':>8} {'failed':>7}  (each round: ms CPU)")
    for name, runs in results.items():
        cpu = statistics.median(r["cpu_ms"] for r in runs)
        rps = statistics.median(r["rps"] for r in runs)
        failed = sum(int(r.get("errors", 0)) for r in runs)
        each = " ".join(f"{r['cpu_ms']:.3f}" for r in runs)
        print(f"{name:16} {cpu:10.3f} {rps:8.0f} {failed:7}  ({each})")


if __name__ == "__main__":
    main()
