"""The unit of work: one request's repositories and outbox, committed or rolled back together.
These tests commit for real."""

import httpx
import pytest
from fixture_service.app import OutboxEvent, Thing, ThingRepository
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from servicekit.testing.headers import WORKSPACE_A
from servicekit.testing.plans import sent_statements
from servicekit.unitofwork import NoOutbox, UnitOfWork


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


async def test_the_change_and_its_event_commit_together(
    committed_client: httpx.AsyncClient, engine: AsyncEngine, workspace: str
) -> None:
    name = f"announced-{workspace}"
    r = await committed_client.post("/v1/things/announced", json={"name": name})
    assert r.status_code == 201, r.text
    assert await committed(engine, workspace) == ([name], [name])


async def test_a_failed_request_loses_the_change_and_its_event(
    committed_client: httpx.AsyncClient, engine: AsyncEngine, workspace: str
) -> None:
    name = f"failed-{workspace}"
    r = await committed_client.post("/v1/things/announced-then-fail", json={"name": name})
    assert r.status_code == 409
    assert await committed(engine, workspace) == ([], [])


async def test_repositories_are_bound_to_the_units_workspace(db_session: AsyncSession) -> None:
    uow = UnitOfWork(db_session, WORKSPACE_A, OutboxEvent)
    things = uow.repo(ThingRepository)
    assert uow.repo(ThingRepository) is things
    assert (things.session, things.workspace_id) == (db_session, WORKSPACE_A)
    event_id = await uow.record("thing.made", {"name": "x"})
    stored = await db_session.get(OutboxEvent, event_id)
    assert stored is not None
    assert stored.workspace_id == WORKSPACE_A


async def test_recording_without_an_outbox_says_what_is_missing(db_session: AsyncSession) -> None:
    with pytest.raises(NoOutbox, match="no outbox table"):
        await UnitOfWork(db_session, WORKSPACE_A).record("thing.made", {})


async def test_record_many_stores_each_event_as_record_does(db_session: AsyncSession) -> None:
    uow = UnitOfWork(db_session, WORKSPACE_A, OutboxEvent)
    single = await uow.record("thing.made", {"name": "一"})
    payloads: list[dict[str, object]] = [
        {"name": "双十一 · 满300减50", "emoji": "🎉"},
        {"name": "x", "values": [5, 20]},
    ]
    many = await uow.record_many("thing.made", payloads)

    # Read back fresh (not the objects record() left in the session), all three alike.
    stored = {
        e.id: e
        for e in await db_session.scalars(
            select(OutboxEvent)
            .where(OutboxEvent.id.in_([single, *many]))
            .execution_options(populate_existing=True)
        )
    }

    def kept(e: OutboxEvent) -> tuple[object, ...]:
        return (e.workspace_id, e.event_type, e.attempts, e.last_error, e.delivered_at)

    assert kept(stored[single]) == (WORKSPACE_A, "thing.made", 0, None, None)
    for event_id, payload in zip(many, payloads, strict=True):
        assert kept(stored[event_id]) == kept(stored[single])
        assert stored[event_id].payload == payload
        times = (stored[event_id].occurred_at, stored[event_id].created_at)
        assert all(t.tzinfo is not None for t in times)


async def test_record_many_writes_a_thousand_events_in_one_statement(
    engine: AsyncEngine, db_session: AsyncSession
) -> None:
    uow = UnitOfWork(db_session, WORKSPACE_A, OutboxEvent)
    await db_session.connection()  # the transaction is open before counting starts
    with sent_statements(engine) as statements:
        event_ids = await uow.record_many("thing.made", [{"n": i} for i in range(1000)])
    # The COPY goes under SQLAlchemy, so no per-event INSERT is seen here.
    assert statements == []
    stored = await db_session.scalar(select(func.count()).where(OutboxEvent.id.in_(event_ids)))
    assert stored == 1000


async def test_record_many_is_rolled_back_with_the_change(db_session: AsyncSession) -> None:
    uow = UnitOfWork(db_session, WORKSPACE_A, OutboxEvent)
    savepoint = await db_session.begin_nested()
    event_ids = await uow.record_many("thing.made", [{"name": "a"}, {"name": "b"}])
    await savepoint.rollback()
    stored = await db_session.scalars(select(OutboxEvent.id).where(OutboxEvent.id.in_(event_ids)))
    assert list(stored) == []


async def test_record_many_of_nothing_writes_nothing(db_session: AsyncSession) -> None:
    uow = UnitOfWork(db_session, WORKSPACE_A, OutboxEvent)
    assert await uow.record_many("thing.made", []) == []


async def test_record_many_without_an_outbox_says_what_is_missing(
    db_session: AsyncSession,
) -> None:
    with pytest.raises(NoOutbox, match="no outbox table"):
        await UnitOfWork(db_session, WORKSPACE_A).record_many("thing.made", [{}])


async def test_record_many_first_in_a_fresh_session_still_rolls_back(engine: AsyncEngine) -> None:
    # The COPY goes to the driver; were it the transaction's first statement it would run
    # before SQLAlchemy's BEGIN and commit on its own.
    async with AsyncSession(engine) as session:
        uow = UnitOfWork(session, WORKSPACE_A, OutboxEvent)
        event_ids = await uow.record_many("thing.made", [{"name": "a"}, {"name": "b"}])
        await session.rollback()
    async with engine.connect() as conn:
        stored = await conn.scalar(select(func.count()).where(OutboxEvent.id.in_(event_ids)))
    assert stored == 0


async def test_a_units_events_are_written_together_with_its_next_flush(
    db_session: AsyncSession,
) -> None:
    uow = UnitOfWork(db_session, WORKSPACE_A, OutboxEvent)
    connection = await db_session.connection()
    with sent_statements(connection) as statements:
        ids = [await uow.record("thing.made", {"name": n}) for n in ("x", "y")]
        assert statements == []  # recorded, not yet written: no round trip of its own
        await db_session.flush()
        inserts = [s for s, _ in statements if s.lstrip().upper().startswith("INSERT")]
        assert len(inserts) == 1, statements
    stored = await db_session.scalars(select(OutboxEvent.id).where(OutboxEvent.id.in_(ids)))
    assert sorted(stored) == sorted(ids)
