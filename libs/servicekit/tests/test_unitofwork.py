"""The unit of work: one request's repositories and outbox, committed or rolled back together,
and what it asked to run after the commit runs only after a commit. These tests commit for real."""

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from fixture_service.app import SCOPES, OutboxEvent, Thing, ThingRepository, announced_after_commit
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from servicekit.testing.headers import WORKSPACE_A, gateway_headers
from servicekit.unitofwork import NoOutbox, UnitOfWork


@pytest.fixture
async def workspace(engine: AsyncEngine) -> AsyncIterator[str]:
    workspace_id = f"ws-uow-{uuid.uuid4().hex[:12]}"
    yield workspace_id
    async with engine.begin() as conn:
        await conn.execute(delete(Thing).where(Thing.workspace_id == workspace_id))
        await conn.execute(delete(OutboxEvent).where(OutboxEvent.workspace_id == workspace_id))


def client_on(app: FastAPI, workspace_id: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    return httpx.AsyncClient(
        transport=transport, base_url="http://svc", headers=gateway_headers(workspace_id, SCOPES)
    )


async def committed(engine: AsyncEngine, workspace_id: str) -> tuple[list[str], list[str]]:
    """The things and the outbox events another connection sees in the workspace."""
    async with engine.connect() as conn:
        names = await conn.scalars(select(Thing.name).where(Thing.workspace_id == workspace_id))
        events = await conn.scalars(
            select(OutboxEvent.payload["name"].astext).where(
                OutboxEvent.workspace_id == workspace_id, OutboxEvent.event_type == "thing.made"
            )
        )
        return list(names), list(events)


async def test_the_change_and_its_event_commit_together_then_the_callback_runs(
    committed_app: FastAPI, engine: AsyncEngine, workspace: str
) -> None:
    name = f"announced-{workspace}"
    async with client_on(committed_app, workspace) as client:
        r = await client.post("/v1/things/announced", json={"name": name})
    assert r.status_code == 201, r.text
    assert await committed(engine, workspace) == ([name], [name])
    assert name in announced_after_commit


async def test_a_failed_request_loses_the_change_and_its_event_and_runs_no_callback(
    committed_app: FastAPI, engine: AsyncEngine, workspace: str
) -> None:
    name = f"failed-{workspace}"
    async with client_on(committed_app, workspace) as client:
        r = await client.post("/v1/things/announced-then-fail", json={"name": name})
    assert r.status_code == 409
    assert await committed(engine, workspace) == ([], [])
    assert name not in announced_after_commit


async def test_repositories_are_bound_to_the_units_workspace(db_session: AsyncSession) -> None:
    uow = UnitOfWork(db_session, WORKSPACE_A, OutboxEvent)
    things = uow.repo(ThingRepository)
    assert uow.repo(ThingRepository) is things
    assert (things.session, things.workspace_id) == (db_session, WORKSPACE_A)
    event_id = await uow.record("thing.made", {"name": "x"})
    assert uow.recorded == [event_id]
    stored = await db_session.get(OutboxEvent, event_id)
    assert stored is not None
    assert stored.workspace_id == WORKSPACE_A


async def test_recording_without_an_outbox_says_what_is_missing(db_session: AsyncSession) -> None:
    with pytest.raises(NoOutbox, match="no outbox table"):
        await UnitOfWork(db_session, WORKSPACE_A).record("thing.made", {})
