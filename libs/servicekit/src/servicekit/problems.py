"""OpenAPI documentation of the problem+json error responses every route may return."""

from typing import Any

from pydantic import BaseModel


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
        "content": {"application/problem+json": {}},
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
