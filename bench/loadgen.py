"""The load generator of `make bench`: aiohttp clients in separate processes.

Pure Python on purpose: a fresh machine has only Python (no wrk, hey or Docker). Each process
runs its share of the connections on one event loop; its own CPU time per request is reported,
so a run shows how close the generator came to its own limit (1000 / that many ms per request is
what one process can drive on a free core).

Two modes:
  - closed loop: ``concurrency`` clients, each sending its next request when the last answered;
  - fixed rate: requests sent on a schedule (``rate`` per second in all), latency counted from
    when each request was due, so a slow answer cannot hide the requests queued behind it.

Requests are a list of ``[method, path, body or null, headers or null]``; with ``cycle`` they
are reused, without it each is sent once (e.g. one claim per customer) and the run ends early
when they run out. Every process waits until ``start_at`` (wall clock), warms up for
``warmup_s`` and then counts ``duration_s``: the harness samples the servers' CPU time at the
same instants.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from typing import Any

# [method, path, body, headers]
Request = tuple[str, str, str | None, dict[str, str] | None]


@dataclass
class LoadSpec:
    base_url: str
    requests: list[Request]
    headers: dict[str, str] = field(default_factory=dict)
    concurrency: int = 64
    processes: int = 1
    duration_s: float = 10.0
    warmup_s: float = 2.0
    rate: float | None = None  # requests per second in all; None: closed loop
    cycle: bool = True
    ok_statuses: tuple[int, ...] = (200, 201)


@dataclass
class LoadResult:
    requests: int  # answered inside the measured window
    ok: int
    statuses: dict[str, int]
    elapsed_s: float
    latencies_ms: list[float]
    generator_cpu_s: float  # the generator processes' CPU time in the window
    processes: int
    start_at: float = 0.0  # wall clock of the measured window's start
    end_at: float = 0.0

    @property
    def rate(self) -> float:
        return self.ok / self.elapsed_s if self.elapsed_s else 0.0

    @property
    def errors(self) -> int:
        return self.requests - self.ok

    def percentile(self, q: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(len(ordered) * q))]

    @property
    def generator_cpu_ms(self) -> float:
        return self.generator_cpu_s * 1000 / self.requests if self.requests else float("nan")


async def _one_process(spec: LoadSpec, index: int, start_at: float) -> dict[str, Any]:
    import aiohttp

    mine = spec.requests[index :: spec.processes] if spec.processes > 1 else spec.requests
    concurrency = max(1, spec.concurrency // spec.processes)
    rate = spec.rate / spec.processes if spec.rate else None
    measure_from = start_at + spec.warmup_s
    stop_at = measure_from + spec.duration_s
    statuses: dict[str, int] = {}
    latencies: list[float] = []
    ok = 0
    first_done = last_done = 0.0
    position = 0

    def take() -> Request | None:
        nonlocal position
        if position >= len(mine):
            if not spec.cycle or not mine:
                return None
            position = 0
        item = mine[position]
        position += 1
        return item

    connector = aiohttp.TCPConnector(limit=0 if rate else concurrency, force_close=False)
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(
        spec.base_url, connector=connector, headers=spec.headers, timeout=timeout
    ) as session:

        async def send(item: Request, due: float) -> None:
            nonlocal ok, first_done, last_done
            method, path, body, headers = item
            try:
                async with session.request(method, path, data=body, headers=headers) as r:
                    await r.read()
                    status = str(r.status)
                    good = r.status in spec.ok_statuses
            except (aiohttp.ClientError, TimeoutError) as exc:
                status, good = type(exc).__name__, False
            done = time.time()
            if measure_from <= done <= stop_at:
                statuses[status] = statuses.get(status, 0) + 1
                latencies.append((done - due) * 1000)
                ok += good
                first_done = first_done or done
                last_done = done

        await asyncio.sleep(max(0.0, start_at - time.time()))
        cpu_start: float | None = None

        async def mark_cpu() -> None:
            nonlocal cpu_start
            await asyncio.sleep(max(0.0, measure_from - time.time()))
            cpu_start = time.process_time()

        marker = asyncio.create_task(mark_cpu())
        if rate is None:

            async def client() -> None:
                while time.time() < stop_at and (item := take()) is not None:
                    await send(item, time.time())

            await asyncio.gather(*(client() for _ in range(concurrency)))
        else:
            # Sends on schedule however long answers take (up to 10,000 in flight).
            limit = asyncio.Semaphore(10_000)
            tasks: set[asyncio.Task[None]] = set()

            def _finished(task: asyncio.Task[None]) -> None:
                tasks.discard(task)
                limit.release()

            started = time.time()
            k = 0
            while (due := started + k / rate) < stop_at and (item := take()) is not None:
                await asyncio.sleep(max(0.0, due - time.time()))
                await limit.acquire()
                task = asyncio.create_task(send(item, due))
                tasks.add(task)
                task.add_done_callback(_finished)
                k += 1
            await asyncio.gather(*tasks)
        await marker
        cpu = time.process_time() - (cpu_start if cpu_start is not None else 0.0)
    end = min(stop_at, time.time()) if spec.cycle else min(stop_at, last_done or time.time())
    return {
        "statuses": statuses,
        "latencies_ms": latencies,
        "ok": ok,
        "elapsed_s": max(1e-9, end - measure_from),
        "cpu_s": cpu,
    }


def _spec_from_json(raw: dict[str, Any]) -> LoadSpec:
    raw["requests"] = [tuple(r) for r in raw["requests"]]
    raw["ok_statuses"] = tuple(raw["ok_statuses"])
    return LoadSpec(**raw)


def start(
    spec: LoadSpec, spec_path: str, lead_s: float = 0.3
) -> tuple[float, list[subprocess.Popen[bytes]]]:
    """Start the generator processes and wait until each has imported what it needs (on a busy
    machine that can take seconds); they begin together ``lead_s`` later. Returns the start
    instant and the processes, for :func:`collect`."""
    with open(spec_path, "w") as f:
        json.dump(asdict(spec), f)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "bench.loadgen", spec_path, str(i)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
        )
        for i in range(spec.processes)
    ]
    for proc in procs:
        assert proc.stdout is not None
        if proc.stdout.readline().strip() != b"ready":
            raise RuntimeError("a load generator process did not start")
    start_at = time.time() + lead_s
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write(f"{start_at!r}\n".encode())
        proc.stdin.close()
    return start_at, procs


def collect(spec: LoadSpec, start_at: float, procs: list[subprocess.Popen[bytes]]) -> LoadResult:
    parts = []
    for proc in procs:
        assert proc.stdout is not None
        out = proc.stdout.read()  # stdin is closed already: not communicate()
        proc.wait()
        if proc.returncode != 0:
            raise RuntimeError(f"load generator exited with {proc.returncode}")
        parts.append(json.loads(out))
    statuses: dict[str, int] = {}
    for part in parts:
        for status, n in part["statuses"].items():
            statuses[status] = statuses.get(status, 0) + n
    return LoadResult(
        requests=sum(statuses.values()),
        ok=sum(p["ok"] for p in parts),
        statuses=statuses,
        elapsed_s=max(p["elapsed_s"] for p in parts),
        latencies_ms=[x for p in parts for x in p["latencies_ms"]],
        generator_cpu_s=sum(p["cpu_s"] for p in parts),
        processes=spec.processes,
        start_at=start_at + spec.warmup_s,
        end_at=start_at + spec.warmup_s + spec.duration_s,
    )


def main() -> None:
    path, index = sys.argv[1], int(sys.argv[2])
    with open(path) as f:
        spec = _spec_from_json(json.load(f))
    import aiohttp  # noqa: F401  (imported before saying ready, so the start is on time)

    try:
        import uvloop

        uvloop.install()
    except ImportError:  # optional: the generator is faster with it, correct without
        pass
    # Ready; the harness answers with the instant to start at (wall clock).
    print("ready", flush=True)
    start_at = float(sys.stdin.readline())
    print(json.dumps(asyncio.run(_one_process(spec, index, start_at))))


if __name__ == "__main__":
    main()


async def trivial_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """The cheapest answer an ASGI server gives (no framework): the target of the run that
    shows how many requests a second the generator itself can drive."""
    if scope["type"] == "lifespan":
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
        return
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"application/json")],
        }
    )
    await send({"type": "http.response.body", "body": b'{"ok":true}'})
