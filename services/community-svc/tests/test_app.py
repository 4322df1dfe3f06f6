"""The service skeleton: health and readiness, the internal-token gate, problem+json errors,
Prometheus metrics and the transactional outbox."""

import re
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from community_svc.models import OutboxEvent
from servicekit.outbox import record_event
from servicekit.testing import ServiceUnderTest
from servicekit.testing.plugin import WORKSPACE_A, gateway_headers

SERVICE = "community"
# A resource this service will own: the token gate must answer before any routing.
GUARDED_PATH = "/v1/groups"
HEAD_REVISION = "g0a1_outbox"
PROBLEM_JSON = "application/problem+json"


@pytest.fixture(scope="module")
def unmigrated_database_url(
    scratch_database: Callable[[str], str], service_under_test: ServiceUnderTest
) -> str:
    """An empty database on the test server: reachable, but no migration has run on it."""
    return scratch_database(f"{service_under_test.name}_unmigrated")


@asynccontextmanager
async def started_client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://svc") as client:
            yield client


def requests_total(exposition: str, **labels: str) -> float:
    """``mediaops_http_requests_total`` for exactly ``labels`` (0 before the first request)."""
    for line in exposition.splitlines():
        name, _, rest = line.partition("{")
        if name != "mediaops_http_requests_total":
            continue
        label_text, _, value = rest.rpartition("} ")
        if dict(re.findall(r'(\w+)="([^"]*)"', label_text)) == labels:
            return float(value)
    return 0.0


async def test_healthz_is_200_without_a_token(
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    r = await client_for(internal_token=False).get("/healthz")
    assert r.status_code == 200
    assert r.json() == {"status": "ok"}


async def test_readyz_is_200_when_database_is_up_and_migrated(
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    r = await client_for(internal_token=False).get("/readyz")
    assert r.status_code == 200, r.text
    assert r.json() == {"status": "ready", "checks": {"database": "ok", "migrations": "ok"}}


async def test_readyz_is_503_naming_the_migration_state_when_behind_head(
    service_under_test: ServiceUnderTest, unmigrated_database_url: str
) -> None:
    app = service_under_test.create_app(service_under_test.settings(unmigrated_database_url))
    async with started_client(app) as client:
        r = await client.get("/readyz")
    assert r.status_code == 503
    body = r.json()
    assert body["status"] == "not ready"
    assert body["checks"]["database"] == "ok"
    assert "nothing" in body["checks"]["migrations"]
    assert HEAD_REVISION in body["checks"]["migrations"]


async def test_readyz_is_503_when_the_database_is_unreachable(
    service_under_test: ServiceUnderTest,
) -> None:
    # Port 1 on localhost refuses connections at once, so the check fails fast, not by timeout.
    app = service_under_test.create_app(
        service_under_test.settings("postgresql://postgres@127.0.0.1:1/nowhere")
    )
    async with started_client(app) as client:
        r = await client.get("/readyz")
    assert r.status_code == 503
    assert r.json()["checks"]["database"].startswith("unreachable")


async def test_v1_call_without_internal_token_is_401_problem(
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    r = await client_for(internal_token=False).get(GUARDED_PATH)
    assert r.status_code == 401
    assert r.headers["content-type"] == PROBLEM_JSON
    body = r.json()
    assert body["status"] == 401
    assert body["request_id"] == r.headers["x-request-id"]


async def test_v1_call_with_a_wrong_internal_token_is_401(app: FastAPI) -> None:
    headers = gateway_headers(WORKSPACE_A, (f"{SERVICE}:read",))
    headers["X-Internal-Token"] = "not-the-internal-token"
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://svc") as client:
        r = await client.get(GUARDED_PATH, headers=headers)
    assert r.status_code == 401
    assert r.headers["content-type"] == PROBLEM_JSON


async def test_unknown_route_with_token_is_404_problem_with_request_id(
    client: httpx.AsyncClient,
) -> None:
    r = await client.get("/v1/no-such-resource")
    assert r.status_code == 404
    assert r.headers["content-type"] == PROBLEM_JSON
    body = r.json()
    assert body["status"] == 404
    assert body["request_id"] == r.headers["x-request-id"]


async def test_a_well_formed_request_id_is_adopted(client: httpx.AsyncClient) -> None:
    r = await client.get("/v1/no-such-resource", headers={"X-Request-Id": "req-from-gateway-1"})
    assert r.headers["x-request-id"] == "req-from-gateway-1"
    assert r.json()["request_id"] == "req-from-gateway-1"


async def test_metrics_counts_each_request_by_service_route_and_status(
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    client = client_for(internal_token=False)
    labels = {"service": SERVICE, "method": "GET", "route": "/healthz", "status": "200"}
    before = requests_total((await client.get("/metrics")).text, **labels)
    await client.get("/healthz")
    r = await client.get("/metrics")
    assert r.status_code == 200
    assert "mediaops_http_requests_total" in r.text
    assert requests_total(r.text, **labels) == before + 1


async def test_record_event_is_visible_in_the_same_transaction_with_payload_intact(
    db_session: AsyncSession, engine: AsyncEngine
) -> None:
    payload = {"name": "宝妈育儿交流群 · 第3期", "member_ids": ["m-1", "m-2"], "emoji": "👶"}
    event_id = await record_event(
        db_session, OutboxEvent, WORKSPACE_A, "community.member_joined", payload
    )

    # Column selects are answered by the database, not by the session's identity map.
    row = (
        await db_session.execute(
            select(
                OutboxEvent.workspace_id,
                OutboxEvent.event_type,
                OutboxEvent.payload,
                OutboxEvent.payload["name"].astext,
                OutboxEvent.attempts,
                OutboxEvent.delivered_at,
            ).where(OutboxEvent.id == event_id)
        )
    ).one()
    assert tuple(row) == (
        WORKSPACE_A,
        "community.member_joined",
        payload,
        "宝妈育儿交流群 · 第3期",
        0,
        None,
    )

    # Not committed: it is delivered only if the caller's transaction commits.
    async with engine.connect() as other:
        seen = await other.scalar(
            select(func.count()).select_from(OutboxEvent).where(OutboxEvent.id == event_id)
        )
    assert seen == 0
