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
from pydantic import BaseModel, ConfigDict, Field

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
    """One refused field or parameter."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"loc": ["body", "name"], "msg": "Field required", "type": "missing"},
            ]
        }
    )

    loc: list[str | int] = Field(
        description="Where: `body`, `query`, `path` or `header`, then the field's path."
    )
    msg: str = Field(description="What is wrong, for a person.")
    type: str = Field(description="What is wrong, for a program (for example `missing`).")


class Problem(BaseModel):
    """RFC 9457 problem details."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "type": PROBLEM_TYPE_BASE + "not-found",
                    "title": "Not Found",
                    "status": 404,
                    "detail": "No channel 3f2b… in this workspace.",
                    "request_id": "0f8e5c1e9b7a4d21a3c4b5d6e7f80912",
                }
            ]
        }
    )

    type: str = Field(description="A URI naming the kind of problem; stable, for programs.")
    title: str = Field(description="The status's standard phrase.")
    status: int = Field(description="The HTTP status code, repeated for convenience.")
    detail: str = Field(description="What went wrong and what to change, for a person.")
    request_id: str | None = Field(
        default=None, description="The `X-Request-Id` of the answer: quote it when reporting."
    )
    errors: list[ValidationErrorItem] | None = Field(
        default=None, description="For invalid bodies and parameters: each refused field."
    )


def problem_components() -> dict[str, Any]:
    """``Problem`` and the schema it refers to, as OpenAPI components."""
    schema = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    defs = schema.pop("$defs", {})
    return {"Problem": schema, **defs}


def problem_doc(description: str) -> dict[str, Any]:
    """One problem answer in a route's ``responses`` (``{404: problem_doc("No such batch")}``),
    for an error a route gives that no error class names; ``servicekit.apidoc`` documents it
    as problem+json with an example."""
    return {"description": description}
