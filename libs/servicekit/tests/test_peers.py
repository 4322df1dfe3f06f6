"""``servicekit.peers`` against a real HTTP server on 127.0.0.1 (Starlette under uvicorn in a
thread): answers, refusals with their reason, a bounded total time, an unreachable peer, the
headers of a call made with the service's own rights, the cache's two lifetimes, and the
client closed when the app shuts down."""

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import APIRouter, Request
from fixture_service.app import MIGRATIONS_DIR, Settings
from pydantic import BaseModel
from starlette.applications import Starlette
from starlette.requests import Request as StarletteRequest
from starlette.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from servicekit.app import create_service_app
from servicekit.context import RequestContext
from servicekit.peers import Answered, Peer, PeerCache, Unavailable
from servicekit.state import ServiceState
from servicekit.testing.headers import gateway_headers
from servicekit.testing.servers import refusing_port, serving, serving_stand_in

CALLER = RequestContext(
    workspace_id="ws-a",
    actor_id="user-7",
    scopes=frozenset({"campaign:read", "campaign:write"}),
    request_id="req-42",
)


class Progress(BaseModel):
    actual: float
    status: str


@dataclass
class Server:
    url: str = ""
    seen: list[dict[str, str]] = field(default_factory=list)


async def progress(request: StarletteRequest) -> Response:
    server: Server = request.app.state.server
    server.seen.append(dict(request.headers))
    return JSONResponse({"actual": 42.5, "status": "on_track"})


async def missing(_: StarletteRequest) -> Response:
    return JSONResponse(
        {"status": 404, "title": "Not Found", "detail": "No metric 'gmv'."},
        status_code=404,
        media_type="application/problem+json",
    )


async def broken(_: StarletteRequest) -> Response:
    return PlainTextResponse("upstream fell over", status_code=500)


async def nonsense(_: StarletteRequest) -> Response:
    return PlainTextResponse("<html>hello</html>")


async def slow(_: StarletteRequest) -> Response:
    await asyncio.sleep(3.0)
    return JSONResponse({"actual": 1, "status": "on_track"})


async def trickle(_: StarletteRequest) -> Response:
    # Each chunk comes well within a read timeout; the whole takes 3 s.
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(15):
            await asyncio.sleep(0.2)
            yield b" "

    return StreamingResponse(chunks(), media_type="application/json")


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    served = Server()
    app = Starlette(
        routes=[
            Route("/progress", progress),
            Route("/missing", missing),
            Route("/broken", broken),
            Route("/nonsense", nonsense),
            Route("/slow", slow),
            Route("/trickle", trickle),
        ]
    )
    app.state.server = served
    with serving(app) as running:
        served.url = running.url
        yield served


@pytest.fixture
async def metrics(server: Server) -> AsyncIterator[Peer]:
    server.seen.clear()
    async with Peer("metrics-svc", server.url, internal_token="tok", timeout_s=0.5) as peer:
        yield peer


async def ask(peer: Peer, path: str) -> Answered[Progress] | Unavailable:
    return await peer.get(
        path,
        CALLER,
        scopes=["metrics:read"],
        expected="a goal's progress",
        read=Progress.model_validate,
    )


async def test_an_answer_is_read(metrics: Peer) -> None:
    assert await ask(metrics, "/progress") == Answered(Progress(actual=42.5, status="on_track"))


async def test_the_call_carries_the_services_own_rights_not_the_callers(
    metrics: Peer, server: Server
) -> None:
    await ask(metrics, "/progress")
    [headers] = server.seen
    assert headers["x-scopes"] == "metrics:read"
    assert headers["x-workspace-id"] == "ws-a"
    assert headers["x-request-id"] == "req-42"
    assert headers["x-internal-token"] == "tok"
    assert "x-actor-id" not in headers


async def test_a_refusal_is_unavailable_with_the_status_and_the_peers_detail(
    metrics: Peer,
) -> None:
    assert await ask(metrics, "/missing") == Unavailable(
        "metrics-svc refused (404): No metric 'gmv'.", 404
    )
    assert await ask(metrics, "/broken") == Unavailable("metrics-svc refused (500)", 500)


async def test_an_answer_the_caller_cannot_read_is_unavailable(metrics: Peer) -> None:
    assert await ask(metrics, "/nonsense") == Unavailable(
        "metrics-svc answered something other than a goal's progress"
    )


async def test_a_slow_peer_is_unavailable_within_the_timeout(metrics: Peer) -> None:
    started = time.monotonic()
    outcome = await ask(metrics, "/slow")
    assert time.monotonic() - started < 1.0
    assert outcome == Unavailable("metrics-svc did not answer within 0.5 s")


async def test_the_timeout_bounds_the_whole_call_not_each_read(metrics: Peer) -> None:
    # httpx's read timeout never fires (a byte every 0.2 s); the total does.
    started = time.monotonic()
    outcome = await ask(metrics, "/trickle")
    assert time.monotonic() - started < 1.0
    assert outcome == Unavailable("metrics-svc did not answer within 0.5 s")


async def test_waiting_for_a_pooled_connection_counts_too(server: Server) -> None:
    async with Peer(
        "metrics-svc", server.url, internal_token="tok", timeout_s=0.5, max_connections=1
    ) as peer:
        started = time.monotonic()
        outcomes = await asyncio.gather(*(ask(peer, "/slow") for _ in range(3)))
        assert time.monotonic() - started < 1.0
    assert {o.reason for o in outcomes if isinstance(o, Unavailable)} == {
        "metrics-svc did not answer within 0.5 s"
    }


async def test_nothing_listening_is_unreachable() -> None:
    with refusing_port() as url:
        async with Peer("content-svc", url, internal_token="tok", timeout_s=2.0) as peer:
            started = time.monotonic()
            outcome = await ask(peer, "/progress")
    assert time.monotonic() - started < 1.0
    assert outcome == Unavailable("content-svc is unreachable (ConnectError)")


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


DOWN = Unavailable("metrics-svc is unreachable (ConnectError)")


def test_answers_and_failures_are_kept_for_their_own_lifetimes() -> None:
    clock = Clock()
    cache: PeerCache[str, str] = PeerCache(answer_ttl_s=30, failure_ttl_s=5, timer=clock)
    cache.keep("answer", Answered("42"))
    cache.keep("failure", DOWN)
    assert (cache.get("answer"), cache.get("failure")) == (Answered("42"), DOWN)
    clock.now = 6
    assert (cache.get("answer"), cache.get("failure")) == (Answered("42"), None)
    clock.now = 31
    assert cache.get("answer") is None


def test_a_new_outcome_replaces_the_other_kind() -> None:
    clock = Clock()
    cache: PeerCache[str, str] = PeerCache(answer_ttl_s=30, failure_ttl_s=5, timer=clock)
    cache.keep("goal", DOWN)
    cache.keep("goal", Answered("42"))
    assert cache.get("goal") == Answered("42")
    down_again = Unavailable("metrics-svc did not answer within 2 s")
    cache.keep("goal", down_again)
    assert cache.get("goal") == down_again


def test_a_lifetime_of_zero_keeps_nothing_of_that_kind() -> None:
    cache: PeerCache[str, str] = PeerCache(answer_ttl_s=30, failure_ttl_s=0)
    cache.keep("failure", DOWN)
    assert cache.get("failure") is None
    cache.keep("answer", Answered("42"))
    assert cache.get("answer") == Answered("42")


def test_the_cache_is_bounded() -> None:
    cache: PeerCache[int, int] = PeerCache(answer_ttl_s=30, failure_ttl_s=5, maxsize=2)
    for n in range(3):
        cache.keep(n, Answered(n))
    assert [cache.get(n) for n in range(3)] == [None, Answered(1), Answered(2)]


async def test_get_or_ask_asks_only_for_what_is_not_kept() -> None:
    cache: PeerCache[str, str] = PeerCache(answer_ttl_s=30, failure_ttl_s=5)
    asked: list[str] = []

    async def ask() -> Answered[str] | Unavailable:
        asked.append("gmv")
        return Answered("42")

    first = await cache.get_or_ask("gmv", ask)
    again = await cache.get_or_ask("gmv", ask)
    assert (first, again, asked) == (Answered("42"), Answered("42"), ["gmv"])


class _PeerState(ServiceState):
    metrics: Peer


async def test_the_app_opens_a_peer_at_startup_and_closes_it_at_shutdown(
    database_url: str, server: Server
) -> None:
    opened: list[Peer] = []

    @asynccontextmanager
    async def with_metrics(kit: ServiceState) -> AsyncIterator[_PeerState]:
        async with Peer("metrics-svc", server.url, internal_token="tok", timeout_s=1) as peer:
            opened.append(peer)
            yield {**kit, "metrics": peer}

    router = APIRouter()

    @router.get("/v1/progress")
    async def read_progress(request: Request) -> dict[str, Any]:
        peer: Peer = request.state.metrics
        outcome = await ask(peer, "/progress")
        assert isinstance(outcome, Answered)
        return outcome.value.model_dump()

    app = create_service_app(
        Settings(database_url=database_url, log_json=False),
        title="probe",
        routers=[router],
        migrations_dir=MIGRATIONS_DIR,
        extend_state=with_metrics,
    )
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://svc") as client:
            r = await client.get("/v1/progress", headers=gateway_headers("ws-a", ()))
        assert r.json() == {"actual": 42.5, "status": "on_track"}
        [peer] = opened
        assert not peer.closed
    assert peer.closed


async def test_a_parameter_given_a_sequence_is_sent_once_per_value() -> None:
    with serving_stand_in(scopes={}) as peer:
        peer.answer("/report", 200, {"actual": 1.0, "status": "on_track"})
        async with Peer("metrics-svc", peer.url, internal_token="t", timeout_s=2) as metrics:
            outcome = await metrics.get(
                "/report",
                CALLER,
                scopes=["metrics:read"],
                expected="a report",
                read=Progress.model_validate,
                params={"id": ["b", "a", "b"], "tz": "UTC"},
            )
    assert outcome == Answered(Progress(actual=1.0, status="on_track"))
    (seen,) = peer.requests_to("/report")
    assert seen.queries == {"id": ["b", "a", "b"], "tz": ["UTC"]}
    assert seen.query == {"id": "b", "tz": "UTC"}
