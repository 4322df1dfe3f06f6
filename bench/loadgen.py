"""The load generator of `make bench`: HTTP/1.1 clients in separate processes.

Python on purpose: a fresh machine has only Python (no wrk, hey or Docker). Each process
runs its share of the connections on one event loop; its own CPU time per request is reported,
so a run shows how close the generator came to its own limit (1000 / that many ms per request is
what one process can drive on a free core).

Two clients (``LoadSpec.client``): ``lean`` (the default) writes each request as bytes made
once and parses the answers with httptools, uvicorn's own C parser; ``aiohttp`` is the
general-purpose client. The generator shares the machine's cores with what it measures, so
every CPU millisecond it spends is one the apps do not get: the lean client costs a quarter to
a half of aiohttp's CPU per request (bench/RESULTS.md, "the load generator's own CPU"), which
is why it is written here rather than taken from a library. ``make bench``'s generator rows run
both against the same trivial app.

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
import contextlib
import json
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from dataclasses import asdict, dataclass, field
from typing import Any, cast

# [method, path, body, headers]
Request = tuple[str, str, str | None, dict[str, str] | None]
CLIENTS = ("lean", "aiohttp")


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
    client: str = "lean"  # one of CLIENTS


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


class _Connection(asyncio.Protocol):
    """One keep-alive connection of the lean client. A request is written whole; httptools
    parses what comes back and the answer's status resolves the request's future once the
    whole message (body included) has arrived."""

    def __init__(self) -> None:
        import httptools

        self.parser = httptools.HttpResponseParser(self)
        self.transport: asyncio.Transport | None = None
        self.answer: asyncio.Future[int] | None = None
        self.usable = True

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transports are not asyncio.Transport subclasses, but have its methods.
        self.transport = cast(asyncio.Transport, transport)

    def data_received(self, data: bytes) -> None:
        try:
            self.parser.feed_data(data)
        except Exception as exc:  # httptools.HttpParserError: an answer that is not HTTP
            self._fail(exc)

    def on_message_complete(self) -> None:
        if not self.parser.should_keep_alive():
            self.usable = False
            assert self.transport is not None
            self.transport.close()
        if self.answer is not None and not self.answer.done():
            self.answer.set_result(self.parser.get_status_code())

    def connection_lost(self, exc: Exception | None) -> None:
        self._fail(exc or ConnectionResetError("the server closed the connection"))

    def _fail(self, exc: Exception) -> None:
        self.usable = False
        if self.transport is not None:
            self.transport.close()
        if self.answer is not None and not self.answer.done():
            self.answer.set_exception(exc)


class _LeanClient:
    """Keep-alive connections to one server, reused as they come free (closed loop: one per
    client; fixed rate: as many as are in flight)."""

    def __init__(self, base_url: str, headers: dict[str, str], timeout_s: float = 60.0) -> None:
        from urllib.parse import urlsplit

        url = urlsplit(base_url)
        self.host, self.port = url.hostname or "127.0.0.1", url.port or 80
        self.headers = {"Host": f"{self.host}:{self.port}", **headers}
        self.timeout_s = timeout_s
        self.idle: list[_Connection] = []
        self.open: list[_Connection] = []

    def prepare(self, item: Request) -> bytes:
        """The request as it goes on the wire (a path as the bench writes it: ASCII, already
        percent-encoded)."""
        method, path, body, headers = item
        if method == "HEAD":  # its answer has no body, which the parser is not told
            raise ValueError("the lean client sends no HEAD requests")
        data = body.encode() if body is not None else b""
        fields = {**self.headers, **(headers or {})}
        if body is not None or method in ("POST", "PUT", "PATCH"):
            fields["Content-Length"] = str(len(data))
        head = "".join(f"{k}: {v}\r\n" for k, v in fields.items())
        return f"{method} {path} HTTP/1.1\r\n{head}\r\n".encode("ascii") + data

    def _idle_connection(self) -> _Connection | None:
        """A connection that came free and is still open (the server may have closed it since,
        without a word: its keep-alive timeout)."""
        while self.idle:
            conn = self.idle.pop()
            if conn.usable and conn.transport is not None and not conn.transport.is_closing():
                return conn
            self.open.remove(conn)
        return None

    async def send(self, raw: bytes) -> int:
        """One request; its answer's status. A connection that failed or timed out is closed."""
        loop = asyncio.get_running_loop()
        async with asyncio.timeout(self.timeout_s):
            conn = self._idle_connection()
            if conn is None:
                _, conn = await loop.create_connection(_Connection, self.host, self.port)
                self.open.append(conn)
            conn.answer = loop.create_future()
            assert conn.transport is not None
            conn.transport.write(raw)
            try:
                status = await conn.answer
            except BaseException:
                conn.usable = False
                conn.transport.abort()
                raise
            finally:
                conn.answer = None
                if not conn.usable:
                    self.open.remove(conn)
        if conn.usable:
            self.idle.append(conn)
        return status

    def close(self) -> None:
        for conn in self.open:
            if conn.transport is not None:
                conn.transport.close()


async def _one_process(spec: LoadSpec, index: int, start_at: float) -> dict[str, Any]:
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

    def record(status: str, good: bool, due: float) -> None:
        nonlocal ok, first_done, last_done
        done = time.time()
        if measure_from <= done <= stop_at:
            statuses[status] = statuses.get(status, 0) + 1
            latencies.append((done - due) * 1000)
            ok += good
            first_done = first_done or done
            last_done = done

    async with _sender(spec, concurrency, rate, record) as send:
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


_Send = Callable[[Request, float], Coroutine[Any, Any, None]]


@contextlib.asynccontextmanager
async def _sender(
    spec: LoadSpec,
    concurrency: int,
    rate: float | None,
    record: Callable[[str, bool, float], None],
) -> AsyncIterator[_Send]:
    """``send(item, due)``: one request by the spec's client, its outcome given to ``record``
    (the status, or the error's name)."""
    if spec.client not in CLIENTS:
        raise ValueError(f"unknown client {spec.client!r}; one of {CLIENTS}")
    if spec.client == "aiohttp":
        import aiohttp

        connector = aiohttp.TCPConnector(limit=0 if rate else concurrency, force_close=False)
        timeout = aiohttp.ClientTimeout(total=60)
        async with aiohttp.ClientSession(
            spec.base_url, connector=connector, headers=spec.headers, timeout=timeout
        ) as session:

            async def send_aiohttp(item: Request, due: float) -> None:
                method, path, body, headers = item
                try:
                    async with session.request(method, path, data=body, headers=headers) as r:
                        await r.read()
                        status, good = str(r.status), r.status in spec.ok_statuses
                except (aiohttp.ClientError, TimeoutError) as exc:
                    status, good = type(exc).__name__, False
                record(status, good, due)

            yield send_aiohttp
        return
    import httptools

    lean = _LeanClient(spec.base_url, spec.headers)
    prepared = {id(item): lean.prepare(item) for item in spec.requests}

    async def send_lean(item: Request, due: float) -> None:
        try:
            code = await lean.send(prepared[id(item)])
            status, good = str(code), code in spec.ok_statuses
        except (OSError, TimeoutError, httptools.HttpParserError) as exc:
            status, good = type(exc).__name__, False
        record(status, good, due)

    try:
        yield send_lean
    finally:
        lean.close()


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
            [sys.executable, "-m", "bench.loadgen", spec_path, str(i), _result_path(spec_path, i)],
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


def _result_path(spec_path: str, index: int) -> str:
    return f"{spec_path}.{index}.result.json"


def collect(spec: LoadSpec, start_at: float, procs: list[subprocess.Popen[bytes]]) -> LoadResult:
    # Each process hands its result over in a file of its own, written whole and then renamed
    # into place: once a result read through the stdout pipe arrived cut after 65,536 bytes
    # (its first 64 KiB and a newline) and failed a `make bench` run.
    paths = [str(proc.args[-1]) for proc in procs if isinstance(proc.args, list)]
    try:
        for proc in procs:
            assert proc.stdout is not None
            proc.stdout.read()  # stdin is closed already: not communicate()
            proc.wait()
        failed = [proc.returncode for proc in procs if proc.returncode != 0]
        if failed:
            raise RuntimeError(f"load generator exited with {failed[0]}")
        parts = []
        for path in paths:  # start() gives each process its result's path last
            with open(path, "rb") as f:
                parts.append(json.loads(f.read()))
    finally:
        for path in paths:
            for leftover in (path, path + ".part"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(leftover)
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
    path, index, result_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(path) as f:
        spec = _spec_from_json(json.load(f))
    # Imported before saying ready, so the start is on time.
    import aiohttp  # noqa: F401
    import httptools  # noqa: F401

    try:
        import uvloop

        uvloop.install()
    except ImportError:  # optional: the generator is faster with it, correct without
        pass
    # Ready; the harness answers with the instant to start at (wall clock).
    print("ready", flush=True)
    start_at = float(sys.stdin.readline())
    result = json.dumps(asyncio.run(_one_process(spec, index, start_at)))
    with open(result_path + ".part", "w") as f:
        f.write(result)
    os.replace(result_path + ".part", result_path)


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
