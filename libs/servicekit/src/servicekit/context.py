"""Request context: who is calling, for which workspace, with which scopes, under which request id.

The gateway authenticates the caller and forwards ``X-Workspace-Id``, ``X-Actor-Id``,
``X-Scopes`` and ``X-Request-Id`` with the shared ``X-Internal-Token``. A service trusts those
headers only when the token matches (``InternalTokenMiddleware``); otherwise it answers 401.
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from servicekit.errors import BadRequest, Forbidden
from servicekit.problems import problem_response

# The request id is the layer below (problem+json bodies carry it too); its names are part of
# the request context, so they are re-exported here.
from servicekit.requestid import HEADER_REQUEST_ID as HEADER_REQUEST_ID
from servicekit.requestid import SCOPE_REQUEST_ID as SCOPE_REQUEST_ID
from servicekit.requestid import RequestIdMiddleware as RequestIdMiddleware
from servicekit.requestid import current_request_id as current_request_id
from servicekit.requestid import header_value
from servicekit.requestid import request_id_of as request_id_of

HEADER_WORKSPACE = "x-workspace-id"
HEADER_ACTOR = "x-actor-id"
HEADER_SCOPES = "x-scopes"
HEADER_INTERNAL_TOKEN = "x-internal-token"
INTERNAL_HEADERS = (HEADER_WORKSPACE, HEADER_ACTOR, HEADER_SCOPES, HEADER_INTERNAL_TOKEN)

WORKSPACE_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")


@dataclass(frozen=True, slots=True)
class RequestContext:
    workspace_id: str
    actor_id: str | None
    scopes: frozenset[str]
    request_id: str | None

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes or "admin" in self.scopes


def token_matches(presented: str | None, token: bytes) -> bool:
    """Whether the ``X-Internal-Token`` presented is the shared token (in constant time)."""
    # Compare the bytes as sent (headers are decoded as latin-1, the token encoded as UTF-8).
    return presented is not None and hmac.compare_digest(presented.encode("latin-1"), token)


def unauthorized() -> Response:
    """The 401 of a call that did not carry the internal token."""
    return problem_response(
        401,
        "Unauthorized",
        "This service is reached through the MediaOps gateway; "
        "the request did not carry a valid internal token.",
    )


class InternalTokenMiddleware:
    """Refuse any call that does not carry the shared internal token (except open paths).

    Services are reached only through the gateway; a direct call without the token is a 401.
    """

    def __init__(self, app: ASGIApp, token: str, open_paths: Iterable[str]) -> None:
        self.app = app
        self.token = token.encode()
        self.open_paths = frozenset(open_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in self.open_paths:
            await self.app(scope, receive, send)
            return
        presented = header_value(scope, HEADER_INTERNAL_TOKEN.encode())
        if not token_matches(presented, self.token):
            await unauthorized()(scope, receive, send)
            return
        await self.app(scope, receive, send)


# The dependencies here are `async def` though they never await: FastAPI runs a plain `def`
# dependency in a worker thread, and a thread hop per dependency per request cost more than
# the work (measured on metrics-svc's ingest: ~9% of the event loop's time in thread handoffs).
async def get_request_context(request: Request) -> RequestContext:
    """Read the tenancy headers the gateway injected (the token was already checked), once a
    request: kept in its scope with the headers it was read from, so the scope check and the
    unit of work call this rather than declaring it as a dependency (routes that want the
    context still declare ``ContextDep``). FastAPI solves a declared dependency again at every
    use, cached or not: ~66k instructions each (bench/RESULTS.md "2026-12-06 (morning)").
    A ``dependency_overrides`` entry for this function therefore reaches only the routes that
    declare it."""
    known: tuple[object, RequestContext] | None = request.scope.get(_CONTEXT)
    # Only for the same headers: a scope copied with other headers (an inner request built
    # from an outer one) reads its own. Compared by value: Starlette's ``Headers`` puts a copy
    # of the list in the scope when it reads them.
    if known is not None and known[0] == request.scope["headers"]:
        return known[1]
    workspace_id = request.headers.get(HEADER_WORKSPACE)
    if not workspace_id or not WORKSPACE_ID_PATTERN.fullmatch(workspace_id):
        raise BadRequest(
            "X-Workspace-Id is missing or malformed; call the API through the gateway with a token "
            "whose `ws` claim names the workspace."
        )
    scopes = frozenset(s for s in request.headers.get(HEADER_SCOPES, "").split() if s)
    context = RequestContext(
        workspace_id=workspace_id,
        actor_id=request.headers.get(HEADER_ACTOR) or None,
        scopes=scopes,
        request_id=current_request_id(),
    )
    request.scope[_CONTEXT] = (request.scope["headers"], context)
    return context


# Where ``get_request_context`` keeps what it read (and from which headers), in the ASGI scope.
_CONTEXT = "mediaops.request_context"


ContextDep = Annotated[RequestContext, Depends(get_request_context)]


class ScopeCheck:
    """A dependency that answers 403 unless the caller holds ``scope`` (or ``admin``); the scope
    stays readable (``servicekit.apidoc`` names it in the route's documented 403)."""

    def __init__(self, scope: str) -> None:
        self.scope = scope

    async def __call__(self, request: Request) -> RequestContext:
        ctx = await get_request_context(request)
        if not ctx.has_scope(self.scope):
            raise Forbidden(
                f"This action needs the `{self.scope}` scope; ask for a token that has it."
            )
        return ctx


def require_scope(scope: str) -> ScopeCheck:
    """A dependency that answers 403 unless the caller holds ``scope`` (or ``admin``)."""
    return ScopeCheck(scope)
