from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncEngine

from community_svc.config import Settings
from community_svc.main import create_app
from community_svc.models import Group, OutboxEvent, SopTemplate, metadata
from servicekit.testing import ServiceUnderTest

pytest_plugins = ["servicekit.testing.plugin"]

SERVICE_DIR = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def service_under_test() -> ServiceUnderTest:
    return ServiceUnderTest(
        name="community",
        alembic_ini=SERVICE_DIR / "alembic.ini",
        create_app=create_app,
        settings_cls=Settings,
        scopes=("community:read", "community:write"),
        metadata=metadata,
        outbox_model=OutboxEvent,
    )


RACE_WORKSPACE = "ws-community-race"


@pytest.fixture
async def race_client(
    committed_app: FastAPI, engine: AsyncEngine
) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the really-committing app in a workspace of its own, emptied afterwards."""
    # Imported here: importing the plugin module before pytest loads it (pytest_plugins above)
    # would keep pytest from rewriting its asserts.
    from servicekit.testing.headers import gateway_headers

    headers = gateway_headers(RACE_WORKSPACE, ("community:read", "community:write"))
    transport = httpx.ASGITransport(app=committed_app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://svc", headers=headers
    ) as client:
        yield client
    async with engine.begin() as conn:
        # Groups first: their members, goals, runs and tasks go with them (ON DELETE CASCADE).
        await conn.execute(delete(Group).where(Group.workspace_id == RACE_WORKSPACE))
        await conn.execute(delete(SopTemplate).where(SopTemplate.workspace_id == RACE_WORKSPACE))
        await conn.execute(delete(OutboxEvent).where(OutboxEvent.workspace_id == RACE_WORKSPACE))
