"""``/v1/api-keys``: create, list, read and revoke a workspace's API keys (admins only)."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Response, status

from gateway.apikeys import service
from gateway.apikeys.dependencies import ADMIN, ApiKeyDep, VerifierDep
from gateway.apikeys.repository import ApiKeyRepository
from gateway.apikeys.schemas import ApiKeyCreate, ApiKeyCreated, ApiKeyRead
from servicekit.context import ContextDep
from servicekit.idempotency import stored_as
from servicekit.models import utcnow
from servicekit.pagination import Page, PageDep
from servicekit.problems import PROBLEM_CONTENT_TYPE, Problem
from servicekit.unitofwork import UnitOfWorkDep

TAG = "api-keys"


def _problem(description: str) -> dict[str, Any]:
    return {"model": Problem, "description": description, "content": {PROBLEM_CONTENT_TYPE: {}}}


# What every route can answer besides its own outcomes. The gateway answers 401 and 429 before
# the route runs (the merged document points them at its shared descriptions).
_COMMON: dict[int | str, dict[str, Any]] = {
    401: _problem("No valid credential."),
    403: _problem(
        "The token lacks the `admin` scope, or the caller used an API key: keys are managed "
        "with a person's token only."
    ),
    429: _problem("Over the workspace's rate limit."),
    503: _problem(
        "The gateway's database, where API keys are kept, cannot be reached (`Retry-After`), or "
        "this gateway has none (GATEWAY_DATABASE_URL unset). Calls with a bearer token to the "
        "rest of the API are not affected."
    ),
}
_BAD_ID = _problem("The id is not a UUID, or the query has a parameter the route does not take.")
_NOT_FOUND = _problem("No such key in this workspace (another workspace's key id is a 404 too).")

router = APIRouter(prefix="/v1/api-keys", tags=[TAG], dependencies=ADMIN, responses=_COMMON)


def _without_secret(response: Response) -> Response:
    """The answer kept under an Idempotency-Key: the secret is shown once, never stored."""
    body = json.loads(bytes(response.body))
    body["secret"] = None
    headers = {k: v for k, v in response.headers.items() if k != "content-length"}
    return Response(json.dumps(body).encode(), response.status_code, headers)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_description="The key, with its secret shown this once; `Location` names it.",
    responses={
        400: _problem("The body is not valid JSON."),
        409: _problem("The Idempotency-Key was used for another request."),
        413: _problem("The body is over the gateway's size limit."),
        422: _problem(
            "Invalid body: an unknown scope, a scope the caller's token does not hold, an empty "
            "or over-long name or one with control characters, an expiry not in the future or "
            "outside 1970-2200, an unknown field; the `errors` name each place."
        ),
    },
)
@stored_as(_without_secret)
async def create_api_key(
    body: ApiKeyCreate, uow: UnitOfWorkDep, ctx: ContextDep, response: Response
) -> ApiKeyCreated:
    """Create a key for a machine. The answer holds the whole key in `secret`, once: copy it
    now (the gateway keeps only its hash). Send it as `Authorization: Bearer <secret>` or
    `X-Api-Key: <secret>`; its calls act in this workspace with the key's scopes."""
    now = utcnow()
    key, whole = await service.create_api_key(uow, body, ctx, now)
    response.headers["Location"] = f"/v1/api-keys/{key.id}"
    return ApiKeyCreated(**ApiKeyRead.of(key, now).model_dump(), secret=whole)


@router.get(
    "",
    response_description="One page of keys; `next_cursor` fetches the next (null: no more).",
    responses={422: _problem("A bad `limit` or `cursor`, or an unknown parameter.")},
)
async def list_api_keys(uow: UnitOfWorkDep, page: PageDep) -> Page[ApiKeyRead]:
    """The workspace's keys, oldest first, revoked and expired ones included (see `status`);
    never a secret."""
    keys = uow.repo(ApiKeyRepository)
    rows, next_cursor = await keys.paginate(keys.list_api_keys(), page)
    now = utcnow()
    return Page(items=[ApiKeyRead.of(row, now) for row in rows], next_cursor=next_cursor)


@router.get(
    "/{key_id}",
    response_description="The key, without its secret.",
    responses={404: _NOT_FOUND, 422: _BAD_ID},
)
async def get_api_key(key: ApiKeyDep) -> ApiKeyRead:
    """One key, with when it was last used; never its secret."""
    return ApiKeyRead.of(key, utcnow())


@router.delete(
    "/{key_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_description="Revoked (now, or already before).",
    responses={404: _NOT_FOUND, 422: _BAD_ID},
)
async def revoke_api_key(
    key: ApiKeyDep, uow: UnitOfWorkDep, ctx: ContextDep, verifier: VerifierDep
) -> None:
    """Revoke a key: from this answer on it is refused (401) by this gateway replica, and by
    every replica within `GATEWAY_API_KEY_CACHE_S` (10 s by default). Revoking a revoked key
    is fine (204, the first revocation is kept). The key stays listed, with `revoked_at`."""
    await service.revoke_api_key(uow, key, ctx, verifier.forget)
