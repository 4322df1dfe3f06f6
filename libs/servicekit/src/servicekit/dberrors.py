"""The database's own errors as problem+json: what PostgreSQL refuses because of the caller.

The database side of ``servicekit.errors`` (which needs no database): ``create_service_app``
installs these handlers beside the ones every app has.
"""

from __future__ import annotations

import asyncpg
import structlog
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm.exc import StaleDataError

from servicekit.errors import (
    Conflict,
    PreconditionFailed,
    ServiceError,
    ServiceUnavailable,
    Unprocessable,
    service_error_response,
    unexpected_error_response,
)

log = structlog.get_logger("servicekit.dberrors")


def _database_refusal(cause: BaseException | None) -> ServiceError | None:
    """The client's fault, told by the database (``cause``: asyncpg's error): input it cannot
    store, or a duplicate that a race let past the service's own check. Anything else stays an
    unexpected 500."""
    if isinstance(cause, asyncpg.exceptions.CharacterNotInRepertoireError):
        return Unprocessable(
            "Text may not contain the NUL character (\\u0000); remove it and send again."
        )
    if isinstance(cause, asyncpg.exceptions.ForeignKeyViolationError):
        return Conflict(
            "This refers to a record that no longer exists, or removes one that others still "
            "refer to (another request may have changed it a moment ago); read again and retry."
        )
    if isinstance(cause, asyncpg.exceptions.UniqueViolationError):
        return Conflict(
            "This duplicates a record that already exists (another request may have created "
            "it a moment ago); read it, or change the value that must be unique."
        )
    if isinstance(
        cause, asyncpg.exceptions.DataError | asyncpg.exceptions.NumericValueOutOfRangeError
    ):
        return Unprocessable(f"A value cannot be stored as sent: {cause}.")
    return None


async def _database_error(request: Request, exc: Exception) -> JSONResponse:
    # Through SQLAlchemy the driver's error is the cause of its DBAPIError; a statement sent
    # to the driver directly (servicekit.db.DriverStatement) raises asyncpg's own.
    if isinstance(exc, DBAPIError):
        cause = exc.orig.__cause__ if exc.orig is not None else None
    else:
        cause = exc
    refusal = _database_refusal(cause)
    if refusal is None:
        return unexpected_error_response(request, exc)
    return service_error_response(refusal)


async def _stale_data(_: Request, _exc: Exception) -> JSONResponse:
    # A versioned row (version_id_col) changed between this request's read and its write:
    # the same answer a stale If-Match gets.
    return service_error_response(
        PreconditionFailed(
            "The resource changed while this request was being served; "
            "read it again and re-apply your change."
        )
    )


# How long a caller is told to wait when every pooled connection stayed busy for the pool's
# whole timeout: the requests holding them are finishing, a retry a second later usually finds
# one free.
POOL_RETRY_AFTER_S = 1


async def _pool_exhausted(request: Request, _exc: Exception) -> JSONResponse:
    # Every connection of the pool stayed busy for db_pool_timeout_s: the service is
    # overloaded, which is no fault of the caller's and no bug: a 503 to retry, not a 500.
    log.warning("no database connection free in time", path=request.url.path)
    response = service_error_response(
        ServiceUnavailable(
            "The service is busy: every database connection stayed in use while this "
            f"request waited; retry in {POOL_RETRY_AFTER_S} s."
        )
    )
    response.headers["Retry-After"] = str(POOL_RETRY_AFTER_S)
    return response


def install_database_error_handlers(app: FastAPI) -> None:
    """Render the database's refusals of bad input as 409/412/422 problem+json, and a pool
    with no connection free in time as a 503 with ``Retry-After``."""
    app.add_exception_handler(DBAPIError, _database_error)
    app.add_exception_handler(asyncpg.exceptions.PostgresError, _database_error)
    app.add_exception_handler(PoolTimeout, _pool_exhausted)
    app.add_exception_handler(StaleDataError, _stale_data)
