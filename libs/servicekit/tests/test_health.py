"""``/healthz`` and ``/readyz``: ready only when the database answers and is at head."""

import asyncio
import concurrent.futures
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import httpx
import pytest
from alembic import command
from asgi_lifespan import LifespanManager
from fixture_service.app import FIRST_REVISION, HEAD_REVISION, MIGRATIONS_DIR, Settings, create_app

from servicekit import health
from servicekit.migrations import alembic_config, head_revisions
from servicekit.testing import ServiceUnderTest


@asynccontextmanager
async def started(database_url: str) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(Settings(database_url=database_url, log_json=False))
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://svc") as client:
            yield client


async def readyz(database_url: str) -> httpx.Response:
    async with started(database_url) as client:
        return await client.get("/readyz")


@pytest.fixture(scope="module")
def unmigrated_url(scratch_database: Callable[[str], str]) -> str:
    return scratch_database("servicekit_unmigrated")


@pytest.fixture(scope="module")
def behind_url(scratch_database: Callable[[str], str], service_under_test: ServiceUnderTest) -> str:
    url = scratch_database("servicekit_behind")
    cfg = alembic_config(service_under_test.alembic_ini, url)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(command.upgrade, cfg, FIRST_REVISION).result()
    return url


def test_the_head_is_read_from_the_migrations_folder() -> None:
    assert head_revisions(MIGRATIONS_DIR) == frozenset({HEAD_REVISION})


async def test_healthz_is_ok(client_for: Callable[..., httpx.AsyncClient]) -> None:
    r = await client_for(internal_token=False).get("/healthz")
    assert r.status_code == 200
    assert r.json() == {"status": "ok"}


async def test_healthz_needs_no_database() -> None:
    async with started("postgresql://postgres@127.0.0.1:1/nowhere") as client:
        assert (await client.get("/healthz")).status_code == 200


async def test_readyz_is_ok_at_head(client_for: Callable[..., httpx.AsyncClient]) -> None:
    r = await client_for(internal_token=False).get("/readyz")
    assert r.status_code == 200, r.text
    assert r.json() == {"status": "ready", "checks": {"database": "ok", "migrations": "ok"}}


async def test_readyz_is_503_on_a_database_never_migrated(unmigrated_url: str) -> None:
    r = await readyz(unmigrated_url)
    assert r.status_code == 503
    body = r.json()
    assert body["status"] == "not ready"
    assert body["checks"]["database"] == "ok"
    assert "nothing" in body["checks"]["migrations"]
    assert HEAD_REVISION in body["checks"]["migrations"]


async def test_readyz_is_503_when_migrations_are_behind(behind_url: str) -> None:
    r = await readyz(behind_url)
    assert r.status_code == 503
    checks = r.json()["checks"]
    assert checks["database"] == "ok"
    assert FIRST_REVISION in checks["migrations"]
    assert HEAD_REVISION in checks["migrations"]


@pytest.mark.parametrize(
    ("url", "error"),
    [
        # a closed port refuses at once
        ("postgresql://postgres@127.0.0.1:1/nowhere", "ConnectionRefusedError"),
        ("postgresql://postgres:@/nowhere?host=/nonexistent-socket-dir", "FileNotFoundError"),
    ],
)
async def test_readyz_is_503_fast_when_the_database_is_unreachable(url: str, error: str) -> None:
    r = await readyz(url)
    assert r.status_code == 503
    # The refusal itself answered, at once: waiting out READY_TIMEOUT_S would say TimeoutError.
    assert r.json()["checks"]["database"] == f"unreachable: {error}"
    assert r.json()["checks"]["migrations"] == "unknown"


async def test_readyz_times_out_on_a_server_that_never_answers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Accepts the connection and then says nothing, like a hung or black-holed database.
    held: list[asyncio.StreamWriter] = []

    async def silent(_: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.append(writer)

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    monkeypatch.setattr(health, "READY_TIMEOUT_S", 0.3)
    try:
        r = await readyz(f"postgresql://postgres@127.0.0.1:{port}/hung")
    finally:
        for writer in held:
            writer.close()
        server.close()
        await server.wait_closed()
    assert r.status_code == 503
    assert r.json()["checks"]["database"] == "unreachable: TimeoutError"
    assert held, "the check never reached the server"
    # The answer came while the server still held the connection open; the next test shows it
    # is READY_TIMEOUT_S (not the driver's own 60 s connect timeout) that ends the check.


async def test_ready_timeout_bounds_the_whole_check(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No time at all: a healthy database at head cannot answer within it, so the check ends on
    # this timeout, read when the check runs; were it not applied, the answer would be 200.
    monkeypatch.setattr(health, "READY_TIMEOUT_S", 0)
    r = await readyz(database_url)
    assert r.status_code == 503
    assert r.json()["checks"] == {"database": "unreachable: TimeoutError", "migrations": "unknown"}
