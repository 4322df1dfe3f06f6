"""The gateway's hop to a service: its own client (``gateway.hop.HopPool``) against aiohttp's
``ClientSession`` set up as the gateway had it, side by side in one run.

Each client sends a claim as the gateway forwards it (``POST`` with a JSON body and the
tenancy headers) to a stand-in upstream in another process (a bare asyncio server answering a
small JSON body), one request at a time and then from 16 concurrent tasks, and reads the
answer to its end as the proxy does. What is compared is the client process's CPU time per
request (``time.process_time``), the stand-in's CPU not included; the rounds alternate the
clients so both see the same machine.

    uv run --frozen --all-packages python bench/hop_client.py [--requests 20000] [--rounds 3]

Not run by the tests.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable

import aiohttp
import uvloop

from gateway.hop import HopPool, Origin

BODY = b'{"items":[{"id":"c-1","code":"SPRING-7"}],"next_cursor":null}'
ANSWER = (
    b"HTTP/1.1 201 Created\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n%s"
    % (
        len(BODY),
        BODY,
    )
)
PATH = "/v1/coupon-batches/0190a0b0-0000-7000-8000-000000000001/claims"
CLAIM = b'{"customer_id":"customer-123"}'
HEADERS = [
    ("content-type", "application/json"),
    ("content-length", str(len(CLAIM))),
    ("idempotency-key", "0190a0b0-0000-7000-8000-00000000abcd"),
    ("x-workspace-id", "ws-bench"),
    ("x-actor", "bench-user"),
    ("x-scopes", "campaign:read campaign:write"),
    ("x-internal-token", "t" * 40),
    ("x-request-id", "r" * 32),
    ("x-forwarded-for", "127.0.0.1"),
]

UPSTREAM = f"""
import asyncio, sys, uvloop
ANSWER = {ANSWER!r}
class Answering(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        self.buffer = b""
    def data_received(self, data):
        self.buffer += data
        while b"\\r\\n\\r\\n" in self.buffer:
            head, _, rest = self.buffer.partition(b"\\r\\n\\r\\n")
            length = 0
            for line in head.split(b"\\r\\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if len(rest) < length:
                return
            self.buffer = rest[length:]
            self.transport.write(ANSWER)
async def main():
    server = await asyncio.get_running_loop().create_server(Answering, "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()
uvloop.run(main())
"""


def _aiohttp_session() -> aiohttp.ClientSession:
    """As ``gateway.upstreams.client_session`` makes it for the gateway's own calls."""
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=256, limit_per_host=0, keepalive_timeout=15),
        cookie_jar=aiohttp.DummyCookieJar(),
        auto_decompress=False,
        skip_auto_headers=("Accept-Encoding", "User-Agent", "Content-Type"),
        trust_env=False,
        raise_for_status=False,
    )


Client = tuple[Callable[[], Awaitable[None]], Callable[[], Awaitable[None]]]


async def _aiohttp(port: int) -> Client:
    session = _aiohttp_session()
    url = f"http://127.0.0.1:{port}{PATH}"
    timeout = aiohttp.ClientTimeout(total=None, connect=None, sock_connect=2, sock_read=30)

    async def one() -> None:
        response = await session.request(
            "POST", url, headers=HEADERS, data=CLAIM, timeout=timeout, allow_redirects=False
        )
        _ = [(name.lower(), value) for name, value in response.raw_headers]
        async for _chunk in response.content.iter_chunked(64 * 1024):
            pass
        response.release()

    return one, session.close


async def _hop(port: int) -> Client:
    pool = HopPool(limit=256, keepalive_s=15)
    origin = Origin.from_url(f"http://127.0.0.1:{port}")

    async def one() -> None:
        answer = await pool.request(
            origin, "POST", PATH, HEADERS, CLAIM, connect_timeout_s=2, read_timeout_s=30
        )
        async for _chunk, _finished in answer.chunks():
            pass
        answer.release()

    async def close() -> None:
        pool.close()

    return one, close


async def _measure(
    make: Callable[[int], Awaitable[Client]],
    port: int,
    requests: int,
    tasks: int,
) -> float:
    """Client CPU µs per request."""
    one, close = await make(port)
    for _ in range(200):
        await one()

    async def run(n: int) -> None:
        for _ in range(n):
            await one()

    started = time.process_time()
    await asyncio.gather(*(run(requests // tasks) for _ in range(tasks)))
    cpu = time.process_time() - started
    await close()
    return cpu / (requests // tasks * tasks) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    upstream = subprocess.Popen([sys.executable, "-c", UPSTREAM], stdout=subprocess.PIPE, text=True)
    try:
        assert upstream.stdout is not None
        port = int(upstream.stdout.readline())
        clients = {"aiohttp ClientSession": _aiohttp, "gateway.hop": _hop}
        results: dict[tuple[str, int], list[float]] = {}
        for _ in range(args.rounds):
            for tasks in (1, 16):
                for name, make in clients.items():
                    cpu = uvloop.run(_measure(make, port, args.requests, tasks))
                    results.setdefault((name, tasks), []).append(cpu)
        print("| client | concurrent tasks | client CPU µs per request, median (rounds) |")
        print("|---|---:|---|")
        for (name, tasks), cpus in results.items():
            rounds = ", ".join(f"{c:.0f}" for c in cpus)
            print(f"| {name} | {tasks} | **{statistics.median(cpus):.0f}** ({rounds}) |")
    finally:
        upstream.terminate()
        upstream.wait()


if __name__ == "__main__":
    main()
