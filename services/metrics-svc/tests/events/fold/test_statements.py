"""Each named part of the fold on its own, against the real database: a statement of the part
and the parts it reads (``with_inputs``), run over events put straight into the inbox, and
what it wrote or answered."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_svc.events.columns import EVENT_COLUMNS, column_list
from metrics_svc.events.fold.repository import FoldRepository
from metrics_svc.events.fold.statements import (
    ACTOR_ROWS,
    ACTORS,
    BY_DIMENSION,
    FOLDED_COUNT,
    HOURLY,
    KEYED,
    NEW_ACTORS,
    NUMBERED,
    PICKED,
    PRESENCE,
    PRESENT,
    STORED,
    TOPS,
    Part,
    compose,
    with_inputs,
)
from metrics_svc.events.models import PAGE_BITS
from metrics_svc.vocabulary import ACTOR_TYPES

WS = "ws-fold-parts"
OTHER_WS = "ws-fold-parts-2"
# A month no other test writes events in, so the inbox holds only this test's rows of it.
MONTH = datetime(2026, 7, 1, tzinfo=UTC)
NEXT_MONTH = datetime(2026, 8, 1, tzinfo=UTC)
AT = datetime(2026, 7, 6, 9, 30, tzinfo=UTC)
HOUR = AT.replace(minute=0)


def _event(type_: str, at: datetime = AT, **columns: Any) -> dict[str, Any]:
    """An event as the inbox holds it: every column, NULL unless given."""
    row: dict[str, Any] = dict.fromkeys(EVENT_COLUMNS)
    row |= {"workspace_id": WS, "id": uuid.uuid4(), "type": type_, "occurred_at": at}
    row |= columns
    return row


def _value(column: str) -> str:
    if column == "received_at":  # now(): the start of this (the test's) transaction
        return "coalesce(CAST(:received_at AS timestamptz), now())"
    if column == "props":
        return "CAST(:props AS jsonb)"
    return f":{column}"


_QUEUE = text(
    f"INSERT INTO event_inbox ({column_list(EVENT_COLUMNS)}) "
    f"VALUES ({', '.join(_value(c) for c in EVENT_COLUMNS)})"
)


async def _queue(session: AsyncSession, *events: dict[str, Any]) -> None:
    """Put ``events`` into the inbox as the ingest does, received now unless they say when."""
    for event in events:
        props = None if event["props"] is None else json.dumps(event["props"])
        await session.execute(_QUEUE, event | {"props": props})


async def _run(
    session: AsyncSession, *wanted: Part, result: str = FOLDED_COUNT, limit: int = 1000
) -> list[tuple[Any, ...]]:
    """A statement of ``wanted`` and the parts they read, answering ``result``."""
    statement = compose(*with_inputs(*wanted), result=result)
    params = {"months": [MONTH], "limit": limit, "actor_types": list(ACTOR_TYPES)}
    return [tuple(r) for r in (await session.execute(text(statement), params)).all()]


async def _rows(session: AsyncSession, sql: str) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in (await session.execute(text(sql), {"ws": WS})).all()]


@pytest.fixture
async def session(db_session: AsyncSession) -> AsyncSession:
    """The test's rolled-back session, with the event table's partitions of the months."""
    await FoldRepository(db_session).ensure_partitions([MONTH, NEXT_MONTH])
    return db_session


def test_compose_refuses_a_part_before_a_part_it_reads() -> None:
    with pytest.raises(ValueError, match="keyed reads picked"):
        compose(KEYED, PICKED, result=FOLDED_COUNT)


def test_with_inputs_adds_what_a_part_reads_in_the_fold_order() -> None:
    assert with_inputs(TOPS) == (PICKED, KEYED, ACTOR_ROWS, PRESENT, TOPS)


async def test_picked_takes_up_to_the_limit_of_the_given_months_received_before_it_began(
    session: AsyncSession,
) -> None:
    in_month = [_event("click") for _ in range(3)]
    other_month = _event("click", AT + timedelta(days=30))
    received_later = _event("click", received_at=datetime.now(UTC) + timedelta(hours=1))
    await _queue(session, *in_month, other_month, received_later)

    first = await _run(session, PICKED, result="SELECT id FROM picked", limit=2)
    rest = await _run(session, PICKED, result="SELECT id FROM picked", limit=10)

    assert len(first) == 2
    assert {r[0] for r in [*first, *rest]} == {e["id"] for e in in_month}
    left = await _rows(session, "SELECT id FROM event_inbox WHERE workspace_id = :ws")
    assert {r[0] for r in left} == {other_month["id"], received_later["id"]}


async def test_stored_keeps_every_column_of_the_picked_events(session: AsyncSession) -> None:
    events = [
        _event(
            "purchase",
            actor_id="u1",
            channel_id="ch-1",
            post_id="post-1",
            publication_id="pub-1",
            campaign_id="camp-1",
            group_id="grp-1",
            value=12.5,
            props={"order": "o-1", "名": "值"},
        ),
        _event("click"),
    ]
    await _queue(session, *events)

    assert await _run(session, STORED) == [(2,)]

    stored = await _rows(
        session, f"SELECT {column_list(EVENT_COLUMNS)} FROM event WHERE workspace_id = :ws"
    )
    queued = {e["id"]: e for e in events}
    assert len(stored) == 2
    for row in stored:
        event = dict(zip(EVENT_COLUMNS, row, strict=True))
        expected = queued[event["id"]]
        assert event | {"received_at": None} == expected | {"received_at": None}
        assert event["received_at"] is not None


# What a keyed row holds, in order.
KEYED_COLUMNS = (
    "workspace_id",
    "type",
    "bucket_at",
    "channel_id",
    "post_id",
    "publication_id",
    "campaign_id",
    "group_id",
    "value",
    "actor_id",
    "props",
)


async def test_keyed_buckets_by_utc_hour_and_spells_absent_dimensions_as_empty_text(
    session: AsyncSession,
) -> None:
    await _queue(session, _event("read", actor_id="u1", channel_id="ch-1", value=30))

    (row,) = await _run(session, KEYED, result="SELECT * FROM keyed")

    assert dict(zip(KEYED_COLUMNS, row, strict=True)) == {
        "workspace_id": WS,
        "type": "read",
        "bucket_at": HOUR,
        "channel_id": "ch-1",
        "post_id": "",
        "publication_id": "",
        "campaign_id": "",
        "group_id": "",
        "value": 30.0,
        "actor_id": "u1",
        "props": None,
    }


async def test_hourly_adds_counts_and_values_to_the_rows_already_there(
    session: AsyncSession,
) -> None:
    sql = (
        "SELECT channel_id, bucket_at, event_count, value_sum FROM event_hourly "
        "WHERE workspace_id = :ws ORDER BY channel_id"
    )
    await _queue(
        session,
        _event("read", channel_id="ch-1", value=10),
        _event("read", AT + timedelta(minutes=20), channel_id="ch-1", value=20),
        _event("read", channel_id="ch-2", value=5),
    )
    await _run(session, HOURLY)
    assert await _rows(session, sql) == [("ch-1", HOUR, 2, 30.0), ("ch-2", HOUR, 1, 5.0)]

    await _queue(session, _event("read", channel_id="ch-1", value=5))
    await _run(session, HOURLY)
    assert await _rows(session, sql) == [("ch-1", HOUR, 3, 35.0), ("ch-2", HOUR, 1, 5.0)]


async def test_by_dimension_counts_the_workspace_and_each_channel_campaign_and_group(
    session: AsyncSession,
) -> None:
    await _queue(
        session,
        _event("purchase", channel_id="ch-1", post_id="post-1", campaign_id="camp-1", value=10),
        _event("purchase", channel_id="ch-1", group_id="grp-1", value=4),
    )

    await _run(session, BY_DIMENSION)

    rows = await _rows(
        session,
        "SELECT dimension, dimension_value, bucket_at, event_count, value_sum "
        "FROM event_hourly_dim WHERE workspace_id = :ws ORDER BY dimension, dimension_value",
    )
    assert rows == [
        ("", "", HOUR, 2, 14.0),  # the whole workspace
        ("campaign_id", "", HOUR, 1, 4.0),  # no campaign
        ("campaign_id", "camp-1", HOUR, 1, 10.0),
        ("channel_id", "ch-1", HOUR, 2, 14.0),
        ("group_id", "", HOUR, 1, 10.0),
        ("group_id", "grp-1", HOUR, 1, 4.0),
    ]  # and no row per post


async def test_actor_rows_count_the_actor_or_for_a_referral_the_referrer(
    session: AsyncSession,
) -> None:
    await _queue(
        session,
        _event("view", actor_id="a1"),
        _event("click", actor_id="a2"),  # a type no metric counts people of
        _event("referral_accept", actor_id="a3", props={"referrer_id": "u9"}),
        _event("referral_accept", actor_id="a4"),
    )

    rows = await _run(session, ACTOR_ROWS, result="SELECT type, actor FROM actor_rows")

    assert sorted(rows, key=str) == sorted(
        [("view", "a1"), ("referral_accept", "u9"), ("referral_accept", None)], key=str
    )


async def test_actors_add_each_actor_hour_to_actor_hourly(session: AsyncSession) -> None:
    await _queue(
        session,
        _event("view", actor_id="a1", channel_id="ch-1"),
        _event("view", AT + timedelta(minutes=5), actor_id="a1", channel_id="ch-1"),
        _event("view", actor_id="a2", channel_id="ch-1"),
        _event("view"),  # no actor: nobody to count
    )

    await _run(session, ACTORS)

    rows = await _rows(
        session,
        "SELECT actor_id, channel_id, post_id, bucket_at, event_count FROM actor_hourly "
        "WHERE workspace_id = :ws ORDER BY actor_id",
    )
    assert rows == [("a1", "ch-1", "", HOUR, 2), ("a2", "ch-1", "", HOUR, 1)]


async def _number(session: AsyncSession, workspace: str, **ordinals: int) -> None:
    for actor, ordinal in ordinals.items():
        await session.execute(
            text("INSERT INTO actor_ordinal VALUES (:ws, :actor, :ordinal)"),
            {"ws": workspace, "actor": actor, "ordinal": ordinal},
        )


async def test_present_is_each_actor_hour_with_its_events_and_known_number(
    session: AsyncSession,
) -> None:
    await _number(session, WS, a1=5)
    await _queue(
        session,
        _event("view", actor_id="a1"),
        _event("view", AT + timedelta(minutes=5), actor_id="a1"),
        _event("view", actor_id="a2"),
        _event("view", AT + timedelta(hours=1), actor_id="a2"),
    )

    rows = await _run(
        session, PRESENT, result="SELECT actor, bucket_at, n, known FROM present ORDER BY 1, 2"
    )

    next_hour = HOUR + timedelta(hours=1)
    assert rows == [("a1", HOUR, 2, 5), ("a2", HOUR, 1, None), ("a2", next_hour, 1, None)]


async def test_tops_is_the_highest_number_of_each_workspace_with_new_actors(
    session: AsyncSession,
) -> None:
    await _number(session, WS, k0=0, k1=1, k2=2, k3=3)
    await _number(session, "ws-fold-parts-known", k0=0)
    await _queue(
        session,
        _event("view", actor_id="new"),
        _event("view", workspace_id=OTHER_WS, actor_id="new"),
        _event("view", workspace_id="ws-fold-parts-known", actor_id="k0"),  # nobody new
    )

    rows = await _run(session, TOPS, result="SELECT workspace_id, top FROM tops ORDER BY 1")

    assert rows == [(WS, 3), (OTHER_WS, -1)]


async def test_numbered_gives_new_actors_the_next_numbers_in_byte_order(
    session: AsyncSession,
) -> None:
    await _number(session, WS, m=0)
    later = AT + timedelta(hours=1)
    await _queue(
        session,
        *(_event("view", actor_id=actor) for actor in ("b", "a", "Z", "m")),
        _event("view", later, actor_id="b"),
    )

    rows = await _run(
        session,
        NUMBERED,
        result="SELECT actor, bucket_at, ordinal, new FROM numbered ORDER BY 3, 2",
    )

    # Byte order: "Z" (0x5A) before "a" and "b"; an actor keeps one number across hours.
    assert rows == [
        ("m", HOUR, 0, False),
        ("Z", HOUR, 1, True),
        ("a", HOUR, 2, True),
        ("b", HOUR, 3, True),
        ("b", HOUR + timedelta(hours=1), 3, True),
    ]


async def test_new_actors_stores_the_numbers_of_the_new_actors(session: AsyncSession) -> None:
    await _number(session, WS, m=0)
    await _queue(
        session,
        _event("view", actor_id="m"),
        _event("view", actor_id="n"),
        _event("purchase", actor_id="n"),
    )

    await _run(session, NEW_ACTORS)

    rows = await _rows(
        session,
        "SELECT actor_id, ordinal FROM actor_ordinal WHERE workspace_id = :ws ORDER BY 2",
    )
    assert rows == [("m", 0), ("n", 1)]


async def test_presence_sets_each_page_bit_and_lists_a_number_at_most_twice(
    session: AsyncSession,
) -> None:
    far = PAGE_BITS + 1  # slot 1 of page 1
    await _number(session, WS, a=0, b=far)
    sql = (
        "SELECT page, bit_count(bits), position('1' in CAST(bits AS text)) - 1, ordinals "
        "FROM actor_presence WHERE workspace_id = :ws ORDER BY page"
    )
    await _queue(
        session,
        _event("view", actor_id="a"),
        _event("view", actor_id="b"),
        _event("view", AT + timedelta(minutes=1), actor_id="b"),
    )
    await _run(session, PRESENCE)
    # page, bits set, the first set bit's slot, the numbers listed (twice: 2+ events)
    assert await _rows(session, sql) == [(0, 1, 0, [0]), (1, 1, 1, [far, far])]

    await _queue(session, _event("view", actor_id="a"), _event("view", actor_id="b"))
    await _run(session, PRESENCE)
    assert await _rows(session, sql) == [(0, 1, 0, [0, 0]), (1, 1, 1, [far, far])]


async def test_pending_months_are_the_utc_months_of_the_next_chunk(
    session: AsyncSession,
) -> None:
    at_midnight_in_shanghai = datetime(2026, 7, 31, 17, tzinfo=UTC)  # Aug 1 01:00 +08:00
    await _queue(
        session,
        _event("click", at_midnight_in_shanghai),
        _event("click", NEXT_MONTH + timedelta(days=3)),
    )

    months = await FoldRepository(session).pending_months(1000)

    assert {MONTH, NEXT_MONTH} <= set(months)
