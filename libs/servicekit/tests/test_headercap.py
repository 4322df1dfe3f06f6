"""servicekit's uvicorn protocol: a request head over the limit is a quick 431, without
holding what the client sends, and the server goes on serving; an answer's head leaves in one
write with its body's first part, and every kind of answer still arrives whole."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from servicekit.headercap import DEFAULT_MAX_HEADER_BYTES, HeaderCappedHttpToolsProtocol


async def echo(request: Request) -> JSONResponse:
    body = await request.body()
    return JSONResponse({"header": len(request.headers.get("x-big", "")), "body": len(body)})


# How long the apps below wait between an answer's head and its body: far longer than a
# loopback write takes to arrive, so a head written on its own is read on its own.
PAUSE_S = 0.3


class _PausedResponse(Response):
    """An answer whose body comes PAUSE_S after its head; ``fail`` raises instead."""

    def __init__(self, content: bytes, *, fail: bool = False) -> None:
        super().__init__(content, media_type="text/plain")
        self.fail = fail

    async def __call__(self, _scope: Scope, _receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": self.raw_headers})
        await asyncio.sleep(PAUSE_S)
        if self.fail:
            raise RuntimeError("the app failed after its answer started")
        await send({"type": "http.response.body", "body": self.body})


async def paused(request: Request) -> Response:
    return _PausedResponse(b"paused body", fail="fail" in request.query_params)


async def stream(_: Request) -> StreamingResponse:
    async def parts() -> Any:
        for part in (b"one,", b"two,", b"three"):
            yield part
            await asyncio.sleep(PAUSE_S / 3)

    return StreamingResponse(parts(), media_type="text/plain")


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, int]]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    app = Starlette(
        routes=[
            Route("/", echo, methods=["GET", "POST"]),
            Route("/paused", paused, methods=["GET", "HEAD"]),
            Route("/stream", stream),
        ]
    )
    config = uvicorn.Config(
        app, http=HeaderCappedHttpToolsProtocol, log_level="warning", lifespan="off"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not srv.started:
        time.sleep(0.01)
    yield sock.getsockname()
    srv.should_exit = True
    thread.join(10)
    sock.close()


def _read_response(conn: socket.socket) -> tuple[int, dict[str, str], bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        assert chunk, f"connection closed before an answer: {data!r}"
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    length = int(headers.get("content-length", "0"))
    while len(rest) < length:
        chunk = conn.recv(65536)
        assert chunk
        rest += chunk
    return int(lines[0].split()[1]), headers, rest[:length]


def _send_big_header(
    address: tuple[str, int], size: int, *, end_head: bool = True
) -> tuple[int, dict[str, str], bytes]:
    """Send a GET whose header is ``size`` bytes, as fast as the server takes it, and the end
    of the head or not, then read the answer (a server that stops reading early must still let
    the answer through)."""
    with socket.create_connection(address, timeout=10) as conn:
        conn.sendall(b"GET / HTTP/1.1\r\nhost: t\r\nx-big: ")
        block = b"a" * 65536
        sent = 0
        try:
            while sent < size:
                conn.sendall(block[: min(len(block), size - sent)])
                sent += len(block)
            if end_head:
                conn.sendall(b"\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        return _read_response(conn)


@pytest.mark.parametrize("end_head", [True, False], ids=["ended", "never-ended"])
@pytest.mark.parametrize("size", [64 * 1024, 32 * 1024 * 1024])
def test_a_head_over_the_limit_is_a_quick_431_problem(
    server: tuple[str, int], size: int, end_head: bool
) -> None:
    # Quick: a head that never ends is answered all the same, so the 431 comes as the limit is
    # passed, not once the head is complete nor when some timeout of the server's runs out.
    status, headers, body = _send_big_header(server, size, end_head=end_head)
    assert status == 431
    assert headers["content-type"] == "application/problem+json"
    assert headers["connection"] == "close"
    problem = json.loads(body)
    assert problem["status"] == 431
    assert "32,768-byte limit" in problem["detail"]


def test_a_head_within_the_limit_is_served_and_the_connection_kept(
    server: tuple[str, int],
) -> None:
    big = b"a" * (DEFAULT_MAX_HEADER_BYTES - 1024)
    with socket.create_connection(server, timeout=10) as conn:
        for _ in range(2):  # the same connection serves the next request
            conn.sendall(b"GET / HTTP/1.1\r\nhost: t\r\nx-big: " + big + b"\r\n\r\n")
            status, _, body = _read_response(conn)
            assert status == 200
            assert json.loads(body)["header"] == len(big)


def test_a_large_body_is_not_mistaken_for_a_large_head(server: tuple[str, int]) -> None:
    body = b"x" * (1024 * 1024)
    with socket.create_connection(server, timeout=10) as conn:
        conn.sendall(b"POST / HTTP/1.1\r\nhost: t\r\ncontent-length: %d\r\n\r\n" % len(body) + body)
        status, _, answer = _read_response(conn)
    assert status == 200
    assert json.loads(answer)["body"] == len(body)


def test_after_a_431_the_server_serves_the_next_connection(server: tuple[str, int]) -> None:
    assert _send_big_header(server, 1024 * 1024)[0] == 431
    with socket.create_connection(server, timeout=10) as conn:
        conn.sendall(b"GET / HTTP/1.1\r\nhost: t\r\n\r\n")
        assert _read_response(conn)[0] == 200


def test_many_headers_count_together(server: tuple[str, int]) -> None:
    headers = b"".join(b"x-h%d: %s\r\n" % (i, b"v" * 100) for i in range(400))
    with socket.create_connection(server, timeout=10) as conn:
        conn.sendall(b"GET / HTTP/1.1\r\nhost: t\r\n" + headers + b"\r\n")
        assert _read_response(conn)[0] == 431


@pytest.mark.parametrize("value", ["32k", "512"])
def test_a_bad_limit_stops_the_server_at_start(value: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import servicekit.headercap"],
        env={**os.environ, "MEDIAOPS_MAX_HEADER_BYTES": value},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "MEDIAOPS_MAX_HEADER_BYTES must be a whole number of bytes" in done.stderr


def _first_read(conn: socket.socket) -> bytes:
    """What the first read after a request returns: the bytes of the server's first write
    (and whatever else had arrived by then)."""
    data = conn.recv(65536)
    assert data, "the connection closed before any answer"
    return data


def test_an_answers_head_leaves_with_its_body_in_one_write(server: tuple[str, int]) -> None:
    # uvicorn's own cycle writes the head at once and the body PAUSE_S later: the first read
    # would hold the head alone.
    with socket.create_connection(server, timeout=10) as conn:
        conn.sendall(b"GET /paused HTTP/1.1\r\nhost: t\r\n\r\n")
        first = _first_read(conn)
    assert first.startswith(b"HTTP/1.1 200 OK\r\n")
    assert first.endswith(b"\r\n\r\npaused body")


def test_a_head_answer_and_the_next_request_on_the_connection(server: tuple[str, int]) -> None:
    # A HEAD answer writes no body: its head goes out on its own, and the connection goes on.
    with socket.create_connection(server, timeout=10) as conn:
        conn.sendall(b"HEAD /paused HTTP/1.1\r\nhost: t\r\n\r\n")
        head = b""
        while b"\r\n\r\n" not in head:
            head += _first_read(conn)
        assert head.startswith(b"HTTP/1.1 200 OK\r\n")
        assert head.endswith(b"\r\n\r\n")  # the head only, nothing after it
        assert b"content-length: 11\r\n" in head
        conn.sendall(b"GET / HTTP/1.1\r\nhost: t\r\n\r\n")
        status, _, body = _read_response(conn)
    assert status == 200
    assert json.loads(body) == {"header": 0, "body": 0}


def test_a_streamed_answer_arrives_whole_with_its_head_in_the_first_part(
    server: tuple[str, int],
) -> None:
    with socket.create_connection(server, timeout=10) as conn:
        conn.sendall(b"GET /stream HTTP/1.1\r\nhost: t\r\n\r\n")
        data = _first_read(conn)
        assert data.startswith(b"HTTP/1.1 200 OK\r\n")
        assert data.endswith(b"\r\n\r\n4\r\none,\r\n")  # the head and the first chunk
        while not data.endswith(b"0\r\n\r\n"):
            data += _first_read(conn)
    assert data.split(b"\r\n\r\n", 1)[1] == b"4\r\none,\r\n4\r\ntwo,\r\n5\r\nthree\r\n0\r\n\r\n"


def test_100_continue_is_not_held_back(server: tuple[str, int]) -> None:
    # The interim answer is written while the app reads the body, not held for the answer: a
    # client that waits for it before sending the body would otherwise wait for ever.
    body = b"x" * 1000
    with socket.create_connection(server, timeout=10) as conn:
        conn.sendall(
            b"POST / HTTP/1.1\r\nhost: t\r\nexpect: 100-continue\r\n"
            b"content-length: %d\r\n\r\n" % len(body)
        )
        assert _first_read(conn) == b"HTTP/1.1 100 Continue\r\n\r\n"
        conn.sendall(body)
        status, _, answer = _read_response(conn)
    assert status == 200
    assert json.loads(answer)["body"] == len(body)


def test_an_app_failing_after_its_head_ends_the_connection_and_the_server_goes_on(
    server: tuple[str, int],
) -> None:
    with socket.create_connection(server, timeout=10) as conn:
        conn.sendall(b"GET /paused?fail=1 HTTP/1.1\r\nhost: t\r\n\r\n")
        received = b""
        while chunk := conn.recv(65536):
            received += chunk
    assert b"paused body" not in received  # never a complete-looking answer
    with socket.create_connection(server, timeout=10) as conn:
        conn.sendall(b"GET /paused HTTP/1.1\r\nhost: t\r\n\r\n")
        assert _read_response(conn)[2] == b"paused body"


def test_an_answer_to_connection_close_is_whole_before_the_close(server: tuple[str, int]) -> None:
    with socket.create_connection(server, timeout=10) as conn:
        conn.sendall(b"GET /paused HTTP/1.1\r\nhost: t\r\nconnection: close\r\n\r\n")
        received = b""
        while chunk := conn.recv(65536):
            received += chunk
    assert received.startswith(b"HTTP/1.1 200 OK\r\n")
    assert b"connection: close\r\n" in received
    assert received.endswith(b"\r\n\r\npaused body")
