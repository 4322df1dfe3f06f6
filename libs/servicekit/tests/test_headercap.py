"""The header-capped uvicorn protocol: a request head over the limit is a quick 431, without
holding what the client sends, and the server goes on serving."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from servicekit.headercap import DEFAULT_MAX_HEADER_BYTES, HeaderCappedHttpToolsProtocol


async def echo(request: Request) -> JSONResponse:
    body = await request.body()
    return JSONResponse({"header": len(request.headers.get("x-big", "")), "body": len(body)})


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, int]]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    app = Starlette(routes=[Route("/", echo, methods=["GET", "POST"])])
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
