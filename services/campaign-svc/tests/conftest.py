import uuid
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from campaign_svc.config import Settings
from campaign_svc.main import create_app
from campaign_svc.models import OutboxEvent, metadata
from servicekit.testing import ServiceUnderTest
from servicekit.testing.headers import gateway_headers

pytest_plugins = ["servicekit.testing.plugin"]

SERVICE_DIR = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def service_under_test() -> ServiceUnderTest:
    return ServiceUnderTest(
        name="campaign",
        alembic_ini=SERVICE_DIR / "alembic.ini",
        create_app=create_app,
        settings_cls=Settings,
        scopes=("campaign:read", "campaign:write"),
        metadata=metadata,
        outbox_model=OutboxEvent,
    )


# Tables holding workspace rows, children first, for cleaning up after committed-data tests.
_WORKSPACE_TABLES = (
    "referral_reward",
    "referral_reward_rule",
    "referral",
    "referral_code",
    "lead",
    "coupon_redemption",
    "coupon_customer_claim",
    "coupon",
    "coupon_batch",
    "campaign",
    "outbox_event",
    "idempotency_key",
)


@pytest.fixture
async def committed_client_for(
    committed_app: FastAPI, engine: AsyncEngine
) -> AsyncIterator[Callable[..., httpx.AsyncClient]]:
    """Clients of the committed app in a fresh workspace; its rows are deleted afterwards."""
    workspace = f"ws-race-{uuid.uuid4().hex[:10]}"
    clients: list[httpx.AsyncClient] = []

    def make(
        scopes: tuple[str, ...] = ("campaign:read", "campaign:write"),
    ) -> httpx.AsyncClient:
        c = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=committed_app),
            base_url="http://svc",
            headers=gateway_headers(workspace, scopes),
            timeout=60.0,
        )
        clients.append(c)
        return c

    yield make
    for c in clients:
        await c.aclose()
    async with engine.begin() as conn:
        for table in _WORKSPACE_TABLES:
            await conn.execute(
                text(f"DELETE FROM {table} WHERE workspace_id = :ws"), {"ws": workspace}
            )
