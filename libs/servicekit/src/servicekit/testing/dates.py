"""The edges of Python's datetime range, for tests that every date a service takes is either
computed with or refused with a 422 naming the field (see ``servicekit.timebounds``)."""

from __future__ import annotations

from typing import Any

import httpx

# Year 1 at +14:00 has no UTC instant; 9999-12-31 at -12:00 is year 10000 in UTC.
EDGE_INSTANTS = (
    "0001-01-01T00:00:00+14:00",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59-12:00",
    "9999-12-31T23:59:59Z",
)
EDGE_DAYS = ("0001-01-01", "9999-12-31")


def named_fields(problem: dict[str, Any]) -> set[str]:
    """Every field a problem+json body names in its ``errors`` locations."""
    return {str(part) for error in problem.get("errors", []) for part in error.get("loc", [])}


def assert_refused_naming(response: httpx.Response, field: str) -> None:
    """``response`` is a 422 problem+json whose errors (or detail) name ``field``."""
    assert response.status_code == 422, (field, response.status_code, response.text)
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert field in named_fields(body) or field in body["detail"], (field, body)
