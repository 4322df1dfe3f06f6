"""An answer's head and body in one socket write, against uvicorn's two: CPU per request of the
gateway and of the app behind it, both ways in one run, by alternating slices.

    uv run --frozen --all-packages python bench/one_write.py [--rounds 6] [--slice 4]
        [--rate 300] [--concurrency 64]

Each way runs its own pair of servers: the stand-in upstream of ``gateway_proxy.py`` (a
3-item JSON list) and the gateway in front of it, both with that way's uvicorn protocol:
``servicekit.headercap:HeaderCappedHttpToolsProtocol`` (one write) or this module's
``HeadApartProtocol`` (the same protocol with uvicorn's own request/response cycle: the head,
then the body). The load (``bench.loadgen``, the lean client) goes through the gateway, in
slices that alternate between the two ways and begin with each in turn, so the machine's
changing load falls on both alike; twice per round: at a fixed rate (``--rate``, about the
claims' rate, where requests come one by one) and in a closed loop of ``--concurrency``
clients (bursts). Prints the median CPU ms per request of each process by way and load.
Not run by the tests.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from uvicorn.protocols.http.httptools_impl import RequestResponseCycle  # noqa: E402

from bench import loadgen  # noqa: E402
from bench.gateway_overhead import (  # noqa: E402
    PATH,
    _base_env,
    _gateway_env,
    _token,
    cpu_seconds,
    serve,
)
from servicekit.headercap import HeaderCappedHttpToolsProtocol  # noqa: E402

ONE_WRITE = "servicekit.headercap:HeaderCappedHttpToolsProtocol"
HEAD_APART = "one_write:HeadApartProtocol"  # servers run in bench/ (gateway_overhead.serve)


class HeadApartProtocol(HeaderCappedHttpToolsProtocol):
    """servicekit's protocol with uvicorn's own cycle: the head written apart from the body."""

    def on_headers_complete(self) -> None:
        super().on_headers_complete()
        if self.cycle is not None:
            self.cycle.__class__ = RequestResponseCycle


def _slice(url: str, token: str, rate: float | None, args: argparse.Namespace) -> Any:
    spec = loadgen.LoadSpec(
        base_url=url,
        requests=[("GET", PATH, None, None)],
        headers={"authorization": f"Bearer {token}"},
        concurrency=args.concurrency,
        duration_s=args.slice,
        warmup_s=0.5,
        rate=rate,
    )
    with tempfile.NamedTemporaryFile(suffix=".json") as f:
        start_at, procs = loadgen.start(spec, f.name)
        time.sleep(max(0.0, start_at + spec.warmup_s - time.time()))
        return spec, start_at, procs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--slice", type=float, default=4.0, help="s per slice")
    parser.add_argument("--rate", type=float, default=300.0, help="the fixed rate, req/s")
    parser.add_argument("--concurrency", type=int, default=64)
    args = parser.parse_args()
    token = _token(["content:read"])
    ways = {"one write": ONE_WRITE, "head apart": HEAD_APART}
    results: dict[tuple[str, str, str], list[float]] = {}
    with ExitStack() as stack:
        servers: dict[str, tuple[str, dict[str, Any]]] = {}
        for way, protocol in ways.items():
            upstream, upstream_process = stack.enter_context(
                serve(["gateway_proxy:upstream_app", "--http", protocol], _base_env(), "/readyz")
            )
            gateway_args = ["--factory", "gateway.main:create_app", "--http", protocol]
            gateway, gateway_process = stack.enter_context(
                serve(gateway_args, _gateway_env(upstream), "/healthz")
            )
            servers[way] = (gateway, {"gateway": gateway_process, "upstream": upstream_process})
        loads = {f"fixed {args.rate:.0f}/s": args.rate, f"closed loop {args.concurrency}": None}
        for round_ in range(args.rounds):
            order = list(ways) if round_ % 2 == 0 else list(reversed(ways))
            for load, rate in loads.items():
                for way in order:
                    url, processes = servers[way]
                    spec, start_at, procs = _slice(url, token, rate, args)
                    before = {name: cpu_seconds(p) for name, p in processes.items()}
                    time.sleep(max(0.0, start_at + spec.warmup_s + spec.duration_s - time.time()))
                    after = {name: cpu_seconds(p) for name, p in processes.items()}
                    result = loadgen.collect(spec, start_at, procs)
                    if result.ok != result.requests:
                        raise RuntimeError(f"{way}: answers {result.statuses}")
                    for name in processes:
                        cpu_ms = (after[name] - before[name]) * 1000 / max(1, result.requests)
                        results.setdefault((load, way, name), []).append(cpu_ms)
                    results.setdefault((load, way, "req/s"), []).append(
                        result.requests / spec.duration_s
                    )
    print(
        f"| load | way | gateway ms/request | upstream ms/request | req/s |  ({args.rounds} rounds)"
    )
    print("|---|---|---:|---:|---:|")
    for load in loads:
        for way in ways:
            cells = [_spread(results[(load, way, k)]) for k in ("gateway", "upstream")]
            rate = statistics.median(results[(load, way, "req/s")])
            print(f"| {load} | {way} | {cells[0]} | {cells[1]} | {rate:,.0f} |")


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} ({min(values):.3f} to {max(values):.3f})"


if __name__ == "__main__":
    main()
