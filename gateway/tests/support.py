"""Test servers on real 127.0.0.1 ports: an echo upstream and a flaky one, and a thread to run
any ASGI app (the gateway included) under uvicorn.

Everything runs under uvicorn in its own thread (its own event loop), so bytes cross real sockets
both ways: streaming, body limits, timeouts and refused connections behave as in production.
"""

from __future__ import annotations

import asyncio
import hashlib
import socket
import struct
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

JWT_SECRET = "gateway-tests-jwt-secret-of-32-bytes-or-more"
INTERNAL_TOKEN = "gateway-tests-internal-token"
WORKSPACE = "ws-gateway-tests"
ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
# 64 KiB of a fixed pattern: streamed bodies are made of it so their digest is predictable.
PATTERN = bytes(range(256)) * 256


def pattern_bytes(size: int) -> bytes:
    return (PATTERN * (size // len(PATTERN) + 1))[:size]


def bound_socket() -> socket.socket:
    """A socket bound to a free port; refuses connections until something listens on it."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


class ServerThread:
    """An ASGI app under uvicorn in a background thread, on the given (or a fresh) socket."""

    def __init__(self, app: Any, sock: socket.socket | None = None) -> None:
        self.sock = sock or bound_socket()
        self.port = int(self.sock.getsockname()[1])
        config = uvicorn.Config(
            app, log_level="warning", access_log=False, timeout_graceful_shutdown=1
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("server did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()


@dataclass
class EchoUpstream:
    """What the echo upstream saw, keyed by the ``t`` query parameter each test makes unique."""

    url: str = ""
    ready: bool = True
    arrived: list[str] = field(default_factory=list)
    completed: dict[str, dict[str, Any]] = field(default_factory=dict)
    progress: dict[str, int] = field(default_factory=dict)
    gates: dict[str, threading.Event] = field(default_factory=dict)

    def gate(self, key: str) -> threading.Event:
        self.gates[key] = threading.Event()
        return self.gates[key]


async def _wait_for(event: threading.Event, timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not event.is_set() and time.monotonic() < deadline:
        await asyncio.sleep(0.005)


def echo_app(state: EchoUpstream) -> Starlette:
    """Answers any path; ``?mode=`` picks echo (default), stream, sleep, hold (until the test
    sets the ``?gate=`` event), cookie, redirect or status (answers ``?code=``)."""

    async def readyz(_: Request) -> Response:
        return JSONResponse({"ready": state.ready}, status_code=200 if state.ready else 503)

    async def stream(size: int, gate: threading.Event | None) -> AsyncIterator[bytes]:
        sent = 0
        while sent < size:
            chunk = PATTERN[: min(len(PATTERN), size - sent)]
            yield chunk
            sent += len(chunk)
            if gate is not None:
                await _wait_for(gate)  # hold the rest back until the test has seen the start
                gate = None

    async def any_path(request: Request) -> Response:
        query = request.query_params
        key = query.get("t", "")
        state.arrived.append(key)
        mode = query.get("mode", "echo")
        if mode == "stream":
            gate = state.gates.get(query.get("gate", ""))
            return StreamingResponse(
                stream(int(query["size"]), gate), media_type="application/octet-stream"
            )
        if mode == "sleep":
            await asyncio.sleep(float(query["s"]))
        if mode == "hold":
            await _wait_for(state.gates[query["gate"]])
        if mode == "cookie":
            response = JSONResponse({"cookie": "set"})
            response.set_cookie("upstream_session", "secret-of-" + key)
            return response
        if mode == "redirect":
            return RedirectResponse("/v1/posts/elsewhere", status_code=302)
        if mode == "status":
            return JSONResponse({"status": int(query["code"])}, status_code=int(query["code"]))
        digest = hashlib.sha256()
        received = 0
        async for chunk in request.stream():
            digest.update(chunk)
            received += len(chunk)
            state.progress[key] = received
        seen = {
            "method": request.method,
            "path": request.url.path,
            "raw_path": request.scope["raw_path"].decode("latin-1"),
            "query": request.scope["query_string"].decode("latin-1"),
            "headers": [[k.decode("latin-1"), v.decode("latin-1")] for k, v in request.headers.raw],
            "body_len": received,
            "body_sha256": digest.hexdigest(),
        }
        state.completed[key] = seen
        return JSONResponse(seen, headers={"x-upstream": "echo"})

    return Starlette(
        routes=[Route("/readyz", readyz), Route("/{path:path}", any_path, methods=ALL_METHODS)]
    )


async def _serve_until(
    stop: threading.Event,
    handle: Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]],
    sock: socket.socket,
) -> None:
    server = await asyncio.start_server(handle, sock=sock)
    async with server:
        while not stop.is_set():
            await asyncio.sleep(0.02)


@contextmanager
def raw_upstream(
    state: Any, run: Callable[[Any, socket.socket, threading.Event], None]
) -> Iterator[None]:
    """Run a raw test server (``run(state, sock, stop)``) in a thread on ``state.port``."""
    sock = bound_socket()
    sock.listen(128)  # connections made before the thread's server is up wait, not refused
    state.port = int(sock.getsockname()[1])
    stop = threading.Event()
    thread = threading.Thread(target=run, args=(state, sock, stop), daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(5)
        sock.close()


@dataclass
class FlakyUpstream:
    """A raw HTTP/1.1 server that can hang up on a connection without answering."""

    port: int = 0
    drop_next: int = 0
    requests: list[bytes] = field(default_factory=list)


def _run_flaky(state: FlakyUpstream, sock: socket.socket, stop: threading.Event) -> None:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()
            return
        state.requests.append(head.split(b"\r\n", 1)[0])
        if state.drop_next > 0:
            state.drop_next -= 1
            writer.close()  # hang up without a status line
            return
        writer.write(
            b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\n"
            b"connection: close\r\n\r\nok"
        )
        await writer.drain()
        writer.close()

    asyncio.run(_serve_until(stop, handle, sock))


@dataclass
class DropOnceRelay:
    """A TCP relay to the server on ``target_port`` for GET requests (heads without bodies).
    Once ``armed``, the first request that arrives on a connection that has already carried
    one is hung up on, unanswered, with the service's side of it: the keep-alive race, played
    once in front of a real service."""

    target_port: int
    port: int = 0
    armed: bool = False
    dropped: int = 0
    # Each request line relayed or dropped, and whether its connection had carried one before.
    requests: list[tuple[bytes, bool]] = field(default_factory=list)
    dropped_at: int = -1  # the dropped request's index in ``requests``


def _run_drop_once_relay(state: DropOnceRelay, sock: socket.socket, stop: threading.Event) -> None:
    async def answers(upstream: asyncio.StreamReader, client: asyncio.StreamWriter) -> None:
        try:
            while data := await upstream.read(65536):
                client.write(data)
                await client.drain()
        except ConnectionError:
            pass
        finally:
            client.close()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", state.target_port)
        relaying = asyncio.create_task(answers(up_reader, writer))
        carried = 0
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                state.requests.append((head.split(b"\r\n", 1)[0], carried > 0))
                if carried and state.armed:
                    state.armed = False
                    state.dropped += 1
                    state.dropped_at = len(state.requests) - 1
                    return
                carried += 1
                up_writer.write(head)
                await up_writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            relaying.cancel()
            up_writer.close()
            writer.close()

    asyncio.run(_serve_until(stop, handle, sock))


@dataclass
class KeepAliveUpstream:
    """A raw HTTP/1.1 server that keeps connections open and can play the keep-alive race.

    ``on_reuse`` decides what happens to a request arriving on a connection that has already
    carried one: ``serve`` it, ``close`` (hang up without answering, as a server closing an
    idle connection at that instant does) or ``reset`` (the same with a TCP reset). A path
    with ``status=500`` is answered 500 without ``connection: close``, and with
    ``poison_after_5xx`` the next request on that connection is dropped: a server that closes
    after a 500, seen a moment late.
    """

    port: int = 0
    on_reuse: str = "serve"
    poison_after_5xx: bool = False
    # (request line, whether the connection had carried a request before, body)
    requests: list[tuple[bytes, bool, bytes]] = field(default_factory=list)


def _run_keepalive(state: KeepAliveUpstream, sock: socket.socket, stop: threading.Event) -> None:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        served = 0
        poisoned = False
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                body = await reader.readexactly(length) if length else b""
                request_line = head.split(b"\r\n", 1)[0]
                state.requests.append((request_line, served > 0, body))
                if poisoned or (served > 0 and state.on_reuse != "serve"):
                    if state.on_reuse == "reset":
                        sock_ = writer.get_extra_info("socket")
                        sock_.setsockopt(
                            socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                        )
                    writer.close()
                    return
                served += 1
                if b"status=500" in request_line:
                    writer.write(
                        b"HTTP/1.1 500 Internal Server Error\r\ncontent-type: text/plain\r\n"
                        b"content-length: 4\r\n\r\nboom"
                    )
                    poisoned = state.poison_after_5xx
                else:
                    writer.write(
                        b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\n"
                        b"content-length: 2\r\n\r\nok"
                    )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()

    asyncio.run(_serve_until(stop, handle, sock))
