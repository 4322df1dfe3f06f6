from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from metrics_svc.events.fold.loop import fold_pending
from metrics_svc.events.fold.repository import FoldRepository

from ..fixture import delete_workspace, ev

NOW = datetime.now(UTC).replace(microsecond=0)


def _batch(n: int, type_: str = "click", **extra: Any) -> list[dict[str, Any]]:
    return [ev(type_, NOW - timedelta(minutes=i), f"actor-{i}", **extra) for i in range(n)]


async def _count(session: AsyncSession, sql: str, **params: Any) -> int:
    """A number read straight from the tables, once what is pending has been folded."""
    await fold_pending(FoldRepository(session), 20_000, wait=True)
    return int((await session.execute(text(sql), params)).scalar_one())


async def test_mixed_batch_of_1000_accepts_990_and_rejects_10_by_index(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    batch = _batch(1000, channel_id="ch-mixed")
    bad: dict[int, dict[str, Any]] = {
        3: {"type": "teleport"},
        50: {"id": "not-a-uuid"},
        101: {"occurred_at": "2026-13-40T00:00:00Z"},
        202: {"occurred_at": "2026-11-01T00:00:00"},  # no offset
        303: {"occurred_at": (NOW + timedelta(days=2)).isoformat()},  # too far ahead
        404: {"value": "lots"},
        505: {"unexpected": 1},
        606: {"channel_id": ""},
        707: {"props": [1, 2]},
        808: {"actor_id": "x" * 200},
    }
    for index, change in bad.items():
        batch[index] = {**batch[index], **change}
    r = await client.post("/v1/events", json=batch)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["accepted"] == 990
    assert body["duplicates"] == 0
    assert [x["index"] for x in body["rejected"]] == sorted(bad)
    reasons = {x["index"]: x["errors"][0] for x in body["rejected"]}
    assert "unknown event type 'teleport'" in reasons[3]["msg"]
    assert reasons[50]["loc"] == ["id"]
    assert reasons[202]["type"] == "timezone_aware"
    assert reasons[303]["type"] == "too_far_future"
    assert reasons[505]["type"] == "extra_forbidden"
    stored = await _count(
        db_session,
        "SELECT count(*) FROM event WHERE workspace_id = 'ws-alpha' AND channel_id = 'ch-mixed'",
    )
    rolled_up = await _count(
        db_session,
        "SELECT sum(event_count) FROM event_hourly "
        "WHERE workspace_id = 'ws-alpha' AND channel_id = 'ch-mixed'",
    )
    assert stored == rolled_up == 990


async def test_resent_ids_are_duplicates_within_and_across_batches(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    batch = _batch(5, channel_id="ch-dup")
    r = await client.post("/v1/events", json=[*batch, batch[0], batch[1]])
    assert r.json() == {"accepted": 5, "duplicates": 2, "rejected": []}
    # Sent again later, even with a different occurred_at, an id counts once.
    moved = {**batch[2], "occurred_at": (NOW - timedelta(days=40)).isoformat()}
    r = await client.post("/v1/events", json=[moved, *_batch(1, channel_id="ch-dup")])
    assert r.json() == {"accepted": 1, "duplicates": 1, "rejected": []}
    assert (
        await _count(
            db_session,
            "SELECT sum(event_count) FROM event_hourly WHERE channel_id = 'ch-dup'",
        )
        == 6
    )


async def test_event_fields_and_received_at_are_stored(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    event = ev(
        "purchase",
        NOW - timedelta(hours=3),
        "buyer-1",
        99.5,
        channel_id="c",
        post_id="p",
        publication_id="pub",
        campaign_id="camp",
        group_id="g",
        props={"order_id": "订单-1"},
    )
    before = datetime.now(UTC)
    assert (await client.post("/v1/events", json=[event])).json()["accepted"] == 1
    await fold_pending(FoldRepository(db_session), 20_000, wait=True)
    row = (
        await db_session.execute(
            text(
                "SELECT type, occurred_at, received_at, actor_id, post_id, publication_id, "
                "value, props FROM event WHERE id = :id"
            ),
            {"id": uuid.UUID(event["id"])},
        )
    ).one()
    assert row.type == "purchase"
    assert row.occurred_at == NOW - timedelta(hours=3)
    assert row.received_at >= before - timedelta(seconds=1)
    assert (row.actor_id, row.post_id, row.publication_id) == ("buyer-1", "p", "pub")
    assert row.value == 99.5
    assert row.props == {"order_id": "订单-1"}


async def test_late_event_gets_its_month_partition_on_demand(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    late = datetime(2021, 3, 14, 15, 9, tzinfo=UTC)
    r = await client.post("/v1/events", json=[ev("view", late, "old-reader")])
    assert r.json()["accepted"] == 1
    # Partitions are made by the fold, just before it moves the month's first event in.
    assert await _count(db_session, "SELECT count(*) FROM event WHERE actor_id = 'old-reader'") == 1
    partition = (
        await db_session.execute(text("SELECT to_regclass('event_partition.event_2021_03')"))
    ).scalar_one()
    assert partition is not None
    # …and the current and next month exist ahead of time.
    for month in (NOW.replace(day=1), (NOW.replace(day=1) + timedelta(days=32))):
        name = f"event_partition.event_{month:%Y_%m}"
        found = (await db_session.execute(text(f"SELECT to_regclass('{name}')"))).scalar_one()
        assert found is not None, name


async def test_too_old_events_are_rejected(client: httpx.AsyncClient) -> None:
    r = await client.post("/v1/events", json=[ev("view", datetime(1999, 1, 1, tzinfo=UTC))])
    assert r.json()["rejected"][0]["errors"][0]["type"] == "too_far_past"


async def test_custom_types_are_accepted_and_unknown_ones_named(
    client: httpx.AsyncClient,
) -> None:
    r = await client.post(
        "/v1/events", json=[ev("custom.live_gift", NOW), ev("custom.", NOW), ev("Click", NOW)]
    )
    body = r.json()
    assert body["accepted"] == 1
    assert [x["index"] for x in body["rejected"]] == [1, 2]


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        (b"{not json", 400),
        (b'{"id": 1}', 422),
        (b"[]", 422),
        (b"[[null, null]]", 422),
        (b'[{"id": 1}, 7]', 422),
    ],
)
async def test_body_that_is_not_a_batch_is_refused(
    client: httpx.AsyncClient, payload: bytes, status: int
) -> None:
    r = await client.post(
        "/v1/events", content=payload, headers={"content-type": "application/json"}
    )
    assert r.status_code == status
    assert r.headers["content-type"] == "application/problem+json"
    assert "JSON" in r.json()["detail"] or "event" in r.json()["detail"]


async def test_items_that_are_not_objects_are_named_and_nothing_is_stored(
    client: httpx.AsyncClient,
) -> None:
    good = ev("view", NOW, "reader")
    r = await client.post("/v1/events", json=[good, None, "view"])
    assert r.status_code == 422
    assert [e["loc"] for e in r.json()["errors"]] == [["body", 1], ["body", 2]]
    assert "index 1 (null), 2 (string)" in r.json()["detail"]
    again = await client.post("/v1/events", json=[good])
    assert again.json()["accepted"] == 1  # the good item of the refused batch was not stored


async def test_more_than_1000_events_is_413(client: httpx.AsyncClient) -> None:
    r = await client.post("/v1/events", json=_batch(1001))
    assert r.status_code == 413
    assert "at most 1,000" in r.json()["detail"]


async def test_body_over_the_byte_limit_is_413(client: httpx.AsyncClient) -> None:
    huge = [ev("view", NOW, props={"blob": "x" * (5 * 1024 * 1024)})]
    r = await client.post("/v1/events", json=huge)
    assert r.status_code == 413
    assert r.headers["content-type"] == "application/problem+json"


async def test_ingest_needs_metrics_write(client_for: Callable[..., httpx.AsyncClient]) -> None:
    r = await client_for(scopes=("metrics:read",)).post("/v1/events", json=_batch(1))
    assert r.status_code == 403
    assert "metrics:write" in r.json()["detail"]


# -- the same batch from 10 clients at once -------------------------------------------------

RACE_WS = "ws-race-metrics"


@pytest.fixture
async def race_cleanup(engine: AsyncEngine) -> AsyncIterator[None]:
    yield
    await delete_workspace(engine, RACE_WS)


@pytest.mark.usefixtures("race_cleanup")
async def test_same_batch_from_10_clients_at_once_is_stored_and_counted_once(
    committed_client_for: Callable[..., httpx.AsyncClient], engine: AsyncEngine
) -> None:
    batch = _batch(300, "view", channel_id="ch-race")
    c = committed_client_for(RACE_WS)
    answers = await asyncio.gather(*(c.post("/v1/events", json=batch) for _ in range(10)))
    bodies = [a.json() for a in answers]
    assert all(a.status_code == 200 for a in answers), bodies
    assert sum(b["accepted"] for b in bodies) == 300
    assert sum(b["duplicates"] for b in bodies) == 2700
    async with AsyncSession(engine) as session, session.begin():
        await fold_pending(FoldRepository(session), 20_000, wait=True)
    async with engine.connect() as conn:
        params = {"ws": RACE_WS}
        stored = await conn.scalar(
            text("SELECT count(*) FROM event WHERE workspace_id = :ws"), params
        )
        counted = await conn.scalar(
            text("SELECT sum(event_count) FROM event_hourly WHERE workspace_id = :ws"), params
        )
        actors = await conn.scalar(
            text("SELECT sum(event_count) FROM actor_hourly WHERE workspace_id = :ws"), params
        )
        by_channel = await conn.scalar(
            text(
                "SELECT sum(event_count) FROM event_hourly_dim WHERE workspace_id = :ws "
                "AND dimension = 'channel_id' AND dimension_value = 'ch-race'"
            ),
            params,
        )
        # The workspace-wide presence: 300 actors numbered once, present once, listed once.
        numbered = await conn.scalar(
            text("SELECT count(*) FROM actor_ordinal WHERE workspace_id = :ws"), params
        )
        present, listed = (
            await conn.execute(
                text(
                    "SELECT sum(bit_count(bits)), sum(cardinality(ordinals)) "
                    "FROM actor_presence WHERE workspace_id = :ws"
                ),
                params,
            )
        ).one()
    assert stored == counted == actors == by_channel == 300
    assert numbered == present == listed == 300


async def test_idempotency_key_replays_the_first_answer(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    batch = _batch(3, channel_id="ch-idem")
    headers = {"Idempotency-Key": "relay-batch-42"}
    first = await client.post("/v1/events", json=batch, headers=headers)
    again = await client.post("/v1/events", json=batch, headers=headers)
    assert first.json() == {"accepted": 3, "duplicates": 0, "rejected": []}
    assert again.content == first.content
    assert again.headers["idempotent-replayed"] == "true"
    other = await client.post("/v1/events", json=batch[:1], headers=headers)
    assert other.status_code == 409
    assert await _count(db_session, "SELECT count(*) FROM event WHERE channel_id = 'ch-idem'") == 3
