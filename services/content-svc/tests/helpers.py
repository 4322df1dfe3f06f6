"""What content-svc's tests check alike: problem answers, and the rows a request left."""

from collections.abc import Callable
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from content_svc.models import OutboxEvent
from servicekit.models import WorkspaceMixin
from servicekit.testing.headers import WORKSPACE_A

# Bodies every resource with a title and tags refuses: an empty title, one that is not text, tags
# that are not a list, and too many of them.
BAD_TITLED_BODIES: list[dict[str, object]] = [
    {"title": ""},
    {"title": 5},
    {"title": "x", "tags": "not-a-list"},
    {"title": "x", "tags": [f"t{i}" for i in range(10_000)]},
]


def assert_problem(r: httpx.Response, status: int) -> None:
    """``r`` answers ``status`` as an RFC 9457 problem document."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"


async def count_rows(db_session: AsyncSession, model: type[WorkspaceMixin]) -> int:
    """How many rows of ``model`` workspace A holds."""
    stmt = select(func.count()).select_from(model).where(model.workspace_id == WORKSPACE_A)
    return int(await db_session.scalar(stmt) or 0)


async def send_raw(client: httpx.AsyncClient, path: str, raw: bytes) -> httpx.Response:
    """POST ``raw`` as a JSON body: what ``json=`` cannot send (malformed, or too large)."""
    return await client.post(path, content=raw, headers={"Content-Type": "application/json"})


async def assert_create_refused(
    client: httpx.AsyncClient,
    db_session: AsyncSession,
    path: str,
    body: object,
    *models: type[WorkspaceMixin],
) -> None:
    """POSTing ``body`` to ``path`` is a 422 problem saying what is wrong, and stores no row of
    ``models``."""
    r = await client.post(path, json=body)
    assert_problem(r, 422)
    assert r.json()["detail"]
    for model in models:
        assert await count_rows(db_session, model) == 0


async def assert_read_scope_cannot_create(
    client_for: Callable[..., httpx.AsyncClient], path: str, body: object
) -> httpx.Response:
    """A caller with only ``content:read`` is refused a create at ``path`` (403, its answer
    returned) and may still list."""
    reader = client_for(scopes=("content:read",))
    r = await reader.post(path, json=body)
    assert r.status_code == 403
    assert (await reader.get(path)).status_code == 200
    return r


async def assert_stale_edit_refused(client: httpx.AsyncClient, url: str, field: str) -> None:
    """Once ``url`` is edited (version 2), an edit of ``field`` holding If-Match "1" is a 412
    naming version 2 and changes nothing."""
    assert (await client.patch(url, json={field: "second"})).status_code == 200
    r = await client.patch(url, json={field: "third"}, headers={"If-Match": '"1"'})
    assert r.status_code == 412
    assert r.json()["current_version"] == 2
    assert (await client.get(url)).json()[field] == "second"


async def listed_ids(client: httpx.AsyncClient, path: str, **params: str) -> list[object]:
    """The ids the list route ``path`` answers with ``params``, in its order."""
    r = await client.get(path, params=params)
    assert r.status_code == 200, r.text
    return [item["id"] for item in r.json()["items"]]


async def assert_illegal_move_refused(
    client: httpx.AsyncClient,
    db_session: AsyncSession,
    url: str,
    move: dict[str, object],
    allowed: str,
) -> tuple[httpx.Response, dict[str, Any]]:
    """Moving the resource at ``url`` (``move``, to its transitions) is a 409 naming the moves
    ``allowed`` from its status, and changes nothing, no event either; the answer, and the
    resource as it was."""
    before: dict[str, Any] = (await client.get(url)).json()
    events_before = await count_rows(db_session, OutboxEvent)
    r = await client.post(f"{url}/transitions", json=move)
    assert r.status_code == 409
    assert f"allowed from {before['status']}: {allowed}" in r.json()["detail"]
    assert (await client.get(url)).json() == before
    assert await count_rows(db_session, OutboxEvent) == events_before
    return r, before
