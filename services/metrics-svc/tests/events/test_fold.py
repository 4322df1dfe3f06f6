"""The inbox and the fold: acknowledged events wait in the inbox, a read folds them before it
answers, the background folder folds them without any read, and reads racing ingestion never
miss an acknowledged event nor count one twice."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from starlette.types import Receive, Scope, Send

from metrics_svc.events.fold import dependencies
from metrics_svc.events.fold.gate import FoldGate, IngestActivity
from metrics_svc.events.fold.loop import fold_pending
from metrics_svc.events.fold.repository import FOLD_LOCK, FoldRepository
from servicekit.testing.headers import gateway_headers
from servicekit.testing.service import ServiceUnderTest

from ..fixture import delete_workspace, ev

NOW = datetime.now(UTC).replace(microsecond=0)
SCOPES = ("metrics:read", "metrics:write")


def _clicks(n: int, channel: str) -> list[dict[str, Any]]:
    return [
        ev("click", NOW - timedelta(minutes=i % 50), f"a{i}", channel_id=channel) for i in range(n)
    ]


async def _scalar(session: AsyncSession, sql: str, **params: Any) -> int:
    return int((await session.execute(text(sql), params)).scalar_one() or 0)


async def _total_clicks(client: httpx.AsyncClient, channel: str) -> float:
    window = {"from": NOW - timedelta(days=1), "to": NOW + timedelta(hours=1)}
    params = {k: v.isoformat() for k, v in window.items()} | {"channel_id": channel}
    r = await client.get("/v1/metrics/clicks", params={**params, "interval": "month"})
    assert r.status_code == 200, r.text
    return float(r.json()["series"][0]["total"] or 0)


async def test_acknowledged_events_wait_in_the_inbox_until_a_read_folds_them(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    r = await client.post("/v1/events", json=_clicks(3, "ch-inbox"))
    assert r.json()["accepted"] == 3
    # Acknowledged and durable, not yet in the event table or the rollups (the background
    # folder cannot see this test's uncommitted transaction).
    inbox = "SELECT count(*) FROM event_inbox WHERE channel_id = 'ch-inbox'"
    stored = "SELECT count(*) FROM event WHERE channel_id = 'ch-inbox'"
    assert await _scalar(db_session, inbox) == 3
    assert await _scalar(db_session, stored) == 0
    # A read folds first, so it counts every acknowledged event.
    assert await _total_clicks(client, "ch-inbox") == 3
    assert await _scalar(db_session, inbox) == 0
    assert await _scalar(db_session, stored) == 3


async def test_fold_of_a_few_events_leaves_the_rest_for_the_next(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    await client.post("/v1/events", json=_clicks(5, "ch-chunk"))
    repo = FoldRepository(db_session)
    await repo.lock(wait=True)
    assert await repo.fold(2) == 2
    assert (
        await _scalar(db_session, "SELECT count(*) FROM event WHERE channel_id = 'ch-chunk'") == 2
    )
    assert (await fold_pending(repo, 2, wait=True) or 0) >= 3
    rolled = "SELECT sum(event_count) FROM event_hourly WHERE channel_id = 'ch-chunk'"
    assert await _scalar(db_session, rolled) == 5
    assert not await repo.has_pending()


# -- committed data: the background folder and races ------------------------------------------

FOLD_WS = "ws-fold-metrics"


@pytest.fixture
async def fold_cleanup(engine: AsyncEngine) -> AsyncIterator[None]:
    yield
    await delete_workspace(engine, FOLD_WS)


def _committed_client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://svc",
        headers=gateway_headers(FOLD_WS, SCOPES),
    )


@pytest.mark.usefixtures("fold_cleanup")
async def test_background_folder_folds_committed_events_without_any_read(
    committed_app: FastAPI, engine: AsyncEngine
) -> None:
    async with _committed_client(committed_app) as c:
        assert (await c.post("/v1/events", json=_clicks(40, "ch-bg"))).json()["accepted"] == 40
    params = {"ws": FOLD_WS}
    deadline = asyncio.get_running_loop().time() + 15
    async with engine.connect() as conn:
        while True:
            pending = await conn.scalar(
                text("SELECT count(*) FROM event_inbox WHERE workspace_id = :ws"), params
            )
            if pending == 0 or asyncio.get_running_loop().time() > deadline:
                break
            await asyncio.sleep(0.05)
            await conn.rollback()  # a fresh snapshot for the next look
        rolled = await conn.scalar(
            text("SELECT sum(event_count) FROM event_hourly WHERE workspace_id = :ws"), params
        )
    assert pending == 0
    assert rolled == 40


def test_fold_gate_waits_for_a_pause_in_ingestion_or_for_the_lag_bound() -> None:
    activity = IngestActivity()
    gate = FoldGate(activity, idle_s=0.2, max_lag_s=2.0)
    with activity.track():
        now = activity.last_end + 100.0
        assert not gate.may_fold(now)  # a batch in flight: the cores go to it
        assert not gate.may_fold(now + 1.9)
        assert gate.may_fold(now + 2.0)  # events waited 2 s: fold beside the ingest
        assert gate.may_fold(now + 2.5)  # and keep folding while behind
    ended = activity.last_end
    gate.caught_up()
    assert not gate.may_fold(ended + 0.1)  # the last batch ended 0.1 s ago
    assert gate.may_fold(ended + 0.25)  # a pause: fold now


class _KeepsLifespanState:
    """The app, keeping the lifespan state it started with (what each request's
    ``request.state`` is copied from), so a test can reach the ingest activity in it."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self.state: dict[str, Any] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            self.state = scope["state"]
        await self.app(scope, receive, send)


async def _pending(engine: AsyncEngine, ws: str) -> int:
    async with engine.connect() as conn:
        sql = "SELECT count(*) FROM event_inbox WHERE workspace_id = :ws"
        return int(await conn.scalar(text(sql), {"ws": ws}) or 0)


@pytest.mark.usefixtures("fold_cleanup")
async def test_background_folder_defers_to_ingestion_until_events_waited_too_long(
    service_under_test: ServiceUnderTest, database_url: str, engine: AsyncEngine
) -> None:
    settings = service_under_test.settings(database_url).model_copy(update={"fold_max_lag_s": 3.0})
    application = _KeepsLifespanState(service_under_test.create_app(settings))
    loop = asyncio.get_running_loop()
    async with LifespanManager(application) as manager, _committed_client(manager.app) as c:  # type: ignore[arg-type]
        activity: IngestActivity = application.state["ingest_activity"]
        with activity.track():  # as if another batch were being ingested all along
            posted = loop.time()
            assert (await c.post("/v1/events", json=_clicks(30, "ch-defer"))).json()[
                "accepted"
            ] == 30
            await asyncio.sleep(0.8)
            assert await _pending(engine, FOLD_WS) == 30  # still deferred
            while await _pending(engine, FOLD_WS) and loop.time() < posted + 15:
                await asyncio.sleep(0.05)
            waited = loop.time() - posted
            assert await _pending(engine, FOLD_WS) == 0  # folded despite the busy ingest
        assert waited >= 3.0  # fold_max_lag_s
        assert await _total_clicks(c, "ch-defer") == 30


@pytest.mark.usefixtures("fold_cleanup")
async def test_read_that_cannot_fold_in_time_is_503_and_then_exact(
    committed_app: FastAPI, engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dependencies, "READ_LOCK_TIMEOUT_MS", 200)
    async with _committed_client(committed_app) as c:
        async with engine.connect() as holder:
            # Another folder holds the lock (and the background folder's try-lock fails too).
            await holder.execute(text("SELECT pg_advisory_lock(:k)"), {"k": FOLD_LOCK})
            try:
                assert (await c.post("/v1/events", json=_clicks(7, "ch-wait"))).status_code == 200
                window = {"from": NOW - timedelta(days=1), "to": NOW + timedelta(hours=1)}
                params = {k: v.isoformat() for k, v in window.items()} | {"channel_id": "ch-wait"}
                r = await c.get("/v1/metrics/clicks", params=params)
                assert r.status_code == 503, r.text
                assert r.headers["content-type"] == "application/problem+json"
                assert "retry" in r.json()["detail"]
            finally:
                await holder.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": FOLD_LOCK})
        assert await _total_clicks(c, "ch-wait") == 7


@pytest.mark.usefixtures("fold_cleanup")
async def test_reads_racing_ingestion_count_every_acknowledged_event_once(
    committed_app: FastAPI, engine: AsyncEngine
) -> None:
    """4 writers send 10 batches of 50 clicks each while a reader reads the total over and
    over: each answer counts at least every batch acknowledged before that read began, and
    never more than was sent; at the end it is exactly 2,000."""
    acknowledged = 0
    sent = 0
    done = asyncio.Event()
    seen: list[tuple[int, float]] = []

    async with _committed_client(committed_app) as c:

        async def writer(w: int) -> None:
            nonlocal acknowledged, sent
            for b in range(10):
                # Reads are slower than writes: before its b-th batch each writer waits for
                # the reader's b-th answer, so reads keep landing in the middle of ingestion.
                while len(seen) < b and not reading.done():
                    await asyncio.sleep(0.005)
                batch = _clicks(50, "ch-race")
                for i, item in enumerate(batch):
                    item["actor_id"] = f"w{w}-b{b}-{i}"
                sent += 50
                r = await c.post("/v1/events", json=batch)
                assert r.json()["accepted"] == 50
                acknowledged += 50

        async def reader() -> None:
            while not done.is_set():
                before = acknowledged
                seen.append((before, await _total_clicks(c, "ch-race")))

        reading = asyncio.create_task(reader())
        await asyncio.gather(*(writer(w) for w in range(4)))
        done.set()
        await reading
        final = await _total_clicks(c, "ch-race")

    assert len(seen) >= 9
    for before, total in seen:
        assert before <= total <= sent, seen
    assert final == 2000
    async with engine.connect() as conn:
        params = {"ws": FOLD_WS}
        stored = await conn.scalar(
            text("SELECT count(*) FROM event WHERE workspace_id = :ws"), params
        )
        by_channel = await conn.scalar(
            text(
                "SELECT sum(event_count) FROM event_hourly_dim WHERE workspace_id = :ws "
                "AND dimension = 'channel_id' AND dimension_value = 'ch-race'"
            ),
            params,
        )
    assert stored == by_channel == 2000
