"""Cursor pagination: ``?limit=&cursor=`` → ``{"items": [...], "next_cursor": ...}``.

Keyset on ``(created_at, id)``: stable under inserts, no OFFSET scans. The cursor is opaque
(base64url JSON) so its shape can change without breaking clients.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel, Field

from servicekit.errors import Unprocessable

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


T = TypeVar("T")

# A cursor as this module issues them (``Cursor.encode``), the documented example of one.
CURSOR_EXAMPLE = (
    "eyJjIjogIjIwMjYtMTEtMjBUMDk6MzA6MDArMDA6MDAiLCAiaSI6ICIzZjJiOGMxZS02ZDRh"
    "LTRmN2ItOWUyMS01YThjMGQzZTdiMTQifQ"
)


class Page(BaseModel, Generic[T]):
    """One page of a list; its example is built from the item's (``servicekit.apidoc``)."""

    items: list[T] = Field(description="This page's items, in the list's stable order.")
    next_cursor: str | None = Field(
        description="Opaque: pass it as `?cursor=` (with the same filters) for the next page; "
        "null on the last page.",
        examples=[CURSOR_EXAMPLE],
    )


@dataclass(frozen=True, slots=True)
class Cursor:
    created_at: datetime
    id: uuid.UUID

    def encode(self) -> str:
        raw = json.dumps({"c": self.created_at.isoformat(), "i": str(self.id)}).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, value: str) -> Cursor:
        try:
            raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
            data: Any = json.loads(raw)
            if not (isinstance(data, dict) and isinstance(data.get("i"), str)):
                raise TypeError("not a cursor document")
            created_at = datetime.fromisoformat(data["c"])
            if created_at.tzinfo is None:
                raise ValueError("cursor time has no offset")
            # Normalised here so a forged time outside the calendar is refused now, not by the
            # database driver as a 500.
            return cls(created_at.astimezone(UTC), uuid.UUID(data["i"]))
        except (binascii.Error, ValueError, KeyError, TypeError, OverflowError) as exc:
            raise Unprocessable(
                "cursor is not one this API issued; pass next_cursor from the previous page "
                "unchanged, or omit it to start from the beginning."
            ) from exc


@dataclass(frozen=True, slots=True)
class PageParams:
    limit: int
    cursor: Cursor | None


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
CursorParam = Annotated[str | None, Query(max_length=512)]


def get_page_params(limit: Limit = DEFAULT_LIMIT, cursor: CursorParam = None) -> PageParams:
    return PageParams(limit=limit, cursor=Cursor.decode(cursor) if cursor else None)


# The dependency is `async def` though it never awaits: FastAPI sends a plain `def` dependency
# to its thread pool, a thread hop on every list request.
async def page_params(limit: Limit = DEFAULT_LIMIT, cursor: CursorParam = None) -> PageParams:
    return get_page_params(limit, cursor)


PageDep = Annotated[PageParams, Depends(page_params)]
