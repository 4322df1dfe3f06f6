"""Requests to an app's ASGI callable in the benchmark's own process: no server, no socket.

What ``app_cpu.py`` and ``claim_cpu.py`` measure is the application alone (FastAPI, servicekit,
the driver, pydantic, the access line); a request here is one call of the app with the scope a
server would build, the whole body in one message, and the answer's messages collected.
"""

from __future__ import annotations

import cProfile
import sys
from collections.abc import Awaitable, Callable, Mapping, MutableMapping, Sequence
from typing import Any

Asgi = Callable[..., Awaitable[None]]


async def call(
    app: Asgi,
    state: Mapping[str, Any] | None,
    method: str,
    path: str,
    headers: Sequence[tuple[bytes, bytes]],
    *,
    query: bytes = b"",
    body: bytes = b"",
    expect: int = 200,
) -> bytes:
    """``method path?query`` with ``headers`` and ``body``, in the app's lifespan ``state``;
    the answer's body. An answer other than ``expect`` raises (a measurement of errors would
    measure the wrong path)."""
    scope: dict[str, Any] = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
        "method": method, "scheme": "http", "path": path, "raw_path": path.encode(),
        "query_string": query, "root_path": "", "headers": list(headers),
        "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80),
        "state": dict(state or {}),
    }  # fmt: skip
    sent: list[MutableMapping[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    if sent[0]["status"] != expect:
        raise RuntimeError(f"{method} {path}: {sent}")
    return b"".join(m.get("body", b"") for m in sent[1:])


async def profiled(round_: Awaitable[object], path: str) -> None:
    """Run one more round under cProfile and write its statistics to ``path``."""
    profile = cProfile.Profile()
    profile.enable()
    await round_
    profile.disable()
    profile.dump_stats(path)
    print(f"cProfile statistics written to {path}", file=sys.stderr)
