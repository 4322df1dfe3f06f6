"""Dates and times a service can compute with.

Python's ``datetime`` ends at years 1 and 9999: ``0001-01-01T00:00:00+14:00`` has no UTC
instant, and a week after 9999-12-30 or a zone conversion near 9999-12-31 overflows (a 500).
Every date or time a client sends goes through ``Instant`` or ``Day``, which hold it to 1970-01-01
through 2200-01-01: wider than any history or plan a service keeps, and far enough inside
Python's range that the arithmetic a service does with it (periods, offsets, time zones) cannot
overflow. Anything outside is a 422 naming the field, as every other validation error.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, Field
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


Instant = Annotated[
    AwareDatetime,
    AfterValidator(_check_instant),
    Field(description=f"RFC 3339 time with an offset, {RANGE_TEXT}."),
]
"""An RFC 3339 time with an offset, within the range a service computes with."""

Day = Annotated[
    date,
    AfterValidator(_check_day),
    Field(description=f"A date between {EARLIEST_DAY.isoformat()} and {LATEST_DAY.isoformat()}."),
]
"""A calendar date within the range a service computes with."""
