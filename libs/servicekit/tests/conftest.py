"""servicekit's tests run against a tiny fixture service (``fixture_service/``) through the
same pytest plugin every MediaOps service uses."""

import logging
import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.types import ASGIApp

TESTS_DIR = Path(__file__).resolve().parent
# The fixture service is a test-only package beside these tests, not an installed one.
sys.path.insert(0, str(TESTS_DIR))

from fixture_service.app import SCOPES, OutboxEvent, Settings, Thing, create_app  # noqa: E402

from servicekit import logging as servicekit_logging  # noqa: E402
from servicekit.testing import ServiceUnderTest  # noqa: E402
from servicekit.testing.headers import WORKSPACE_A, client_as_gateway  # noqa: E402

pytest_plugins = ["servicekit.testing.plugin"]


@pytest.fixture(scope="session")
def service_under_test() -> ServiceUnderTest:
    return ServiceUnderTest(
        name="servicekit",
        alembic_ini=TESTS_DIR / "fixture_service" / "alembic.ini",
        create_app=create_app,
        settings_cls=Settings,
        scopes=SCOPES,
    )


@pytest.fixture
async def lenient_client(app: ASGIApp) -> AsyncIterator[httpx.AsyncClient]:
    """Like ``client``, but an unhandled error comes back as the 500 a server would send
    instead of being re-raised into the test."""
    async with client_as_gateway(app, WORKSPACE_A, SCOPES, raise_app_exceptions=False) as client:
        yield client


@pytest.fixture
async def workspace(engine: AsyncEngine) -> AsyncIterator[str]:
    """A workspace of this test alone, for tests that commit: its things and outbox events are
    deleted afterwards."""
    workspace_id = f"ws-committed-{uuid.uuid4().hex[:12]}"
    yield workspace_id
    async with engine.begin() as conn:
        await conn.execute(delete(Thing).where(Thing.workspace_id == workspace_id))
        await conn.execute(delete(OutboxEvent).where(OutboxEvent.workspace_id == workspace_id))


@pytest.fixture
async def committed_client(
    committed_app: ASGIApp, workspace: str
) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the really-committing app in this test's own ``workspace``; an unhandled
    error comes back as a 500."""
    async with client_as_gateway(
        committed_app, workspace, SCOPES, raise_app_exceptions=False
    ) as client:
        yield client


@pytest.fixture
def restore_root_logger() -> Iterator[None]:
    """For tests that configure logging: the root logger's handlers and level, and where and at
    what level structlog's own lines go (``configure_logging``'s), put back after."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    output = dict(vars(servicekit_logging._OUTPUT))
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    vars(servicekit_logging._OUTPUT).update(output)
