"""An event's fields are declared once (``models._event_columns``): the tables, the ingest's
SQL and the schemas agree with that declaration, so a field added there and forgotten in a
schema fails here, naming it."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from sqlalchemy import String, text
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_svc.events.columns import (
    EVENT_COLUMNS,
    SENT_COLUMNS,
    SENT_FIELDS,
    sent_fields_from_json,
)
from metrics_svc.events.models import STAMPED_COLUMNS, event, event_inbox
from metrics_svc.events.schemas import EventIn, FastEvent


def test_the_event_table_and_the_inbox_have_the_declared_columns() -> None:
    assert tuple(c.name for c in event.columns) == EVENT_COLUMNS
    assert tuple(c.name for c in event_inbox.columns) == EVENT_COLUMNS
    assert set(EVENT_COLUMNS) == {*STAMPED_COLUMNS, *SENT_FIELDS}


def test_both_schemas_take_every_sent_field_and_no_other() -> None:
    assert tuple(EventIn.model_fields) == SENT_FIELDS
    assert FastEvent.__struct_fields__ == SENT_FIELDS


def _max_length(schema: dict[str, Any]) -> int | None:
    """The text length a JSON schema allows, looking inside ``anyOf`` (an optional field)."""
    for option in schema.get("anyOf", [schema]):
        if "maxLength" in option:
            return int(option["maxLength"])
    return None


@pytest.mark.parametrize("column", [c for c in SENT_COLUMNS if isinstance(c.type, String)])
def test_the_api_limits_text_to_what_its_column_holds(column: Any) -> None:
    properties = EventIn.model_json_schema()["properties"]
    assert _max_length(properties[column.name]) == column.type.length


async def test_the_ingest_reads_every_sent_field_out_of_a_json_event(
    db_session: AsyncSession,
) -> None:
    sent = {
        "id": str(uuid.uuid4()),
        "type": "purchase",
        "occurred_at": "2026-11-20T09:00:00.5+08:00",
        "actor_id": "顾客-1",
        "channel_id": "ch-1",
        "post_id": "post-1",
        "publication_id": "pub-1",
        "campaign_id": "camp-1",
        "group_id": "grp-1",
        "value": 99.5,
        "props": {"order_id": "o-1"},
    }
    assert set(sent) == set(SENT_FIELDS)
    sql = text(f"SELECT {sent_fields_from_json('e')} FROM (SELECT CAST(:e AS jsonb) AS e) a")

    row = (await db_session.execute(sql, {"e": json.dumps(sent)})).one()._asdict()

    assert str(row.pop("id")) == sent.pop("id")
    assert row.pop("occurred_at").isoformat() == "2026-11-20T01:00:00.500000+00:00"
    sent.pop("occurred_at")
    assert row == sent
    no_props = {"id": str(uuid.uuid4()), "props": {}}
    row = (await db_session.execute(sql, {"e": json.dumps(no_props)})).one()._asdict()
    assert row["props"] is None  # an empty object is stored as NULL
