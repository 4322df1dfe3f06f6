"""Gateway proxy benchmark: what forwarding costs, and the gateway's hop against httpx's client.

In one run, on 127.0.0.1 only, for a bounded time each:
  (a) a trivial upstream alone (uvicorn, one worker);
  (b) the gateway in front of it (``gateway.main``: JWT check, scopes, tenancy headers, request id,
      metrics and JSON access log, forwarding through its own pool of connections, ``gateway.hop``);
  (c) the same app and the same admission code, forwarding with a shared httpx.AsyncClient.

The load generator is wrk when installed (``apt-get install -y wrk``), else an aiohttp client in a
separate process. Results go to the "Gateway proxy" section of bench/RESULTS.md.

    uv run python bench/gateway_proxy.py [--duration 10] [--connections 64]

Not run by the tests.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any, cast

import httpx
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from gateway.apikeys.verifier import ApiKeyVerifier
from gateway.auth import TokenVerifier
from gateway.config import Settings
from gateway.observability import resource_label
from gateway.proxy import NOT_FROM_UPSTREAM, admit
from gateway.ratelimit import RateLimiter
from gateway.state import GatewayState
from gateway.token import mint_token
from gateway.upstreams import build_upstreams
from servicekit.context import RequestIdMiddleware
from servicekit.logging import configure_logging
from servicekit.observability import MetricsMiddleware
from servicekit.problems import problem_response

BENCH_DIR = Path(__file__).resolve().parent
RESULTS = BENCH_DIR / "RESULTS.md"
HTTP_PROTOCOL = os.environ.get(
    "BENCH_GATEWAY_HTTP", "servicekit.headercap:HeaderCappedHttpToolsProtocol"
)
SECTION = "## Gateway proxy"
JWT_SECRET = "bench-jwt-secret-long-enough-for-hs256"
PATH = "/v1/channels?limit=3"

# ---------------------------------------------------------------- the servers under test

CHANNELS = {
    "items": [
        {"id": f"00000000-0000-0000-0000-00000000000{i}", "platform": "weibo", "name": "品牌微博"}
        for i in range(3)
    ],
    "next_cursor": None,
}


async def _channels(_: Request) -> Response:
    return JSONResponse(CHANNELS)


async def _ready(_: Request) -> Response:
    return JSONResponse({"status": "ready"})


upstream_app = Starlette(routes=[Route("/v1/channels", _channels), Route("/readyz", _ready)])


class HttpxState(GatewayState):
    httpx_client: httpx.AsyncClient


class HttpxProxyEndpoint:
    """The gateway's admission, then forwarding with httpx instead of the gateway's hop."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        state = cast(HttpxState, scope["state"])
        admitted = await admit(scope, receive, send, state)
        if admitted is None:
            return
        client = state["httpx_client"]
        content = admitted.body.chunks() if admitted.body is not None else None
        request = client.build_request(
            scope["method"],
            admitted.upstream.base_url + admitted.target,
            headers=admitted.headers,
            content=content,
        )
        try:
            response = await client.send(request, stream=True)
        except httpx.HTTPError as exc:
            admitted.upstream.breaker.record_failure()
            await problem_response(502, "Bad Gateway", repr(exc))(scope, receive, send)
            return
        admitted.upstream.breaker.record_success()
        try:
            await send(
                {
                    "type": "http.response.start",
                    "status": response.status_code,
                    "headers": [
                        (k.lower(), v)
                        for k, v in response.headers.raw
                        if k.lower() not in NOT_FROM_UPSTREAM
                    ],
                }
            )
            async for chunk in response.aiter_raw():
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        finally:
            await response.aclose()


def create_httpx_app() -> Starlette:
    """Variant (c): the gateway's middleware and admission with a shared httpx.AsyncClient."""
    settings = Settings()

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[HttpxState]:
        configure_logging(settings.log_level, json=settings.log_json, service="gateway-httpx")
        async with httpx.AsyncClient(
            timeout=httpx.Timeout(settings.read_timeout_s, connect=settings.connect_timeout_s),
            limits=httpx.Limits(
                max_connections=settings.max_connections,
                max_keepalive_connections=settings.max_connections,
            ),
        ) as client:
            yield {
                "settings": settings,
                "session": cast(Any, None),  # the aiohttp session is not used here
                "hop": cast(Any, None),  # nor the gateway's hop
                "upstreams": build_upstreams(settings),
                "verifier": TokenVerifier(
                    settings.jwt_secret.get_secret_value(), cache_size=settings.token_cache_size
                ),
                "rate_limiter": RateLimiter(settings),
                # No API keys here: the bench calls with a token.
                "database": None,
                "api_keys": ApiKeyVerifier(None),
                "api_keys_state": None,
                "httpx_client": client,
            }

    return Starlette(
        routes=[Route("/healthz", _ready), Route("/v1/{path:path}", HttpxProxyEndpoint())],
        middleware=[
            Middleware(RequestIdMiddleware),
            Middleware(MetricsMiddleware, service="gateway-httpx", route_label=resource_label),
        ],
        lifespan=lifespan,
    )


# ---------------------------------------------------------------- load generation


@dataclass
class Result:
    name: str
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serve(args: list[str], port: int, env: dict[str, str], ready_path: str) -> Iterator[str]:
    command = [sys.executable, "-m", "uvicorn", *args]
    command += ["--host", "127.0.0.1", "--port", str(port), "--no-access-log"]
    command += ["--log-level", "warning"]
    # stderr to a file, not a pipe: nobody reads it while the load runs, and a full pipe would
    # stall the server being measured.
    stderr = tempfile.TemporaryFile()
    proc = subprocess.Popen(
        command, env=env, cwd=BENCH_DIR, stdout=subprocess.DEVNULL, stderr=stderr
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                stderr.seek(0)
                raise RuntimeError(f"{args} exited: {stderr.read().decode()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(url + ready_path, timeout=1).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"{args} did not start")
            time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        stderr.close()


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text.strip()).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def run_wrk(name: str, url: str, token: str, connections: int, duration_s: int) -> Result:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration_s}s", "--latency"]
    command += ["-H", f"Authorization: Bearer {token}", url]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    errors = int(bad.group(1)) if bad else 0
    if socket_errors:
        errors += sum(int(n) for n in re.findall(r"\d+", socket_errors.group(1)))
    return Result(name, rps, p50, p99, errors, total)


async def _generate(url: str, token: str, connections: int, duration_s: float) -> dict[str, Any]:
    import aiohttp

    latencies: list[float] = []
    errors = 0
    headers = {"Authorization": f"Bearer {token}"}
    connector = aiohttp.TCPConnector(limit=connections)
    async with aiohttp.ClientSession(connector=connector, headers=headers) as session:
        stop_at = time.perf_counter() + duration_s

        async def worker() -> None:
            nonlocal errors
            while time.perf_counter() < stop_at:
                started = time.perf_counter()
                try:
                    async with session.get(url) as response:
                        await response.read()
                        if response.status >= 400:
                            errors += 1
                except aiohttp.ClientError:
                    errors += 1
                latencies.append(time.perf_counter() - started)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(connections)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "elapsed": elapsed,
        "errors": errors,
        "p50_ms": latencies[len(latencies) // 2] * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99)] * 1000,
    }


def run_python_load(name: str, url: str, token: str, connections: int, duration_s: int) -> Result:
    # A separate process, so the generator's event loop does not share a core's time slice
    # with the server it measures any more than wrk would.
    command = [sys.executable, __file__, "--load", url, "--token", token]
    command += ["--connections", str(connections), "--duration", str(duration_s)]
    out = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    return Result(
        name,
        out["requests"] / out["elapsed"],
        out["p50_ms"],
        out["p99_ms"],
        out["errors"],
        out["requests"],
    )


# ---------------------------------------------------------------- the run


def measure(
    connections: int, duration_s: int, warmup_s: int, redis_url: str | None = None
) -> tuple[list[Result], str]:
    load = run_wrk if shutil.which("wrk") else run_python_load
    generator = "wrk 1 thread" if load is run_wrk else "aiohttp generator process"
    token = mint_token(JWT_SECRET, workspace="bench", scopes=["content:read"])
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
    base_env["MEDIAOPS_ENV"] = "development"  # the development internal token is fine here
    results = []
    upstream_port = free_port()
    with serve(["gateway_proxy:upstream_app"], upstream_port, base_env, "/readyz") as upstream:
        gateway_env = (
            base_env
            | {
                "GATEWAY_JWT_SECRET": JWT_SECRET,
                "GATEWAY_CONTENT_URL": upstream,
                # The limiter runs on every request but never refuses: the rows measure its cost.
                "GATEWAY_RATE_LIMIT_READ_PER_MINUTE": "60000000",
                "GATEWAY_RATE_LIMIT_READ_BURST": "1000000",
                # e.g. BENCH_GATEWAY_ENV='{"GATEWAY_RATE_LIMITS_ENABLED": "false"}' for a row
                # without the limiter, to measure what it costs.
            }
            | json.loads(os.environ.get("BENCH_GATEWAY_ENV", "{}"))
        )
        # As deployed: the header-capped protocol (see the Procfile).
        gateway_app = ["--factory", "gateway.main:create_app", "--http", HTTP_PROTOCOL]
        targets: list[tuple[str, list[str] | None, dict[str, str]]] = [
            ("(a) upstream alone", None, {}),
            ("(b) gateway, its hop client", gateway_app, {}),
            (
                "(c) same pass-through, httpx.AsyncClient",
                ["--factory", "gateway_proxy:create_httpx_app"],
                {},
            ),
            (
                "(d) = (b) with GATEWAY_ACCESS_LOG=false",
                gateway_app,
                {"GATEWAY_ACCESS_LOG": "false"},
            ),
        ]
        if redis_url:
            targets.append(
                (
                    "(e) = (d) with the rate limiter in Redis",
                    gateway_app,
                    {"GATEWAY_ACCESS_LOG": "false", "GATEWAY_REDIS_URL": redis_url},
                )
            )
        for name, app_args, extra_env in targets:
            if app_args is None:
                stack: contextlib.AbstractContextManager[str] = contextlib.nullcontext(upstream)
            else:
                stack = serve(app_args, free_port(), gateway_env | extra_env, "/healthz")
            with stack as url:
                load(name, url + PATH, token, connections, warmup_s)
                result = load(name, url + PATH, token, connections, duration_s)
            print(
                f"{name:45} {result.requests_per_s:8.0f} req/s  p50 {result.p50_ms:6.2f} ms  "
                f"p99 {result.p99_ms:6.2f} ms  errors {result.errors}",
                flush=True,
            )
            results.append(result)
    return results, generator


def _cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def write_results(results: list[Result], generator: str, connections: int, duration: int) -> None:
    rows = "\n".join(
        f"| {r.name} | {r.requests_per_s:,.0f} | {r.p50_ms:.2f} | {r.p99_ms:.2f} | "
        f"{r.requests:,} | {r.errors} |"
        for r in results
    )
    upstream, aio, hx, quiet = (r.requests_per_s for r in results[:4])
    section = f"""{SECTION}

`GET {PATH}` (a 3-item JSON list) at {connections} concurrent connections, {duration} s per
target after a short warm-up, everything on 127.0.0.1. Reproduce with:

    uv run python bench/gateway_proxy.py --duration {duration} --connections {connections}

| target | req/s | p50 ms | p99 ms | requests | errors |
|---|---:|---:|---:|---:|---:|
{rows}

- Machine: {os.cpu_count()} cores ({_cpu_model()}), Python {platform.python_version()},
  uvicorn {version("uvicorn")}, aiohttp {version("aiohttp")}, httpx {version("httpx")};
  load generator: {generator}; measured {datetime.now(UTC):%Y-%m-%d}.
- The load generator, the upstream and the gateway share the same {os.cpu_count()} cores, so
  the gateway rows include contention a deployment spreads over machines; compare the rows
  with each other rather than with production. Repeated runs on this VM differ by up to about
  a fifth.
- (b) is the real gateway as `make run` starts it (JWT check with a cache of verified tokens,
  scopes, tenancy headers, request id, Prometheus metrics and one JSON access-log line per
  request). (c) runs the same middleware and the same admission code (`gateway.proxy.admit`)
  and forwards with a shared `httpx.AsyncClient` instead. (d) is (b) without the access-log
  line (metrics still kept); (e), when measured, is (d) with the rate limiter's state in Redis.
  Every gateway row runs the rate limiter with a budget the load never exhausts.
- This run: the gateway's hop forwards {aio / hx:.1f}x what httpx does; the gateway serves
  {aio / upstream:.0%} of the upstream-alone rate ({quiet / upstream:.0%} without access logs).
  The earlier measurement quoted in DESIGN (httpx ~630 req/s, aiohttp ~3,600, upstream ~7,400)
  pointed the same way.
"""
    text = RESULTS.read_text() if RESULTS.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text).rstrip() + "\n"
    else:
        text = text.rstrip() + "\n\n" + section
    RESULTS.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--duration", type=int, default=10, help="seconds per target")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per target")
    parser.add_argument("--redis-url", help="also measure (d) with the rate limiter in this Redis")
    parser.add_argument("--load", help=argparse.SUPPRESS)  # internal: be the load generator
    parser.add_argument("--token", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load:
        out = asyncio.run(_generate(args.load, args.token, args.connections, args.duration))
        print(json.dumps(out))
        return
    results, generator = measure(args.connections, args.duration, args.warmup, args.redis_url)
    write_results(results, generator, args.connections, args.duration)
    print(f"written to {RESULTS}")


if __name__ == "__main__":
    main()
