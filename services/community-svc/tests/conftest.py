from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.types import ASGIApp

from community_svc.config import Settings
from community_svc.main import create_app
from community_svc.models import OutboxEvent, metadata
from servicekit.db import get_db_session, request_transaction
from servicekit.testing import ServiceUnderTest
from servicekit.testing.headers import WORKSPACE_A, client_as_gateway
from servicekit.testing.servers import StandIn, free_port, serving_stand_in

pytest_plugins = ["servicekit.testing.plugin"]

SERVICE_DIR = Path(__file__).resolve().parents[1]


# The scope each peer route community-svc calls asks for, by path prefix: the stand-in refuses
# a call without it, as content-svc and metrics-svc do.
PEER_SCOPES = {"/v1/metrics/": "metrics:read", "/v1/tracking-codes/": "content:read"}

# Where nothing listens: the suite never reaches whatever content-svc or metrics-svc may run on
# this machine's usual ports. Tests that need them point the app at the stand-in (``peer``).
NOWHERE = f"http://127.0.0.1:{free_port()}"


class SuiteSettings(Settings):
    content_url: str = NOWHERE
    metrics_url: str = NOWHERE


@pytest.fixture(scope="session")
def service_under_test() -> ServiceUnderTest:
    return ServiceUnderTest(
        name="community",
        alembic_ini=SERVICE_DIR / "alembic.ini",
        create_app=create_app,
        settings_cls=SuiteSettings,
        scopes=("community:read", "community:write"),
        metadata=metadata,
        outbox_model=OutboxEvent,
    )


# ``client_with(**settings)``: a client in workspace A of the app made with these settings
# (peers' URLs, timeouts), its requests joined to the test's rolled-back transaction.
ClientWith = Callable[..., Awaitable[httpx.AsyncClient]]


@pytest.fixture
async def client_with(database_url: str, db_session: AsyncSession) -> AsyncIterator[ClientWith]:
    managers: list[LifespanManager] = []
    clients: list[httpx.AsyncClient] = []

    async def make(workspace: str = WORKSPACE_A, **settings: Any) -> httpx.AsyncClient:
        application = create_app(
            SuiteSettings(database_url=database_url, log_json=False, **settings)
        )

        async def joined_session(request: Request) -> AsyncIterator[AsyncSession]:
            async with request_transaction(request, db_session):
                yield db_session

        application.dependency_overrides[get_db_session] = joined_session
        manager = LifespanManager(application)
        await manager.__aenter__()
        managers.append(manager)
        served: ASGIApp = manager.app
        c = client_as_gateway(served, workspace, ("community:read", "community:write"))
        clients.append(c)
        return c

    yield make
    for c in clients:
        await c.aclose()
    for manager in reversed(managers):
        await manager.__aexit__(None, None, None)


RACE_WORKSPACE = "ws-community-race"


@pytest.fixture
def race_client(committed_client_for: Callable[..., httpx.AsyncClient]) -> httpx.AsyncClient:
    """A client of the really-committing app in a workspace of its own, emptied afterwards."""
    return committed_client_for(RACE_WORKSPACE)


@pytest.fixture
def peer() -> Iterator[StandIn]:
    """A stand-in for content-svc and metrics-svc on a real port of 127.0.0.1."""
    with serving_stand_in(scopes=PEER_SCOPES) as stand_in:
        yield stand_in
