"""RFC 9457 problem+json: one error family and one set of handlers for every service.

Domain code raises ``NotFound``/``Conflict``/… with a message a person can act on; the handlers
render it as ``application/problem+json`` with the request id. Validation errors, unknown routes
and unexpected failures take the same shape, never a stack trace.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

# The answer's shape lives with the problem document; these names stay importable from here.
from servicekit.problems import PROBLEM_CONTENT_TYPE as PROBLEM_CONTENT_TYPE
from servicekit.problems import PROBLEM_TYPE_BASE as PROBLEM_TYPE_BASE
from servicekit.problems import problem_body as problem_body
from servicekit.problems import problem_response
from servicekit.requestid import HEADER_REQUEST_ID, current_request_id, request_id_of

log = structlog.get_logger("servicekit.errors")


# The title of each status an answer of this family can have: the standard reason phrase (RFC
# 9110), for the errors raised on purpose and for the framework's own HTTP errors alike.
_STATUS_TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    409: "Conflict",
    412: "Precondition Failed",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Content",
    428: "Precondition Required",
    429: "Too Many Requests",
    503: "Service Unavailable",
}


class ServiceError(Exception):
    """Base of every error a service raises on purpose.

    A member of the family names its answer on its class line, ``class NotFound(ServiceError,
    status=404, slug="not-found")``: the status, its title (from the table above) and the slug of
    the problem type; a subclass without them answers as its parent.
    """

    status: int = 500
    title: str = "Internal Server Error"
    slug: str = "internal"

    def __init_subclass__(
        cls, *, status: int | None = None, slug: str | None = None, **kwargs: Any
    ) -> None:
        super().__init_subclass__(**kwargs)
        if status is not None:
            cls.status, cls.title = status, _STATUS_TITLES[status]
        if slug is not None:
            cls.slug = slug

    def __init__(self, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra


class BadRequest(ServiceError, status=400, slug="bad-request"): ...


class Unauthorized(ServiceError, status=401, slug="unauthorized"): ...


class Forbidden(ServiceError, status=403, slug="forbidden"): ...


class NotFound(ServiceError, status=404, slug="not-found"): ...


class Conflict(ServiceError, status=409, slug="conflict"): ...


class IllegalTransition(Conflict):
    """A move a state machine does not allow: 409 naming the current state and the allowed moves.

    Subclass per resource: ``IllegalPostTransition(IllegalTransition)`` with ``thing = "post"``.
    The body carries ``current_status`` and ``allowed`` so a client can offer the right buttons.
    """

    thing: str = "resource"

    def __init__(self, current: str, target: str, allowed: Sequence[str]) -> None:
        options = ", ".join(allowed) if allowed else "none (it is final)"
        super().__init__(
            f"This {self.thing} is {current} and cannot move to {target}; "
            f"allowed from {current}: {options}.",
            current_status=current,
            allowed=list(allowed),
        )


class PreconditionFailed(ServiceError, status=412, slug="precondition-failed"): ...


class PreconditionRequired(ServiceError, status=428, slug="precondition-required"): ...


class PayloadTooLarge(ServiceError, status=413, slug="payload-too-large"): ...


class Unprocessable(ServiceError, status=422, slug="unprocessable"): ...


class TooManyRequests(ServiceError, status=429, slug="too-many-requests"): ...


class ServiceUnavailable(ServiceError, status=503, slug="unavailable"):
    """The service cannot answer right now, for reasons of its own (not the caller's)."""


def service_error_response(exc: ServiceError) -> JSONResponse:
    """The problem+json answer for an error raised on purpose."""
    return problem_response(exc.status, exc.title, exc.detail, exc.slug, **exc.extra)


async def _service_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ServiceError)
    return service_error_response(exc)


def _validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    errors = []
    for err in exc.errors():
        errors.append(
            {
                "loc": list(err.get("loc", ())),
                "msg": err.get("msg", ""),
                "type": err.get("type", ""),
            }
        )
    return errors


def _summarise(errors: list[dict[str, Any]]) -> str:
    parts = []
    for err in errors[:5]:
        loc = ".".join(str(p) for p in err["loc"] if p != "body") or "body"
        parts.append(f"{loc}: {err['msg']}")
    more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
    return "; ".join(parts) + more


async def _request_validation(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = _validation_errors(exc)
    if any(e["type"] == "json_invalid" for e in errors):
        return problem_response(
            400,
            "Bad Request",
            "The request body is not valid JSON: " + _summarise(errors),
            "malformed-json",
            errors=errors,
        )
    return problem_response(
        422, "Unprocessable Content", _summarise(errors), "validation-error", errors=errors
    )


async def _http_exception(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    title = _STATUS_TITLES.get(exc.status_code, "Error")
    detail = exc.detail if isinstance(exc.detail, str) else title
    if exc.status_code == 404 and detail == "Not Found":
        detail = "No such resource or route."
    return problem_response(exc.status_code, title, detail, headers=exc.headers)


def unexpected_error_response(request: Request, exc: BaseException) -> JSONResponse:
    """Log ``exc`` with its stack and answer a 500 that names only the request id."""
    # Starlette runs the 500 handler in its outermost middleware, after RequestIdMiddleware has
    # returned: put the request's id back on the log line, the body and the headers.
    request_id = current_request_id() or request_id_of(request.scope)
    with structlog.contextvars.bound_contextvars(request_id=request_id):
        log.exception("unhandled error", exc_info=exc)
    headers = {HEADER_REQUEST_ID: request_id} if request_id else None
    return problem_response(
        500,
        "Internal Server Error",
        "An unexpected error occurred; it has been logged.",
        headers=headers,
        request_id=request_id,
    )


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    return unexpected_error_response(request, exc)


def install_error_handlers(app: FastAPI) -> None:
    """Render every error of ``app`` as problem+json (the database's own errors are added by
    ``servicekit.dberrors``)."""
    app.add_exception_handler(ServiceError, _service_error)
    app.add_exception_handler(RequestValidationError, _request_validation)
    app.add_exception_handler(StarletteHTTPException, _http_exception)
    app.add_exception_handler(Exception, _unexpected)
