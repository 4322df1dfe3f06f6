"""The transactional outbox: an event is stored in the caller's transaction."""

from fixture_service.app import OutboxEvent
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from servicekit.outbox import insert_event_sql, outbox_params, record_event
from servicekit.testing.headers import WORKSPACE_A


async def test_record_event_stores_the_event_in_the_callers_transaction(
    db_session: AsyncSession, engine: AsyncEngine
) -> None:
    payload = {"title": "双十一 · 满300减50", "values": [5, 20, 50], "emoji": "🎉"}
    event_id = await record_event(db_session, OutboxEvent, WORKSPACE_A, "thing.made", payload)

    row = (
        await db_session.execute(
            select(
                OutboxEvent.workspace_id,
                OutboxEvent.event_type,
                OutboxEvent.payload,
                OutboxEvent.attempts,
                OutboxEvent.last_error,
                OutboxEvent.delivered_at,
            ).where(OutboxEvent.id == event_id)
        )
    ).one()
    assert tuple(row) == (WORKSPACE_A, "thing.made", payload, 0, None, None)
    occurred_at = await db_session.scalar(
        select(OutboxEvent.occurred_at).where(OutboxEvent.id == event_id)
    )
    assert occurred_at is not None
    assert occurred_at.tzinfo is not None

    async with engine.connect() as other:
        seen = await other.scalar(select(func.count()).where(OutboxEvent.id == event_id))
    assert seen == 0


async def test_insert_event_sql_records_one_event_per_row_of_the_change_in_its_statement(
    db_session: AsyncSession,
) -> None:
    # Two rows "made" by the statement, one refused (filtered out): two events, one statement.
    made = "SELECT x FROM (VALUES ('a', true), ('b', true), ('c', false)) AS v(x, ok) WHERE ok"
    statement = text(
        f"""WITH made AS ({made}), event AS (
            {insert_event_sql(OutboxEvent, "made", "jsonb_build_object('name', made.x)")}
        ) SELECT count(*) FROM event"""
    )
    params = outbox_params(WORKSPACE_A, "thing.made")
    assert (await db_session.execute(statement, params)).scalar_one() == 2

    rows = await db_session.execute(
        select(OutboxEvent.payload, OutboxEvent.attempts, OutboxEvent.delivered_at).where(
            OutboxEvent.workspace_id == WORKSPACE_A, OutboxEvent.event_type == "thing.made"
        )
    )
    assert sorted((p["name"], a, d) for p, a, d in rows) == [("a", 0, None), ("b", 0, None)]
