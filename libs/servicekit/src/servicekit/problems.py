"""RFC 9457 problem+json: the document every MediaOps error answer is, and its OpenAPI description.

``problem_response`` is the one way an answer of this shape is built: by the error handlers
(``servicekit.errors``), by middleware that refuses a request before any route runs, and by the
gateway. It needs neither the error family nor a database, only the request id.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from servicekit.requestid import current_request_id

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TYPE_BASE = "https://mediaops.dev/problems/"


def problem_body(
    status: int, title: str, detail: str, slug: str | None = None, **extra: Any
) -> dict[str, Any]:
    """The problem+json document; ``extra`` adds members such as ``errors``."""
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE_BASE + (slug or _slug(title)),
        "title": title,
        "status": status,
        "detail": detail,
        "request_id": current_request_id(),
    }
    body.update(extra)
    return body


def problem_response(
    status: int,
    title: str,
    detail: str,
    slug: str | None = None,
    headers: Mapping[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    """``problem_body`` as an answer with the problem+json media type."""
    return JSONResponse(
        jsonable_encoder(problem_body(status, title, detail, slug, **extra)),
        status_code=status,
        media_type=PROBLEM_CONTENT_TYPE,
        headers=headers,
    )


def _slug(title: str) -> str:
    return title.lower().replace(" ", "-")


class ValidationErrorItem(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str
    request_id: str | None = None
    errors: list[ValidationErrorItem] | None = None


def _doc(description: str) -> dict[str, Any]:
    return {
        "model": Problem,
        "description": description,
        "content": {PROBLEM_CONTENT_TYPE: {}},
    }


PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _doc("Malformed request (for example invalid JSON)"),
    401: _doc("Missing or invalid internal token"),
    403: _doc("Missing scope"),
    404: _doc("Unknown id in this workspace"),
    409: _doc("Conflict with the current state"),
    412: _doc("If-Match does not match the current version"),
    413: _doc("Body over the size limit"),
    422: _doc("Invalid body or parameters"),
}


def problem_doc(description: str) -> dict[str, Any]:
    """One problem answer in a route's ``responses`` (``{404: problem_doc("No such batch")}``),
    for a route that lists exactly the errors it returns."""
    return _doc(description)
