"""Dates and times a service can compute with.

Python's ``datetime`` ends at years 1 and 9999: ``0001-01-01T00:00:00+14:00`` has no UTC
instant, and a week after 9999-12-30 or a zone conversion near 9999-12-31 overflows (a 500).
Every date or time a client sends goes through ``Instant`` or ``Day``, which hold it to 1970-01-01
through 2200-01-01: wider than any history or plan a service keeps, and far enough inside
Python's range that the arithmetic a service does with it (periods, offsets, time zones) cannot
overflow. Anything outside is a 422 naming the field, as every other validation error.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, AwareDatetime, BeforeValidator, Field
from pydantic_core import PydanticCustomError

EARLIEST_INSTANT = datetime(1970, 1, 1, tzinfo=UTC)
LATEST_INSTANT = datetime(2200, 1, 1, tzinfo=UTC)
EARLIEST_DAY = EARLIEST_INSTANT.date()
LATEST_DAY = LATEST_INSTANT.date()

RANGE_TEXT = f"between {EARLIEST_INSTANT.isoformat()} and {LATEST_INSTANT.isoformat()}"


def instant_in_range(value: datetime) -> bool:
    """Whether the aware ``value`` lies in the range. Comparing aware datetimes never
    overflows (converting year 1 at +14:00 to UTC would), so this is safe for any input."""
    return EARLIEST_INSTANT <= value <= LATEST_INSTANT


def out_of_range_message(value: datetime | date) -> str:
    """The words of the 422 for ``value``; the caller or the error's ``loc`` names the field."""
    return f"out of range (got {value.isoformat()}); use a time {RANGE_TEXT}"


# What the wire may carry: ISO 8601 / RFC 3339 text. Pydantic's lax mode would also read a number
# (or a numeric string such as a query's `0.5`) as seconds since 1970, which the schema does not
# promise and a client never means.
_DAY_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}")
_INSTANT_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}")


def _instant_text(value: Any) -> Any:
    if isinstance(value, str) and not _INSTANT_TEXT.match(value):
        raise PydanticCustomError(
            "datetime_text", "expected an RFC 3339 time such as 2026-12-01T09:00:00+08:00"
        )
    if isinstance(value, int | float):
        raise PydanticCustomError(
            "datetime_text", "expected an RFC 3339 time as text, not a number"
        )
    return value


def _day_text(value: Any) -> Any:
    if isinstance(value, str) and not _DAY_TEXT.fullmatch(value):
        raise PydanticCustomError("date_text", "expected a date such as 2026-12-01")
    if isinstance(value, int | float):
        raise PydanticCustomError("date_text", "expected a date as text, not a number")
    return value


def _check_instant(value: datetime) -> datetime:
    if not instant_in_range(value):
        raise PydanticCustomError("datetime_out_of_range", out_of_range_message(value))
    return value


def _check_day(value: date) -> date:
    if not EARLIEST_DAY <= value <= LATEST_DAY:
        raise PydanticCustomError(
            "date_out_of_range",
            f"out of range (got {value.isoformat()}); use a date between "
            f"{EARLIEST_DAY.isoformat()} and {LATEST_DAY.isoformat()}",
        )
    return value


InstantText = Annotated[AwareDatetime, BeforeValidator(_instant_text)]
"""An RFC 3339 time with an offset, as text (never a number), for a field whose own rule
already bounds it more tightly than ``Instant`` would (e.g. "within two years from now")."""

Instant = Annotated[
    InstantText,
    AfterValidator(_check_instant),
    Field(description=f"RFC 3339 time with an offset, {RANGE_TEXT}."),
]
"""An RFC 3339 time with an offset, within the range a service computes with."""

Day = Annotated[
    date,
    BeforeValidator(_day_text),
    AfterValidator(_check_day),
    Field(description=f"A date between {EARLIEST_DAY.isoformat()} and {LATEST_DAY.isoformat()}."),
]
"""A calendar date within the range a service computes with."""
