"""pytest fixtures every service reuses: ``database_url``, ``db_session``, ``app``, ``client``.

- The schema comes from ``alembic upgrade head``, once per test session, on a fresh database.
- ``db_session`` runs each test inside a transaction that is rolled back afterwards; the app's
  session dependency is overridden to join it, so request code commits to a savepoint.
- ``client_for(workspace, scopes)`` makes clients speaking as the gateway would.
- ``committed_client_for(workspace, scopes)`` makes them for the really-committing app, for race
  tests, and deletes the workspace's rows afterwards.
- Tests run in development mode (``MEDIAOPS_ENV=development``), so apps may use the development
  internal token.
"""

from __future__ import annotations

import concurrent.futures
import os
import uuid
from collections.abc import AsyncIterator, Callable, Iterator

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import Request
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, create_async_engine
from starlette.types import ASGIApp

from servicekit.db import async_url, get_db_session, request_transaction
from servicekit.migrations import upgrade_head
from servicekit.settings import DEVELOPMENT, ENVIRONMENT_VARIABLE
from servicekit.testing.databases import (
    create_test_database,
    drop_test_database,
    run_database_name,
    test_server_url,
)
from servicekit.testing.headers import (
    WORKSPACE_A,
    WORKSPACE_B,
    client_as_gateway,
    gateway_headers,
)
from servicekit.testing.service import ServiceUnderTest


def pytest_configure() -> None:
    """Tests run in development mode: the apps under test may use the development secrets, and
    a test that checks the refusal outside it removes the variable itself."""
    os.environ[ENVIRONMENT_VARIABLE] = DEVELOPMENT


@pytest.fixture(scope="session")
def service_under_test() -> ServiceUnderTest:
    raise NotImplementedError("define a session fixture `service_under_test` in tests/conftest.py")


@pytest.fixture(scope="session")
def test_server() -> Iterator[tuple[str, str]]:
    with test_server_url() as server:
        yield server


@pytest.fixture(scope="session")
def database_url(
    test_server: tuple[str, str], service_under_test: ServiceUnderTest
) -> Iterator[str]:
    """A fresh database for this service and run, migrated to head with Alembic."""
    _, admin_url = test_server
    name = run_database_name(f"test_{service_under_test.name.replace('-', '_')}")
    url = create_test_database(admin_url, name)
    # Alembic's env runs its own event loop; keep it off the test loop's thread.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(upgrade_head, service_under_test.alembic_ini, url).result()
    yield url
    drop_test_database(admin_url, name)


@pytest.fixture(scope="session")
def scratch_database(test_server: tuple[str, str]) -> Iterator[Callable[[str], str]]:
    """``scratch_database("unmigrated")`` → the URL of an empty database of this run's own,
    dropped when the session ends."""
    _, admin_url = test_server
    made: list[str] = []

    def make(label: str) -> str:
        name = run_database_name(f"scratch_{label}")
        url = create_test_database(admin_url, name)
        made.append(name)
        return url

    yield make
    for name in made:
        drop_test_database(admin_url, name)


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    eng = create_async_engine(async_url(database_url), pool_size=20, max_overflow=20)
    yield eng
    await eng.dispose()


@pytest.fixture
async def db_session(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    """A session inside a transaction that is rolled back after the test."""
    async with engine.connect() as conn:
        trans = await conn.begin()
        session = AsyncSession(
            bind=conn, expire_on_commit=False, join_transaction_mode="create_savepoint"
        )
        try:
            yield session
        finally:
            await session.close()
            await trans.rollback()


@pytest.fixture
async def app(
    service_under_test: ServiceUnderTest, database_url: str, db_session: AsyncSession
) -> AsyncIterator[ASGIApp]:
    """The production app, its requests joined to the test's rolled-back transaction.

    Started, and served as a server would: each request's scope carries the lifespan's state
    (asgi-lifespan's wrapper around the app, so an ASGI app rather than the FastAPI object)."""
    application = service_under_test.app(database_url)

    async def joined_session(request: Request) -> AsyncIterator[AsyncSession]:
        # Same commit point as production; commit/rollback act on a savepoint of the test's
        # transaction (join_transaction_mode="create_savepoint").
        async with request_transaction(request, db_session):
            yield db_session

    application.dependency_overrides[get_db_session] = joined_session
    if service_under_test.joined_overrides is not None:
        application.dependency_overrides.update(service_under_test.joined_overrides(db_session))
    async with LifespanManager(application) as manager:
        yield manager.app


@pytest.fixture
async def committed_app(
    service_under_test: ServiceUnderTest, database_url: str
) -> AsyncIterator[ASGIApp]:
    """The production app with real commits, for race tests (clean up after yourself)."""
    application = service_under_test.app(database_url)
    async with LifespanManager(application) as manager:
        yield manager.app


# What ``client_for`` is: ``client_for(workspace, scopes, internal_token=…)`` → a client.
ClientFactory = Callable[..., httpx.AsyncClient]


@pytest.fixture
async def client_for(
    app: ASGIApp, service_under_test: ServiceUnderTest
) -> AsyncIterator[ClientFactory]:
    """``client_for(workspace, scopes=None, internal_token=True)`` → a client as the gateway."""
    clients: list[httpx.AsyncClient] = []

    def make(
        workspace: str | None = WORKSPACE_A,
        scopes: tuple[str, ...] | None = None,
        *,
        internal_token: bool = True,
    ) -> httpx.AsyncClient:
        # `scopes=()` means a caller holding no scope, not the service's default scopes.
        c = client_as_gateway(
            app, workspace, service_under_test.scopes if scopes is None else scopes
        )
        if not internal_token:
            del c.headers["X-Internal-Token"]
        clients.append(c)
        return c

    yield make
    for c in clients:
        await c.aclose()


@pytest.fixture
async def client(client_for: ClientFactory) -> httpx.AsyncClient:
    """A client in workspace A holding every scope the service declares."""
    return client_for()


# What ``committed_client_for`` is: ``committed_client_for(workspace=None, scopes=None)``.
CommittedClientFactory = Callable[..., httpx.AsyncClient]


@pytest.fixture
async def committed_client_for(
    committed_app: ASGIApp, engine: AsyncEngine, service_under_test: ServiceUnderTest
) -> AsyncIterator[CommittedClientFactory]:
    """``committed_client_for(workspace=None, scopes=None)`` → a client of the really-committing
    app, as the gateway. Without a workspace, the test's own fresh one (the same for every
    client of the test). Afterwards every row of those workspaces is deleted from every table
    of the service's ``metadata``, children first."""
    fresh = f"ws-race-{uuid.uuid4().hex[:10]}"
    workspaces: set[str] = set()
    clients: list[httpx.AsyncClient] = []

    def make(
        workspace: str | None = None, scopes: tuple[str, ...] | None = None
    ) -> httpx.AsyncClient:
        workspace = workspace or fresh
        workspaces.add(workspace)
        c = client_as_gateway(
            committed_app,
            workspace,
            service_under_test.scopes if scopes is None else scopes,
            # Races queue many requests on a small pool: a wait is not a failure here.
            timeout=60.0,
        )
        clients.append(c)
        return c

    yield make
    for c in clients:
        await c.aclose()
    assert service_under_test.metadata is not None, "ServiceUnderTest(metadata=...) is needed"
    async with engine.begin() as conn:
        for table in reversed(service_under_test.metadata.sorted_tables):
            await conn.execute(delete(table).where(table.c.workspace_id.in_(workspaces)))


__all__ = ["WORKSPACE_A", "WORKSPACE_B", "ServiceUnderTest", "gateway_headers"]
