"""The API key routes as a FastAPI app, built as a service's is, and its OpenAPI operations.

The gateway calls this app in process (``apikeys.endpoint``) after authenticating the caller,
with the tenancy headers a service gets (``X-Workspace-Id``, ``X-Actor-Id``, ``X-Scopes``), so
the routes use servicekit as every service does: the door (unknown query parameters, bodies
too deep or with unstorable text, Idempotency-Key), the unit of work with its one commit point,
cursor pages and problem+json errors. The app has no lifespan of its own: the gateway's opens
the database and hands the app its state (``ApiKeysState``) on every request.
"""

from __future__ import annotations

import copy
import functools
from typing import Any, TypedDict

import structlog
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from sqlalchemy.exc import InterfaceError, OperationalError

from gateway.apikeys.models import IdempotencyKey
from gateway.apikeys.router import TAG, router
from gateway.apikeys.verifier import RETRY_AFTER_S, ApiKeyVerifier
from servicekit import apidoc
from servicekit.db import Database
from servicekit.dberrors import install_database_error_handlers
from servicekit.door import adopt
from servicekit.errors import install_error_handlers
from servicekit.idempotency import IdempotencyKeyMixin
from servicekit.limits import BodyLimitMiddleware
from servicekit.outbox import OutboxEventMixin
from servicekit.problems import problem_response
from servicekit.tracing import FASTAPI_TELEMETRY_OFF

log = structlog.get_logger("gateway.apikeys")

Json = dict[str, Any]
# Statuses the gateway answers before the routes run, described once in the merged document.
GATEWAY_ANSWERED = {"401": "Unauthorized", "429": "TooManyRequests"}
# A person's token: an API key is refused here (403), so the operations do not offer one.
SECURITY: list[Json] = [{"bearerAuth": []}]
# The merged document keeps these operations' responses as they are (``gateway.openapi``).
OWN_ANSWERS = "x-mediaops-own-answers"


class ApiKeysState(TypedDict):
    """What the app's requests find on their state: what servicekit's dependencies read
    (the database, the idempotency table, no outbox) and this replica's key checker."""

    database: Database
    idempotency_model: type[IdempotencyKeyMixin] | None
    outbox_model: type[OutboxEventMixin] | None
    api_keys: ApiKeyVerifier


def _operation_id(route: APIRoute) -> str:
    return f"{route.tags[0]}-{route.name}"


async def _database_unreachable(_: Request, exc: Exception) -> JSONResponse:
    log.warning("api key database unreachable", error=f"{type(exc).__name__}: {exc}"[:300])
    return problem_response(
        503,
        "Service Unavailable",
        "API keys cannot be managed right now: the gateway's database does not answer. Try "
        f"again in {RETRY_AFTER_S} s (bearer tokens are not affected).",
        headers={"Retry-After": str(RETRY_AFTER_S)},
    )


def create_api_keys_app(max_body_bytes: int) -> FastAPI:
    app = FastAPI(
        title="MediaOps gateway: API keys",
        version="0.1.0",
        openapi_url=None,  # described in the gateway's merged /openapi.json
        docs_url=None,
        redoc_url=None,
        generate_unique_id_function=_operation_id,
        telemetry=FASTAPI_TELEMETRY_OFF,
        openapi_tags=[
            {
                "name": TAG,
                "description": "Served by the gateway: API keys for machines, made and revoked "
                "by the workspace's admins with a person's token; a key is shown once and kept "
                "hashed (gateway/README.md, *API keys*).",
            }
        ],
    )
    adopt(router, idempotency_documented=True)
    app.include_router(router)
    install_error_handlers(app)
    install_database_error_handlers(app)
    apidoc.install(app)  # the errors each route really gives, as the services document theirs
    # A database that refuses, drops or never answers a connection is the gateway's trouble,
    # not the caller's: 503 with Retry-After rather than a 500 (timeouts are OSErrors too).
    for failure in (OSError, InterfaceError, OperationalError):
        app.add_exception_handler(failure, _database_unreachable)
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_body_bytes)
    return app


def api_keys_state(database: Database, verifier: ApiKeyVerifier) -> ApiKeysState:
    return {
        "database": database,
        "idempotency_model": IdempotencyKey,
        "outbox_model": None,
        "api_keys": verifier,
    }


_RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before trying again (absent when the gateway has no "
        "database, where waiting will not help).",
        "schema": {"type": "integer"},
    }
}


@functools.cache
def _document() -> Json:
    app = create_api_keys_app(max_body_bytes=1)
    spec = app.openapi()
    for item in spec["paths"].values():
        for operation in item.values():
            responses = operation["responses"]
            responses["503"]["headers"] = copy.deepcopy(_RETRY_AFTER)
            for status, name in GATEWAY_ANSWERED.items():
                responses[status] = {"$ref": f"#/components/responses/{name}"}
            operation["responses"] = dict(sorted(responses.items()))
            operation["security"] = SECURITY
            operation[OWN_ANSWERS] = True
    return spec


def api_keys_document() -> Json:
    """The routes' OpenAPI paths and components, for the gateway's merged document."""
    return copy.deepcopy(_document())
