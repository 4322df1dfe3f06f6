"""``Idempotency-Key``: one execution per key, identical replays, 409 on a reused key.

Runs a small app on a scratch database of its own (real commits, real concurrency), with a
table that counts how often the endpoint's work really ran. The endpoints are plain POST
routes: the key is handled at every POST's door, with no code in the route.
"""

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import timedelta

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import APIRouter, Request
from fastapi.responses import Response
from fixture_service.app import MIGRATIONS_DIR, Settings
from pydantic import BaseModel, ConfigDict
from sqlalchemy import String, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from servicekit.app import create_service_app
from servicekit.context import ContextDep
from servicekit.db import SessionDep, async_url
from servicekit.errors import Conflict
from servicekit.idempotency import (
    IdempotencyKeyMixin,
    IdempotencyStore,
    answer_view,
    request_fingerprint,
    stored_as,
)
from servicekit.models import WorkspaceModel, service_metadata
from servicekit.testing.headers import WORKSPACE_A, WORKSPACE_B, gateway_headers


class Base(DeclarativeBase):
    metadata = service_metadata()


class IdempotencyKey(IdempotencyKeyMixin, Base):
    pass


class Execution(WorkspaceModel, Base):
    """One row each time the endpoint's work really runs."""

    __tablename__ = "execution"
    value: Mapped[str] = mapped_column(String(100))


class ProbeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    value: str


class ProbeOut(BaseModel):
    execution_id: uuid.UUID
    value: str


router = APIRouter()


@router.post("/v1/probe", status_code=201)
async def probe(body: ProbeIn, session: SessionDep, ctx: ContextDep) -> ProbeOut:
    if body.value == "fail":
        raise Conflict("refused on purpose")
    # Slow enough that concurrent duplicates really overlap with the first execution.
    await asyncio.sleep(0.05)
    execution = Execution(value=body.value, workspace_id=ctx.workspace_id)
    session.add(execution)
    await session.flush()
    return ProbeOut(execution_id=execution.id, value=body.value)


@router.post("/v1/probe/created-or-not", response_model=ProbeOut)
async def probe_answer(body: ProbeIn, session: SessionDep) -> Response:
    answer = ProbeOut(execution_id=uuid.uuid4(), value=body.value)
    return Response(answer.model_dump_json(), 202, {"X-Probe": "1"}, media_type="application/json")


async def _shout(_: Request, response: Response) -> Response:
    """A view per caller: what is stored is the route's answer, what is shown is shouted."""
    shown = bytes(response.body).upper()
    headers = {k: v for k, v in response.headers.items() if k != "content-length"}
    return Response(shown, response.status_code, headers)


@router.post("/v1/probe/viewed", status_code=201)
@answer_view(_shout)
async def probe_viewed(body: ProbeIn, session: SessionDep) -> ProbeOut:
    return ProbeOut(execution_id=uuid.uuid4(), value=body.value)


def _forget_value(response: Response) -> Response:
    """What is stored: the answer without its one-time part."""
    body = bytes(response.body).replace(b'"once-only"', b'"forgotten"')
    headers = {k: v for k, v in response.headers.items() if k != "content-length"}
    return Response(body, response.status_code, headers)


@router.post("/v1/probe/once", status_code=201)
@stored_as(_forget_value)
async def probe_once(body: ProbeIn, session: SessionDep) -> ProbeOut:
    return ProbeOut(execution_id=uuid.uuid4(), value=body.value)


@pytest.fixture(scope="module")
def probe_database_url(scratch_database: Callable[[str], str]) -> str:
    url = scratch_database("idempotency")

    async def create() -> None:
        engine = create_async_engine(async_url(url))
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.create_all)
        await engine.dispose()

    asyncio.run(create())
    return url


@pytest.fixture
async def probe_client(probe_database_url: str) -> AsyncIterator[Callable[..., httpx.AsyncClient]]:
    app = create_service_app(
        Settings(database_url=probe_database_url, log_json=False, db_pool_size=25),
        title="probe",
        routers=[router],
        migrations_dir=MIGRATIONS_DIR,
        idempotency_model=IdempotencyKey,
    )
    clients: list[httpx.AsyncClient] = []
    async with LifespanManager(app) as manager:

        def make(workspace: str = WORKSPACE_A) -> httpx.AsyncClient:
            client = httpx.AsyncClient(
                transport=httpx.ASGITransport(app=manager.app),
                base_url="http://svc",
                headers=gateway_headers(workspace, ()),
                timeout=30,
            )
            clients.append(client)
            return client

        yield make
        for client in clients:
            await client.aclose()


async def executions(url: str, value: str) -> int:
    engine = create_async_engine(async_url(url))
    async with engine.connect() as conn:
        count = await conn.scalar(select(func.count()).where(Execution.value == value))
    await engine.dispose()
    return int(count or 0)


def key() -> dict[str, str]:
    return {"Idempotency-Key": uuid.uuid4().hex}


async def test_20_concurrent_identical_requests_execute_once_and_answer_alike(
    probe_client: Callable[..., httpx.AsyncClient], probe_database_url: str
) -> None:
    client = probe_client()
    headers = key()
    responses = await asyncio.gather(
        *(client.post("/v1/probe", json={"value": "race"}, headers=headers) for _ in range(20))
    )
    assert {r.status_code for r in responses} == {201}
    assert len({r.content for r in responses}) == 1
    assert sum(r.headers.get("idempotent-replayed") == "true" for r in responses) == 19
    assert await executions(probe_database_url, "race") == 1


async def test_without_a_key_every_request_executes(
    probe_client: Callable[..., httpx.AsyncClient], probe_database_url: str
) -> None:
    client = probe_client()
    for _ in range(3):
        assert (await client.post("/v1/probe", json={"value": "nokey"})).status_code == 201
    assert await executions(probe_database_url, "nokey") == 3


async def test_replay_keeps_status_headers_and_body(
    probe_client: Callable[..., httpx.AsyncClient],
) -> None:
    client = probe_client()
    headers = key()
    first = await client.post("/v1/probe/created-or-not", json={"value": "a"}, headers=headers)
    second = await client.post("/v1/probe/created-or-not", json={"value": "a"}, headers=headers)
    assert (first.status_code, second.status_code) == (202, 202)
    assert first.content == second.content
    assert second.headers["x-probe"] == "1"
    assert second.headers["content-type"] == "application/json"


async def test_same_key_different_body_is_409(
    probe_client: Callable[..., httpx.AsyncClient],
) -> None:
    client = probe_client()
    headers = key()
    assert (
        await client.post("/v1/probe", json={"value": "one"}, headers=headers)
    ).status_code == 201
    r = await client.post("/v1/probe", json={"value": "two"}, headers=headers)
    assert r.status_code == 409
    assert r.headers["content-type"] == "application/problem+json"
    assert "Idempotency-Key" in r.json()["detail"]


async def test_same_key_on_another_path_is_409(
    probe_client: Callable[..., httpx.AsyncClient],
) -> None:
    client = probe_client()
    headers = key()
    await client.post("/v1/probe", json={"value": "p"}, headers=headers)
    r = await client.post("/v1/probe/created-or-not", json={"value": "p"}, headers=headers)
    assert r.status_code == 409


async def test_keys_are_per_workspace(
    probe_client: Callable[..., httpx.AsyncClient], probe_database_url: str
) -> None:
    headers = key()
    a = await probe_client(WORKSPACE_A).post("/v1/probe", json={"value": "ws"}, headers=headers)
    b = await probe_client(WORKSPACE_B).post("/v1/probe", json={"value": "ws"}, headers=headers)
    assert a.json()["execution_id"] != b.json()["execution_id"]
    assert await executions(probe_database_url, "ws") == 2


async def test_a_failed_request_stores_no_key(
    probe_client: Callable[..., httpx.AsyncClient], probe_database_url: str
) -> None:
    client = probe_client()
    headers = key()
    assert (
        await client.post("/v1/probe", json={"value": "fail"}, headers=headers)
    ).status_code == 409
    engine = create_async_engine(async_url(probe_database_url))
    async with engine.connect() as conn:
        stored = await conn.scalar(
            select(func.count()).where(IdempotencyKey.key == headers["Idempotency-Key"])
        )
    await engine.dispose()
    assert stored == 0


async def test_keys_live_24_hours_and_an_expired_key_runs_again(
    probe_client: Callable[..., httpx.AsyncClient], probe_database_url: str
) -> None:
    client = probe_client()
    headers = key()
    first = await client.post("/v1/probe", json={"value": "ttl"}, headers=headers)
    engine = create_async_engine(async_url(probe_database_url))
    async with engine.begin() as conn:
        stamps = (
            await conn.execute(
                select(IdempotencyKey.created_at, IdempotencyKey.expires_at).where(
                    IdempotencyKey.key == headers["Idempotency-Key"]
                )
            )
        ).one()
        lifetime = stamps.expires_at - stamps.created_at
        assert lifetime.total_seconds() >= 24 * 3600
        await conn.execute(
            text(
                "UPDATE idempotency_key SET expires_at = now() - interval '1 second' WHERE key = :k"
            ),
            {"k": headers["Idempotency-Key"]},
        )
    await engine.dispose()
    again = await client.post("/v1/probe", json={"value": "ttl"}, headers=headers)
    assert again.status_code == 201
    assert again.json()["execution_id"] != first.json()["execution_id"]
    assert await executions(probe_database_url, "ttl") == 2


async def test_malformed_key_is_422(probe_client: Callable[..., httpx.AsyncClient]) -> None:
    r = await probe_client().post(
        "/v1/probe", json={"value": "x"}, headers={"Idempotency-Key": "has space"}
    )
    assert r.status_code == 422
    assert "Idempotency-Key" in r.json()["detail"]


def test_fingerprint_ignores_key_order_but_not_values() -> None:
    a = request_fingerprint("post", "/v1/x", {"a": 1, "b": 2})
    assert a == request_fingerprint("POST", "/v1/x", {"b": 2, "a": 1})
    assert a != request_fingerprint("POST", "/v1/x", {"a": 1, "b": 3})
    assert a != request_fingerprint("POST", "/v1/y", {"a": 1, "b": 2})


async def test_purge_expired_deletes_only_expired_keys_of_the_workspace(
    probe_client: Callable[..., httpx.AsyncClient], probe_database_url: str
) -> None:
    client = probe_client()
    live, stale = key(), key()
    await client.post("/v1/probe", json={"value": "live"}, headers=live)
    await client.post("/v1/probe", json={"value": "stale"}, headers=stale)
    engine = create_async_engine(async_url(probe_database_url))
    async with engine.begin() as conn:
        await conn.execute(
            text(
                "UPDATE idempotency_key SET expires_at = now() - interval '1 second' WHERE key = :k"
            ),
            {"k": stale["Idempotency-Key"]},
        )
    async with AsyncSession(engine) as session, session.begin():
        purged = await IdempotencyStore(session, IdempotencyKey, WORKSPACE_A).purge_expired()
    async with engine.connect() as conn:
        left = set(
            (
                await conn.scalars(
                    select(IdempotencyKey.key).where(
                        IdempotencyKey.key.in_([live["Idempotency-Key"], stale["Idempotency-Key"]])
                    )
                )
            ).all()
        )
    await engine.dispose()
    assert purged >= 1
    assert left == {live["Idempotency-Key"]}


async def test_a_view_shows_the_stored_answer_per_caller_on_every_replay(
    probe_client: Callable[..., httpx.AsyncClient], probe_database_url: str
) -> None:
    client = probe_client()
    headers = key()
    first = await client.post("/v1/probe/viewed", json={"value": "quiet"}, headers=headers)
    again = await client.post("/v1/probe/viewed", json={"value": "quiet"}, headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json()["VALUE"] == again.json()["VALUE"] == "QUIET"
    assert again.headers["idempotent-replayed"] == "true"
    engine = create_async_engine(async_url(probe_database_url))
    async with engine.connect() as conn:
        stored = await conn.scalar(
            select(IdempotencyKey.response_body).where(
                IdempotencyKey.key == headers["Idempotency-Key"]
            )
        )
    await engine.dispose()
    assert stored is not None
    assert b'"quiet"' in stored  # stored as the route answered, shown as the view shows it


async def test_a_stored_form_is_kept_and_replayed_while_the_first_caller_gets_it_all(
    probe_client: Callable[..., httpx.AsyncClient], probe_database_url: str
) -> None:
    client = probe_client()
    headers = key()
    first = await client.post("/v1/probe/once", json={"value": "once-only"}, headers=headers)
    again = await client.post("/v1/probe/once", json={"value": "once-only"}, headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json()["value"] == "once-only"
    assert again.json() == {**first.json(), "value": "forgotten"}
    assert again.headers["idempotent-replayed"] == "true"
    engine = create_async_engine(async_url(probe_database_url))
    async with engine.connect() as conn:
        stored = await conn.scalar(
            select(IdempotencyKey.response_body).where(
                IdempotencyKey.key == headers["Idempotency-Key"]
            )
        )
    await engine.dispose()
    assert stored is not None
    assert b"once-only" not in stored


async def test_every_post_documents_the_header(
    probe_client: Callable[..., httpx.AsyncClient],
) -> None:
    spec = (await probe_client().get("/openapi.json")).json()
    for path in ("/v1/probe", "/v1/probe/created-or-not", "/v1/probe/viewed", "/v1/probe/once"):
        names = [p["name"] for p in spec["paths"][path]["post"].get("parameters", [])]
        assert names.count("Idempotency-Key") == 1, (path, names)


async def test_a_service_purges_every_workspaces_expired_keys_when_it_starts(
    probe_database_url: str,
) -> None:
    engine = create_async_engine(async_url(probe_database_url))
    stale = {WORKSPACE_A: f"stale-{uuid.uuid4()}", WORKSPACE_B: f"stale-{uuid.uuid4()}"}
    live = f"live-{uuid.uuid4()}"
    rows = [(ws, k, timedelta(seconds=1)) for ws, k in stale.items()]
    rows.append((WORKSPACE_A, live, timedelta(hours=-1)))
    async with engine.begin() as conn:
        for workspace, k, ago in rows:
            await conn.execute(
                text(
                    "INSERT INTO idempotency_key (workspace_id, key, method, path, request_hash,"
                    " response_status, response_body, response_headers, expires_at)"
                    " VALUES (:ws, :k, 'POST', '/v1/probe', 'h', 200, '', '{}',"
                    " now() - CAST(:ago AS interval))"
                ),
                {"ws": workspace, "k": k, "ago": ago},
            )
    app = create_service_app(
        Settings(database_url=probe_database_url, log_json=False),
        title="probe",
        routers=[router],
        migrations_dir=MIGRATIONS_DIR,
        idempotency_model=IdempotencyKey,
    )
    keys = [*stale.values(), live]
    left: set[str] = set(keys)
    async with LifespanManager(app):
        for _ in range(100):  # the first pass runs as the service starts
            async with engine.connect() as conn:
                found = await conn.scalars(
                    select(IdempotencyKey.key).where(IdempotencyKey.key.in_(keys))
                )
                left = set(found.all())
            if left == {live}:
                break
            await asyncio.sleep(0.05)
    await engine.dispose()
    assert left == {live}
