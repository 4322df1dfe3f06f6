"""An event's columns, read off their one declaration (``models._event_columns``): the column
lists the ingest and the fold write, and how the ingest reads each sent field out of a JSON
event. A new field is a line there, its migration and its field in ``EventIn`` and
``FastEvent`` (a test names a field the schemas lack); the SQL follows by itself."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, DateTime, Double, String, Uuid
from sqlalchemy.dialects.postgresql import JSONB

from metrics_svc.events.models import STAMPED_COLUMNS, event_inbox

# Every column of an event as stored, in the table's order (`event` and `event_inbox` alike).
EVENT_COLUMNS: tuple[str, ...] = tuple(c.name for c in event_inbox.columns)

# The fields an event is sent with: every column the service does not stamp itself.
SENT_COLUMNS: tuple[Column[Any], ...] = tuple(
    c for c in event_inbox.columns if c.name not in STAMPED_COLUMNS
)
SENT_FIELDS: tuple[str, ...] = tuple(c.name for c in SENT_COLUMNS)


def column_list(columns: tuple[str, ...], prefix: str = "") -> str:
    """``columns`` as SQL, each name after ``prefix`` (``b.id, b.type, …``)."""
    return ", ".join(f"{prefix}{name}" for name in columns)


def sent_fields_from_json(item: str = "e") -> str:
    """A SELECT list reading every sent field out of the JSON event ``item`` (``jsonb``),
    each under its column's name."""
    return ", ".join(f"{read_from_json(c, item)} AS {c.name}" for c in SENT_COLUMNS)


def read_from_json(column: Column[Any], item: str = "e") -> str:
    """SQL reading ``column``'s value out of the JSON event ``item`` (a ``jsonb`` object).

    Text goes in as text: an explicit cast to ``varchar(n)`` would cut an over-long value
    where assigning it to the column refuses it. An empty ``props`` object is stored as NULL,
    as most events carry none."""
    name = column.name
    if isinstance(column.type, JSONB):
        return f"NULLIF({item} -> '{name}', CAST('{{}}' AS jsonb))"
    if isinstance(column.type, String):
        return f"{item} ->> '{name}'"
    return f"CAST({item} ->> '{name}' AS {_sql_type(column)})"


def _sql_type(column: Column[Any]) -> str:
    """The PostgreSQL type a JSON text value is cast to for ``column``."""
    if isinstance(column.type, Uuid):
        return "uuid"
    if isinstance(column.type, DateTime):
        return "timestamptz" if column.type.timezone else "timestamp"
    if isinstance(column.type, Double):
        return "double precision"
    # Fails at import, naming the column, until a new column type is given its reading here.
    raise TypeError(f"no JSON reading for {column.name}'s type {column.type!r}")
