"""Oversized request heads: a quick 431 from the gateway and from a service, without the
process holding what was sent, and both go on serving."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from .conftest import make_token
from .stack import INTERNAL_TOKEN, Stack

MB = 1024 * 1024


@pytest.fixture(scope="module")
def fresh(stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A gateway and a content-svc of their own, so their peak memory says what this test did."""
    own = Stack(stack.database_urls, Path(tmp_path_factory.mktemp("fresh-logs")))
    # Its gateway reaches the shared stack's other services.
    own.ports = {name: stack.ports[name] for name in ("campaign", "community", "metrics")}
    try:
        own.start("content")
        own.start("gateway")
        yield own
    finally:
        own.stop_all()


def peak_rss_mb(stack: Stack, name: str) -> float:
    status = Path(f"/proc/{stack.procs[name].pid}/status").read_text()
    (line,) = [line for line in status.splitlines() if line.startswith("VmHWM:")]
    return int(line.split()[1]) / 1024


def send_big_header(
    url: str, size: int, extra: bytes = b"", *, end_head: bool = True
) -> tuple[int, bytes]:
    """Send a GET whose header is ``size`` bytes, and the end of its head or not, then read the
    answer until the server closes the connection."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=20) as conn:
        conn.sendall(b"GET /v1/channels HTTP/1.1\r\nhost: t\r\n" + extra + b"x-big: ")
        block = b"a" * MB
        sent = 0
        try:
            while sent < size:
                conn.sendall(block[: min(MB, size - sent)])
                sent += MB
            if end_head:
                conn.sendall(b"\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


@pytest.mark.parametrize("target", ["gateway", "content"])
def test_four_32_mb_headers_at_once_are_431_without_the_memory(
    fresh: Stack, workspace: str, target: str
) -> None:
    token = make_token(workspace)
    # Through the gateway with a valid token (it used to be forwarded), straight to the service
    # with the internal token: either way it is refused before the application sees it.
    auth = (
        f"authorization: Bearer {token}\r\n"
        if target == "gateway"
        else f"x-internal-token: {INTERNAL_TOKEN}\r\nx-workspace-id: {workspace}\r\n"
    ).encode()
    before = peak_rss_mb(fresh, target)
    with ThreadPoolExecutor(4) as pool:
        # Two of the heads never end and are answered all the same: the 431 is quick, it comes
        # as the limit is passed, not once the head is complete.
        results = list(
            pool.map(
                lambda i: send_big_header(fresh.url(target), 32 * MB, auth, end_head=i % 2 == 0),
                range(4),
            )
        )
    for status, body in results:
        assert status == 431
        assert json.loads(body)["status"] == 431
    grown = peak_rss_mb(fresh, target) - before
    assert grown < 24, f"{target} peak memory grew {grown:.0f} MB for 4 x 32 MB headers"

    status, _ = send_big_header(fresh.url(target), 64 * 1024, auth)
    assert status == 431
    # And the next caller is served as usual.
    if target == "gateway":
        r = httpx.get(fresh.gateway + "/v1/channels", headers={"Authorization": f"Bearer {token}"})
    else:
        r = httpx.get(
            fresh.url("content") + "/v1/channels",
            headers={"X-Internal-Token": INTERNAL_TOKEN, "X-Workspace-Id": workspace,
                     "X-Scopes": "content:read", "X-Actor-Id": "e2e"},
        )  # fmt: skip
    assert r.status_code == 200, r.text
