"""The outbox relay against a real PostgreSQL and a real HTTP peer standing in for metrics-svc
(a recorder on 127.0.0.1 that answers as metrics-svc's ingest does: accepted, duplicates and
rejected items by index; the end-to-end suite relays to the real metrics-svc)."""

from __future__ import annotations

import asyncio
import collections
import json
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from asgi_lifespan import LifespanManager
from fixture_service.app import MIGRATIONS_DIR, OutboxEvent, Settings, things
from prometheus_client import REGISTRY
from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

from servicekit.app import create_service_app
from servicekit.db import Database
from servicekit.outbox import record_events
from servicekit.relay import MetricsUnavailable, OutboxRelay, metrics_event
from servicekit.settings import DEV_INTERNAL_TOKEN
from servicekit.testing.headers import client_as_gateway
from servicekit.testing.plans import assert_steps_planned_with_values
from servicekit.testing.servers import free_port
from servicekit.testing.webhooks import Receiver, running_receiver

EVENT_TYPES = {
    "thing.made": "custom.thing_made",
    "thing.sold": "purchase",
    "thing.looked_at": None,
}
WS_A = "ws-relay-a"
WS_B = "ws-relay-b"


@dataclass
class FakeMetrics:
    """What the recorder does with each request: answers ``statuses`` first (503, 429…),
    then takes the batch as metrics-svc would. An event whose props hold ``"poison"`` is
    refused by index; a batch of nothing but refused events is a 422 listing them."""

    receiver: Receiver
    statuses: list[int] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    # (workspace, [event]) of every batch it took (not of the ones it answered with an error).
    batches: list[tuple[str, list[dict[str, Any]]]] = field(default_factory=list)

    async def respond(self, request: Request) -> Response:
        if self.statuses:
            return PlainTextResponse("metrics-svc is unwell", status_code=self.statuses.pop(0))
        events: list[dict[str, Any]] = json.loads(await request.body())
        self.batches.append((request.headers["x-workspace-id"], events))
        rejected = [
            {"index": i, "errors": [{"loc": ["props"], "msg": "poisoned", "type": "value_error"}]}
            for i, event in enumerate(events)
            if event["props"].get("poison")
        ]
        good = [e["id"] for i, e in enumerate(events) if i not in {r["index"] for r in rejected}]
        fresh = [i for i in good if i not in self.seen]
        self.seen.update(good)
        if rejected and not good:
            return JSONResponse({"title": "Unprocessable", "rejected": rejected}, status_code=422)
        return JSONResponse(
            {"accepted": len(fresh), "duplicates": len(good) - len(fresh), "rejected": rejected}
        )

    def sent_ids(self) -> list[str]:
        return [event["id"] for _, events in self.batches for event in events]

    @property
    def base_url(self) -> str:
        return self.receiver.url.removesuffix("/v1/events")


@pytest.fixture
def metrics() -> Iterator[FakeMetrics]:
    with running_receiver("/v1/events") as receiver:
        fake = FakeMetrics(receiver)
        receiver.respond = fake.respond
        yield fake


@pytest.fixture
async def clean_outbox(engine: AsyncEngine) -> AsyncIterator[None]:
    """The relay reads the whole table: each test starts and ends with an empty outbox."""
    async with engine.begin() as conn:
        await conn.execute(delete(OutboxEvent))
    yield
    async with engine.begin() as conn:
        await conn.execute(delete(OutboxEvent))


RelayFactory = Callable[..., OutboxRelay]


@pytest.fixture
async def make_relay(
    database_url: str, metrics: FakeMetrics, clean_outbox: None
) -> AsyncIterator[RelayFactory]:
    """``make_relay(**settings)`` → a relay of the fixture service's outbox to the recorder,
    on a database of its own (as another replica's would be); a fresh ``service`` label each."""
    databases: list[Database] = []
    relays: list[OutboxRelay] = []

    def make(**overrides: Any) -> OutboxRelay:
        database = Database(database_url, pool_size=2)
        databases.append(database)
        options: dict[str, Any] = {
            "service_name": f"relay-test-{uuid.uuid4().hex[:8]}",
            "metrics_url": metrics.base_url,
            "relay_retry_max_s": 0.05,
            "relay_poll_interval_s": 0.05,
        }
        settings = Settings(database_url=database_url, **(options | overrides))
        relay = OutboxRelay(database, OutboxEvent, EVENT_TYPES, settings)
        relays.append(relay)
        return relay

    yield make
    for relay in relays:
        await relay.close()
    for database in databases:
        await database.dispose()


async def record(
    engine: AsyncEngine, workspace: str, event_type: str, payloads: list[dict[str, Any]]
) -> list[uuid.UUID]:
    async with AsyncSession(engine) as session, session.begin():
        return await record_events(session, OutboxEvent, workspace, event_type, payloads)


async def rows(engine: AsyncEngine) -> dict[uuid.UUID, tuple[Any, ...]]:
    """Every outbox row: id → (delivered, attempts, last_error)."""
    async with engine.connect() as conn:
        result = await conn.execute(
            select(
                OutboxEvent.id,
                OutboxEvent.delivered_at.is_not(None),
                OutboxEvent.attempts,
                OutboxEvent.last_error,
            )
        )
        return {r[0]: tuple(r[1:]) for r in result}


async def drain(relay: OutboxRelay) -> int:
    """Relay pass after pass until one finds nothing; how many events it delivered."""
    delivered = 0
    while (result := await relay.relay_once()).claimed:
        delivered += result.delivered
    return delivered


def sample(name: str, service: str) -> float:
    value = REGISTRY.get_sample_value(name, {"service": service})
    return 0.0 if value is None else value


def test_an_outbox_row_becomes_a_metrics_event_with_the_tie_ids_lifted() -> None:
    event_id = uuid.uuid4()
    at = datetime(2026, 11, 11, 0, 0, 1, 500, tzinfo=UTC)
    payload = {
        "actor_id": 42,
        "campaign_id": uuid.UUID(int=7),
        "channel_id": None,
        "value": "12.50",
        "order_id": "o-1",
        "tracking_code": "ABCD2345",
    }
    assert metrics_event(event_id, "purchase", at, payload) == {
        "id": str(event_id),
        "type": "purchase",
        "occurred_at": "2026-11-11T00:00:01.000500+00:00",
        "actor_id": "42",
        "campaign_id": str(uuid.UUID(int=7)),
        "value": 12.5,
        "props": {"order_id": "o-1", "tracking_code": "ABCD2345"},
    }


async def test_relay_delivers_in_batches_per_workspace_under_the_row_ids(
    engine: AsyncEngine, metrics: FakeMetrics, make_relay: RelayFactory
) -> None:
    made_a = await record(
        engine, WS_A, "thing.made", [{"actor_id": f"c{i}", "n": i} for i in range(5)]
    )
    sold_b = await record(
        engine, WS_B, "thing.sold", [{"actor_id": "c9", "value": 30, "group_id": "g1"}] * 2
    )
    looked = await record(engine, WS_A, "thing.looked_at", [{"n": 1}])
    relay = make_relay(relay_batch_size=3)

    assert await drain(relay) == 7

    assert all(len(events) <= 3 for _, events in metrics.batches)
    by_workspace = collections.defaultdict(list)
    for workspace, events in metrics.batches:
        by_workspace[workspace].extend(events)
    assert [e["id"] for e in by_workspace[WS_A]] == [str(i) for i in made_a]
    assert [e["id"] for e in by_workspace[WS_B]] == [str(i) for i in sold_b]
    assert by_workspace[WS_A][2]["type"] == "custom.thing_made"
    assert by_workspace[WS_A][2]["actor_id"] == "c2"
    assert by_workspace[WS_A][2]["props"] == {"n": 2}
    assert by_workspace[WS_B][0] | {"id": "", "occurred_at": ""} == {
        "id": "",
        "occurred_at": "",
        "type": "purchase",
        "actor_id": "c9",
        "group_id": "g1",
        "value": 30,
        "props": {},
    }
    headers = metrics.receiver.deliveries[0].headers
    assert headers["x-scopes"] == "metrics:write"
    assert headers["x-internal-token"] == DEV_INTERNAL_TOKEN
    # The event mapped to None is done without being sent.
    state = await rows(engine)
    assert str(looked[0]) not in metrics.sent_ids()
    assert state[looked[0]] == (True, 0, None)
    assert all(state[i] == (True, 1, None) for i in [*made_a, *sold_b])
    assert sample("mediaops_outbox_delivered_total", relay.service) == 7


async def test_relay_retries_with_backoff_while_metrics_is_down_then_delivers(
    engine: AsyncEngine, metrics: FakeMetrics, make_relay: RelayFactory
) -> None:
    ids = await record(engine, WS_A, "thing.made", [{"n": i} for i in range(4)])
    metrics.statuses = [503, 429, 502]
    relay = make_relay()

    task = asyncio.create_task(relay.run())
    try:
        deadline = time.monotonic() + 10
        while not all(delivered for delivered, _, _ in (await rows(engine)).values()):
            assert time.monotonic() < deadline, "never delivered"
            await asyncio.sleep(0.05)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    assert sorted(metrics.sent_ids()) == sorted(str(i) for i in ids)
    # Three failed attempts and the one that delivered; the last error is cleared.
    assert set((await rows(engine)).values()) == {(True, 4, None)}
    assert sample("mediaops_outbox_delivery_failures_total", relay.service) == 3
    assert task.cancelled()


async def test_an_unreachable_metrics_service_leaves_the_rows_pending_with_the_error(
    engine: AsyncEngine, make_relay: RelayFactory
) -> None:
    ids = await record(engine, WS_A, "thing.made", [{"n": 1}, {"n": 2}])
    relay = make_relay(metrics_url=f"http://127.0.0.1:{free_port()}", metrics_timeout_s=0.5)

    with pytest.raises(MetricsUnavailable, match="ConnectError"):
        await relay.relay_once()
    with pytest.raises(MetricsUnavailable):
        await relay.relay_once()

    state = await rows(engine)
    for event_id in ids:
        delivered, attempts, last_error = state[event_id]
        assert (delivered, attempts) == (False, 2)
        assert "ConnectError" in last_error
    backlog, _ = await relay.refresh_gauges()
    assert backlog == 2


async def test_two_relays_racing_send_every_row_exactly_once(
    engine: AsyncEngine, metrics: FakeMetrics, make_relay: RelayFactory
) -> None:
    ids = []
    for workspace in (WS_A, WS_B):
        ids += await record(engine, workspace, "thing.made", [{"n": i} for i in range(300)])
    # Each answer takes a little while, so each relay holds its claim while the other claims.
    metrics.receiver.delay_s = 0.01
    first, second = make_relay(relay_batch_size=40), make_relay(relay_batch_size=40)

    delivered = await asyncio.gather(drain(first), drain(second))

    assert sum(delivered) == 600
    assert all(n > 0 for n in delivered), delivered
    sent = collections.Counter(metrics.sent_ids())
    assert set(sent) == {str(i) for i in ids}
    assert set(sent.values()) == {1}
    assert set((await rows(engine)).values()) == {(True, 1, None)}


async def test_refused_events_are_marked_done_with_the_reason_and_counted(
    engine: AsyncEngine, metrics: FakeMetrics, make_relay: RelayFactory
) -> None:
    good = await record(engine, WS_A, "thing.made", [{"n": 1}, {"n": 2}])
    poison_a = await record(engine, WS_A, "thing.made", [{"poison": True}])
    # A batch of nothing but refused events: metrics-svc answers 422 listing them.
    poison_b = await record(engine, WS_B, "thing.made", [{"poison": True}] * 2)
    unknown = await record(engine, WS_B, "thing.unheard_of", [{"n": 3}])
    relay = make_relay()

    result = await relay.relay_once()

    assert (result.delivered, result.rejected) == (2, 4)
    state = await rows(engine)
    assert all(state[i] == (True, 1, None) for i in good)
    for event_id in [*poison_a, *poison_b]:
        delivered, _, last_error = state[event_id]
        assert delivered
        assert last_error.startswith("rejected: ")
        assert "poisoned" in last_error
    assert "METRICS_EVENT_TYPES" in state[unknown[0]][2]
    assert state[unknown[0]][0]
    assert sample("mediaops_outbox_rejected_total", relay.service) == 4
    # Nothing is left to send: the queue moves on.
    assert (await relay.relay_once()).claimed == 0


async def test_purge_removes_only_delivered_rows_older_than_the_retention(
    engine: AsyncEngine, make_relay: RelayFactory
) -> None:
    old, recent, pending = [await record(engine, WS_A, "thing.made", [{"n": n}]) for n in range(3)]
    now = datetime.now(UTC)
    async with engine.begin() as conn:
        for ids, delivered_at in (
            (old, now - timedelta(days=8)),
            (recent, now - timedelta(days=6)),
        ):
            await conn.execute(
                update(OutboxEvent).where(OutboxEvent.id.in_(ids)).values(delivered_at=delivered_at)
            )
        await conn.execute(
            update(OutboxEvent)
            .where(OutboxEvent.id.in_(pending))
            .values(created_at=now - timedelta(days=30))
        )
    relay = make_relay(outbox_retention_days=7)

    assert await relay.purge() == 1

    assert set(await rows(engine)) == {*recent, *pending}


async def test_the_purge_is_planned_with_its_values(
    database_url: str, make_relay: RelayFactory
) -> None:
    """Whatever plan PostgreSQL would keep: a generic one reads the whole outbox."""
    relay = make_relay(outbox_retention_days=7)

    def purge_on(database: Database) -> Callable[[], Awaitable[int]]:
        relay.database = database
        return relay.purge

    await assert_steps_planned_with_values(database_url, purge_on, "DELETE FROM outbox_event")


async def test_gauges_show_the_backlog_and_the_age_of_its_oldest_event(
    engine: AsyncEngine, make_relay: RelayFactory
) -> None:
    relay = make_relay()
    assert await relay.refresh_gauges() == (0, 0.0)
    ids = await record(engine, WS_A, "thing.made", [{"n": n} for n in range(3)])
    async with engine.begin() as conn:
        await conn.execute(
            update(OutboxEvent)
            .where(OutboxEvent.id == ids[0])
            .values(created_at=datetime.now(UTC) - timedelta(seconds=120))
        )

    backlog, age = await relay.refresh_gauges()

    assert backlog == 3
    assert 120 <= age < 180
    assert sample("mediaops_outbox_backlog", relay.service) == 3
    assert 120 <= sample("mediaops_outbox_oldest_pending_age_seconds", relay.service) < 180
    await drain(relay)
    assert await relay.refresh_gauges() == (0, 0.0)
    assert sample("mediaops_outbox_backlog", relay.service) == 0


def _app_settings(database_url: str, metrics: FakeMetrics, **overrides: Any) -> Settings:
    return Settings(
        database_url=database_url,
        metrics_url=metrics.base_url,
        relay_poll_interval_s=0.05,
        log_json=False,
        **overrides,
    )


async def test_a_service_app_relays_its_outbox_in_the_background_until_shutdown(
    database_url: str, metrics: FakeMetrics, clean_outbox: None, workspace: str
) -> None:
    app = create_service_app(
        _app_settings(database_url, metrics),
        title="relaying fixture",
        routers=[things],
        migrations_dir=MIGRATIONS_DIR,
        outbox_model=OutboxEvent,
        metrics_event_types=EVENT_TYPES,
    )
    async with LifespanManager(app) as manager:
        async with client_as_gateway(manager.app, workspace, ("things:write",)) as client:
            made = await client.post("/v1/things/announced", json={"name": "海报"})
            assert made.status_code == 201, made.text
        deadline = time.monotonic() + 10
        while not metrics.batches:
            assert time.monotonic() < deadline, "the app never relayed its event"
            await asyncio.sleep(0.05)
    (sent_to, [event]), *more = metrics.batches
    assert not more
    assert (sent_to, event["type"], event["props"]["name"]) == (
        workspace,
        "custom.thing_made",
        "海报",
    )
    # The lifespan ended: the relay stopped with it (no later batch).
    await asyncio.sleep(0.2)
    assert len(metrics.batches) == 1


async def test_a_service_app_with_the_relay_disabled_sends_nothing(
    database_url: str, metrics: FakeMetrics, clean_outbox: None, workspace: str
) -> None:
    app = create_service_app(
        _app_settings(database_url, metrics, relay_enabled=False),
        title="quiet fixture",
        routers=[things],
        migrations_dir=MIGRATIONS_DIR,
        outbox_model=OutboxEvent,
        metrics_event_types=EVENT_TYPES,
    )
    async with LifespanManager(app) as manager:
        async with client_as_gateway(manager.app, workspace, ("things:write",)) as client:
            made = await client.post("/v1/things/announced", json={"name": "quiet"})
            assert made.status_code == 201, made.text
        await asyncio.sleep(0.3)
    assert metrics.receiver.deliveries == []
