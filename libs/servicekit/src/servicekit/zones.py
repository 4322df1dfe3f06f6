"""IANA time-zone names as a field type: a name ``zoneinfo`` cannot load is a 422 naming the field.

Calendars, prime-time slots and daily figures are computed in a time zone a client names, so the
name is checked where it comes in, never where it is first used.
"""

from __future__ import annotations

from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, Field


def _known_timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(
            f"{value!r} is not an IANA time zone; use a name such as 'Asia/Shanghai'"
        ) from exc
    return value


TimeZone = Annotated[str, Field(max_length=64), AfterValidator(_known_timezone)]
"""An IANA time zone name (``Asia/Shanghai``) that this machine's zone database knows."""
