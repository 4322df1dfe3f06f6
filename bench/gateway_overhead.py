"""What the gateway itself costs: its CPU per proxied request, and the latency it adds.

Two measurements, both on 127.0.0.1, the load generator in a separate process:

1. **CPU per request**: the gateway (as deployed: JWT check, scopes, rate limiter, tenancy
   headers, request id, metrics, access log) in front of a tiny stand-in upstream
   (``gateway_proxy.upstream_app``), driven by a closed-loop generator; the gateway process's
   CPU time (psutil, user + system) divided by the requests it proxied.
2. **Overhead at a fixed rate**: the real content-svc (``GET /v1/channels?limit=3`` on its own
   PostgreSQL database, seeded with channels) called directly and through the gateway, at half
   of the direct capacity measured first, by an open-loop generator (a request every 1/rate s,
   latency counted from when it was *due*, so a stall is not hidden). Direct and gateway runs
   alternate, ``repeats`` times each; the medians are reported.

    uv run --all-packages python bench/gateway_overhead.py \
        --database-url postgresql://postgres@127.0.0.1:5432/postgres

``measure(...)`` returns the same numbers as a dict for ``make bench``. Nothing here needs wrk.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import psutil

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
HTTP_PROTOCOL = os.environ.get(
    "BENCH_GATEWAY_HTTP", "servicekit.headercap:HeaderCappedHttpToolsProtocol"
)
JWT_SECRET = "bench-jwt-secret-long-enough-for-hs256"
INTERNAL_TOKEN = "bench-internal-token"
PATH = "/v1/channels?limit=3"
WORKSPACE = "bench-gw"
DATABASE = "bench_gateway_overhead"


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _base_env() -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GATEWAY_", "CONTENT_", "WEB_CONCURRENCY"))
    }
    env["MEDIAOPS_ENV"] = "development"
    env["LOG_JSON"] = "true"
    return env


@contextlib.contextmanager
def serve(
    app_args: list[str],
    env: dict[str, str],
    ready_path: str,
    workers: int = 1,
    *,
    prefix: list[str] | None = None,
    stop_signal: signal.Signals = signal.SIGTERM,
    ready_timeout_s: float = 180,
) -> Iterator[tuple[str, psutil.Process]]:
    """One uvicorn app on a free port; yields its URL and its (master) process. ``prefix``
    runs uvicorn under another program (valgrind, cProfile: it ends with their Python);
    ``stop_signal`` ends it (SIGINT lets cProfile and callgrind write what they collected)."""
    port = free_port()
    if app_args[0] == "granian":
        # granian (no --factory: the app is a module attribute, see gateway_granian_apps.py).
        command = [sys.executable, "-m", "granian", "--interface", "asgi", "--loop", "uvloop"]
        command += [*app_args[1:], "--host", "127.0.0.1", "--port", str(port)]
        command += ["--workers", str(workers), "--no-ws", "--log-level", "warning"]
    else:
        command = [*(prefix or [sys.executable]), "-m", "uvicorn", *app_args, "--host", "127.0.0.1"]
        command += ["--port", str(port), "--no-access-log", "--log-level", "warning"]
        command += ["--timeout-keep-alive", "75", "--workers", str(workers)]
    stderr = tempfile.TemporaryFile()
    proc = subprocess.Popen(
        command, env=env, cwd=BENCH_DIR, stdout=subprocess.DEVNULL, stderr=stderr
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + ready_timeout_s
        while True:
            if proc.poll() is not None:
                stderr.seek(0)
                raise RuntimeError(f"{app_args} exited: {stderr.read().decode()[-3000:]}")
            with contextlib.suppress(httpx.HTTPError):
                # Under valgrind an answer takes seconds: asked again only after it came.
                if httpx.get(url + ready_path, timeout=30 if prefix else 1).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"{app_args} did not start")
            time.sleep(0.1)
        yield url, psutil.Process(proc.pid)
    finally:
        proc.send_signal(stop_signal)
        try:
            proc.wait(120 if prefix else 15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        stderr.close()


def cpu_seconds(process: psutil.Process) -> float:
    """User + system CPU of a server and every worker process under it."""
    total = 0.0
    for p in [process, *process.children(recursive=True)]:
        with contextlib.suppress(psutil.NoSuchProcess):
            t = p.cpu_times()
            total += t.user + t.system
    return total


# ---------------------------------------------------------------- load generators


async def _closed_loop(url: str, token: str, connections: int, duration_s: float) -> dict[str, Any]:
    import aiohttp

    done = errors = 0
    headers = {"Authorization": f"Bearer {token}"}
    connector = aiohttp.TCPConnector(limit=connections)
    async with aiohttp.ClientSession(connector=connector, headers=headers) as session:
        stop_at = time.perf_counter() + duration_s

        async def worker() -> None:
            nonlocal done, errors
            while time.perf_counter() < stop_at:
                try:
                    async with session.get(url) as response:
                        await response.read()
                        errors += response.status >= 400
                except aiohttp.ClientError:
                    errors += 1
                done += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(connections)))
        elapsed = time.perf_counter() - started
    return {"requests": done, "elapsed": elapsed, "errors": errors}


async def _open_loop(url: str, token: str, rate: float, duration_s: float) -> dict[str, Any]:
    """A request every 1/rate s whether or not earlier ones are done; latency from when due."""
    import aiohttp

    latencies: list[float] = []
    errors = 0
    headers = {"Authorization": f"Bearer {token}"}
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector, headers=headers) as session:

        async def one(due: float) -> None:
            nonlocal errors
            try:
                async with session.get(url) as response:
                    await response.read()
                    errors += response.status >= 400
            except aiohttp.ClientError:
                errors += 1
            latencies.append(time.perf_counter() - due)

        # A second of warm-up connections at the same rate, not counted.
        interval = 1.0 / rate
        total = int(rate * duration_s)
        warm = int(rate)
        start = time.perf_counter() + 0.05
        tasks = []
        for i in range(warm + total):
            due = start + i * interval
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            task = asyncio.ensure_future(one(due))
            if i < warm:
                task.add_done_callback(lambda _: None)
            tasks.append(task)
            if i == warm - 1:
                await asyncio.gather(*tasks)
                latencies.clear()
                errors = 0
                tasks = []
                start = time.perf_counter() - (i + 1) * interval
        await asyncio.gather(*tasks)
    latencies.sort()
    n = len(latencies)
    return {
        "requests": n,
        "errors": errors,
        "p50_ms": latencies[n // 2] * 1000,
        "p99_ms": latencies[min(n - 1, int(n * 0.99))] * 1000,
    }


def _run_generator(args: list[str]) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--generate", *args]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    result: dict[str, Any] = json.loads(out)
    return result


def closed_loop(url: str, token: str, connections: int, duration_s: float) -> dict[str, Any]:
    return _run_generator(["closed", url, token, str(connections), str(duration_s)])


def open_loop(url: str, token: str, rate: float, duration_s: float) -> dict[str, Any]:
    return _run_generator(["open", url, token, str(rate), str(duration_s)])


# ---------------------------------------------------------------- the measurements


def _token(scopes: list[str]) -> str:
    from gateway.token import mint_token

    return mint_token(JWT_SECRET, workspace=WORKSPACE, scopes=scopes)


def _gateway_env(content_url: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    return (
        _base_env()
        | {
            "GATEWAY_JWT_SECRET": JWT_SECRET,
            "GATEWAY_INTERNAL_TOKEN": INTERNAL_TOKEN,
            "GATEWAY_CONTENT_URL": content_url,
            "GATEWAY_UPSTREAM_KEEPALIVE_S": "15",
            # The limiter runs on every request but never refuses: what it costs is measured.
            "GATEWAY_RATE_LIMIT_READ_PER_MINUTE": "60000000",
            "GATEWAY_RATE_LIMIT_READ_BURST": "1000000",
        }
        | (extra or {})
    )


GATEWAY_APP = ["--factory", "gateway.main:create_app", "--http", HTTP_PROTOCOL]


def measure_cpu(
    duration_s: float = 10,
    connections: int = 32,
    repeats: int = 3,
    extra_env: dict[str, str] | None = None,
    workers: int = 1,
) -> dict[str, Any]:
    """The gateway's CPU ms per proxied request in front of a stand-in upstream (medians)."""
    token = _token(["content:read"])
    runs: list[float] = []
    rates: list[float] = []
    with (
        serve(["gateway_proxy:upstream_app"], _base_env(), "/readyz") as (upstream, _),
        serve(GATEWAY_APP, _gateway_env(upstream, extra_env), "/healthz", workers) as (
            gateway,
            process,
        ),
    ):
        closed_loop(gateway + PATH, token, connections, 2)  # warm-up
        for _ in range(repeats):
            before = cpu_seconds(process)
            out = closed_loop(gateway + PATH, token, connections, duration_s)
            used = cpu_seconds(process) - before
            if out["errors"]:
                raise RuntimeError(f"{out['errors']} errors through the gateway")
            runs.append(used * 1000 / out["requests"])
            rates.append(out["requests"] / out["elapsed"])
    return {
        "gateway_cpu_ms_per_request": statistics.median(runs),
        "gateway_cpu_ms_runs": runs,
        "gateway_req_per_s": statistics.median(rates),
    }


def _database_url(admin_url: str, name: str) -> str:
    address, mark, query = admin_url.partition("?")  # ?host=/a/socket/dir keeps its slashes
    base, _, _ = address.rpartition("/")
    return f"{base}/{name}{mark}{query}"


def prepare_content_database(admin_url: str) -> str:
    """A fresh content database, migrated to head; its URL."""
    import asyncpg

    async def recreate() -> None:
        conn = await asyncpg.connect(admin_url)
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
            await conn.execute(f'CREATE DATABASE "{DATABASE}"')
        finally:
            await conn.close()

    asyncio.run(recreate())
    url = _database_url(admin_url, DATABASE)
    env = _base_env() | {"CONTENT_DATABASE_URL": url}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "alembic",
            "-c",
            "services/content-svc/alembic.ini",
            "upgrade",
            "heads",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    return url


def _content_env(database_url: str) -> dict[str, str]:
    return _base_env() | {
        "CONTENT_DATABASE_URL": database_url,
        "CONTENT_INTERNAL_TOKEN": INTERNAL_TOKEN,
        # The list is what is measured; no relay polling beside it.
        "CONTENT_RELAY_ENABLED": "false",
    }


CONTENT_APP = ["--factory", "content_svc.main:create_app", "--http", HTTP_PROTOCOL]


def _seed(gateway: str) -> None:
    token = _token(["content:read", "content:write"])
    with httpx.Client(base_url=gateway, headers={"Authorization": f"Bearer {token}"}) as client:
        for i in range(5):
            r = client.post(
                "/v1/channels", json={"platform": "zhihu", "name": f"知乎 {i}", "handle": f"h{i}"}
            )
            if r.status_code != 201:
                raise RuntimeError(f"seeding a channel: {r.status_code} {r.text}")


def measure_overhead(
    admin_database_url: str,
    duration_s: float = 10,
    repeats: int = 3,
    rate: float | None = None,
    content_workers: int = 1,
) -> dict[str, Any]:
    """p50/p99 of content-svc's list called directly and through the gateway, at a fixed rate
    (half the direct capacity unless given), alternating runs; medians of ``repeats``."""
    database_url = prepare_content_database(admin_database_url)
    token = _token(["content:read"])
    with (
        serve(CONTENT_APP, _content_env(database_url), "/healthz", content_workers) as (content, _),
        serve(GATEWAY_APP, _gateway_env(content), "/healthz") as (gateway, _),
    ):
        _seed(gateway)
        direct = content + PATH
        # Direct calls carry what the gateway would add: the service trusts the internal token.
        direct_args = ["--direct-workspace", WORKSPACE, "--internal-token", INTERNAL_TOKEN]
        capacity_run = _run_generator(["closed", direct, token, "32", "5", *direct_args])
        capacity = capacity_run["requests"] / capacity_run["elapsed"]
        fixed = rate or capacity / 2
        rows: dict[str, list[dict[str, Any]]] = {"direct": [], "gateway": []}
        for _ in range(repeats):
            rows["direct"].append(
                _run_generator(["open", direct, token, str(fixed), str(duration_s), *direct_args])
            )
            rows["gateway"].append(open_loop(gateway + PATH, token, fixed, duration_s))
    result: dict[str, Any] = {"direct_capacity_req_per_s": capacity, "rate_req_per_s": fixed}
    for name, runs in rows.items():
        for run in runs:
            if run["errors"]:
                raise RuntimeError(f"{name}: {run['errors']} errors")
        result[f"{name}_p50_ms"] = statistics.median(r["p50_ms"] for r in runs)
        result[f"{name}_p99_ms"] = statistics.median(r["p99_ms"] for r in runs)
        result[f"{name}_runs"] = [(round(r["p50_ms"], 2), round(r["p99_ms"], 2)) for r in runs]
    result["overhead_p50_ms"] = result["gateway_p50_ms"] - result["direct_p50_ms"]
    result["overhead_p99_ms"] = result["gateway_p99_ms"] - result["direct_p99_ms"]
    return result


def measure_workers(
    admin_database_url: str, duration_s: float = 8, repeats: int = 2, connections: int = 32
) -> dict[str, Any]:
    """content-svc's list, called directly, with 1 and then 2 worker processes (closed loop):
    req/s and CPU ms per request of all its processes; medians of ``repeats``."""
    database_url = prepare_content_database(admin_database_url)
    token = _token(["content:read"])
    direct_args = ["--direct-workspace", WORKSPACE, "--internal-token", INTERNAL_TOKEN]
    result: dict[str, Any] = {}
    for workers in (1, 2):
        rates: list[float] = []
        cpu: list[float] = []
        with serve(CONTENT_APP, _content_env(database_url), "/healthz", workers) as (url, proc):
            if workers == 1:
                with serve(GATEWAY_APP, _gateway_env(url), "/healthz") as (gateway, _):
                    _seed(gateway)
            target = url + PATH
            _run_generator(["closed", target, token, str(connections), "2", *direct_args])
            for _ in range(repeats):
                before = cpu_seconds(proc)
                out = _run_generator(
                    ["closed", target, token, str(connections), str(duration_s), *direct_args]
                )
                if out["errors"]:
                    raise RuntimeError(f"{workers} workers: {out['errors']} errors")
                cpu.append((cpu_seconds(proc) - before) * 1000 / out["requests"])
                rates.append(out["requests"] / out["elapsed"])
        result[f"workers_{workers}_req_per_s"] = statistics.median(rates)
        result[f"workers_{workers}_cpu_ms_per_request"] = statistics.median(cpu)
        result[f"workers_{workers}_runs"] = [round(r) for r in rates]
    result["scaling_1_to_2"] = result["workers_2_req_per_s"] / result["workers_1_req_per_s"]
    return result


SERVERS = {
    "uvicorn (uvloop, httptools, header cap)": CONTENT_APP,
    # Run with `uv run --with granian`: not a dependency unless it is chosen.
    "granian (uvloop)": ["granian", "gateway_granian_apps:content_app"],
}


def measure_servers(
    admin_database_url: str, duration_s: float = 8, repeats: int = 2, connections: int = 32
) -> dict[str, Any]:
    """content-svc's list, called directly, under each server with 1 and 2 workers: req/s and
    CPU ms per request of all the server's processes; medians of ``repeats``."""
    database_url = prepare_content_database(admin_database_url)
    token = _token(["content:read"])
    direct_args = ["--direct-workspace", WORKSPACE, "--internal-token", INTERNAL_TOKEN]
    with serve(CONTENT_APP, _content_env(database_url), "/healthz") as (url, _):
        with serve(GATEWAY_APP, _gateway_env(url), "/healthz") as (gateway, _):
            _seed(gateway)
    result: dict[str, Any] = {}
    for server, app_args in SERVERS.items():
        for workers in (1, 2):
            rates: list[float] = []
            cpu: list[float] = []
            with serve(app_args, _content_env(database_url), "/healthz", workers) as (url, proc):
                target = url + PATH
                _run_generator(["closed", target, token, str(connections), "2", *direct_args])
                for _ in range(repeats):
                    before = cpu_seconds(proc)
                    out = _run_generator(
                        ["closed", target, token, str(connections), str(duration_s), *direct_args]
                    )
                    if out["errors"]:
                        raise RuntimeError(f"{server}, {workers}: {out['errors']} errors")
                    cpu.append((cpu_seconds(proc) - before) * 1000 / out["requests"])
                    rates.append(out["requests"] / out["elapsed"])
            result[f"{server}, {workers} workers"] = {
                "req_per_s": round(statistics.median(rates), 1),
                "cpu_ms_per_request": round(statistics.median(cpu), 3),
                "runs_req_per_s": [round(r) for r in rates],
            }
    return result


def measure(
    admin_database_url: str | None,
    duration_s: float = 10,
    repeats: int = 3,
    connections: int = 32,
) -> dict[str, Any]:
    """Both measurements (the overhead only with a database); for ``make bench``."""
    result = measure_cpu(duration_s, connections, repeats)
    if admin_database_url:
        result |= measure_overhead(admin_database_url, duration_s, repeats)
    return result


def _generate(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["closed", "open"])
    parser.add_argument("url")
    parser.add_argument("token")
    parser.add_argument("amount", type=float)  # connections (closed) or rate (open)
    parser.add_argument("duration", type=float)
    parser.add_argument("--direct-workspace")
    parser.add_argument("--internal-token")
    args = parser.parse_args(argv)
    if args.direct_workspace:
        _patch_direct_headers(args.direct_workspace, args.internal_token)
    try:
        import uvloop

        uvloop.install()
    except ImportError:
        pass
    if args.mode == "closed":
        out = asyncio.run(_closed_loop(args.url, args.token, int(args.amount), args.duration))
    else:
        out = asyncio.run(_open_loop(args.url, args.token, args.amount, args.duration))
    print(json.dumps(out))


def _patch_direct_headers(workspace: str, internal_token: str) -> None:
    """Direct calls: send the tenancy headers the gateway would, instead of the bearer token."""
    import aiohttp

    from servicekit.context import (
        HEADER_ACTOR,
        HEADER_INTERNAL_TOKEN,
        HEADER_SCOPES,
        HEADER_WORKSPACE,
    )

    original = aiohttp.ClientSession.__init__

    def init(self: aiohttp.ClientSession, *args: Any, **kwargs: Any) -> None:
        kwargs["headers"] = {
            HEADER_WORKSPACE: workspace,
            HEADER_ACTOR: "bench",
            HEADER_SCOPES: "content:read",
            HEADER_INTERNAL_TOKEN: internal_token,
        }
        original(self, *args, **kwargs)

    aiohttp.ClientSession.__init__ = init  # type: ignore[method-assign]


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--generate":
        _generate(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--database-url", help="a PostgreSQL server (any database) for content-svc")
    parser.add_argument("--duration", type=float, default=10, help="seconds per run")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32, help="for the CPU measurement")
    parser.add_argument("--only", choices=["cpu", "overhead", "workers", "servers"])
    parser.add_argument("--gateway-env", default="{}", help="JSON of extra GATEWAY_* settings")
    args = parser.parse_args()
    if args.only == "servers":
        result = measure_servers(args.database_url, args.duration, args.repeats)
    elif args.only == "workers":
        result = measure_workers(args.database_url, args.duration, args.repeats)
    elif args.only == "overhead":
        result = measure_overhead(args.database_url, args.duration, args.repeats)
    elif args.only == "cpu":
        result = measure_cpu(
            args.duration, args.connections, args.repeats, json.loads(args.gateway_env)
        )
    else:
        result = measure(args.database_url, args.duration, args.repeats, args.connections)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
