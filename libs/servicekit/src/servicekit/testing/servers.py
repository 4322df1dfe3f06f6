"""Real HTTP servers for tests, on free 127.0.0.1 ports: an ASGI app under uvicorn in a thread
of its own (``serving``), and ``StandIn``, a recorder that answers by path for a peer service a
service's own tests may not start (campaign-svc's tests answer as content-svc and metrics-svc).
The calls go over a real socket with the service's own client; the end-to-end suite talks to
the real services instead::

    @pytest.fixture
    def peer() -> Iterator[StandIn]:
        with serving_stand_in(scopes={"/v1/metrics/": "metrics:read"}) as stand_in:
            yield stand_in
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp

# How long a server may take to start listening before the test fails.
START_TIMEOUT_S = 10.0


def free_port() -> int:
    """A port of 127.0.0.1 that nothing listens on at the moment of asking."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Served:
    """An app listening at ``url`` until the block of ``serving`` ends, or ``stop()`` (the peer
    goes down: nothing listens on its port any more)."""

    def __init__(self, app: ASGIApp) -> None:
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        self._server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
        )
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def start(self) -> None:
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self._server.started:
            assert time.monotonic() < deadline, f"the server at {self.url} did not start"
            time.sleep(0.01)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(START_TIMEOUT_S)


@contextmanager
def serving(app: ASGIApp) -> Iterator[Served]:
    """``app`` served on a free port of 127.0.0.1 until the block ends."""
    served = Served(app)
    served.start()
    try:
        yield served
    finally:
        served.stop()


@dataclass(frozen=True, slots=True)
class Answer:
    """What a ``StandIn`` answers on a path: ``body`` as JSON, after ``delay_s``."""

    status: int
    body: Any
    delay_s: float = 0.0


@dataclass(frozen=True, slots=True)
class Seen:
    """A request a ``StandIn`` received (header names in lower case; ``query`` holds a
    parameter's last value, ``queries`` all of them in order)."""

    path: str
    query: dict[str, str]
    headers: dict[str, str]
    queries: dict[str, list[str]] = field(default_factory=dict)


NOT_FOUND = Answer(404, {"status": 404, "title": "Not Found", "detail": "No such route."})


@dataclass
class StandIn:
    """A peer service in a test: answers what ``answer`` set for a path (any method), else a 404
    problem, and records every request in ``seen``. Like the real services, it refuses (403) a
    call whose ``X-Scopes`` lacks the scope its route asks for (``scopes``: path prefix →
    scope)."""

    scopes: Mapping[str, str] = field(default_factory=dict)
    answers: dict[str, Answer] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    url: str = ""

    def answer(self, path: str, status: int, body: Any, *, delay_s: float = 0.0) -> None:
        self.answers[path] = Answer(status, body, delay_s)

    def requests_to(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path == path]

    def reset(self) -> None:
        self.answers.clear()
        self.seen.clear()

    async def handle(self, request: Request) -> Response:
        path = request.url.path
        params = request.query_params
        queries = {name: params.getlist(name) for name in params}
        self.seen.append(Seen(path, dict(params), dict(request.headers), queries))
        answer = self.answers.get(path, NOT_FOUND)
        held = request.headers.get("x-scopes", "").split()
        for prefix, scope in self.scopes.items():
            if path.startswith(prefix) and scope not in held:
                detail = f"Missing scope {scope}."
                answer = Answer(403, {"status": 403, "title": "Forbidden", "detail": detail})
        if answer.delay_s:
            await asyncio.sleep(answer.delay_s)
        return JSONResponse(answer.body, status_code=answer.status)


@contextmanager
def serving_stand_in(*, scopes: Mapping[str, str]) -> Iterator[StandIn]:
    """A ``StandIn`` listening at its ``url`` until the block ends."""
    stand_in = StandIn(scopes=scopes)
    methods = ["GET", "POST", "PUT", "PATCH", "DELETE"]
    app = Starlette(routes=[Route("/{path:path}", stand_in.handle, methods=methods)])
    with serving(app) as served:
        stand_in.url = served.url
        yield stand_in


@contextmanager
def refusing_port() -> Iterator[str]:
    """The url of a port on 127.0.0.1 where nothing listens: bound, never listening, so a
    connection is refused and no other process can take the port meanwhile."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{s.getsockname()[1]}"
