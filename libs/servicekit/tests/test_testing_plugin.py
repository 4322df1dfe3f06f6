"""The pytest plugin every service uses: rolled-back tests and clients speaking as the gateway.

The first two tests run in this order on purpose: the second must not see the first's row.
"""

from collections.abc import Callable

import httpx
from fixture_service.app import Thing
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from servicekit.settings import DEV_INTERNAL_TOKEN
from servicekit.testing.headers import WORKSPACE_A, WORKSPACE_B, gateway_headers

MARKER = "written by test_a_row_written_in_one_test"


async def count(session: AsyncSession, name: str) -> int:
    stmt = select(func.count()).select_from(Thing).where(Thing.name == name)
    return int(await session.scalar(stmt) or 0)


async def test_a_row_written_in_one_test(db_session: AsyncSession) -> None:
    db_session.add(Thing(workspace_id=WORKSPACE_A, name=MARKER))
    await db_session.commit()  # a savepoint of the test's transaction, not a real commit
    assert await count(db_session, MARKER) == 1


async def test_is_not_seen_in_the_next(db_session: AsyncSession) -> None:
    assert await count(db_session, MARKER) == 0


async def test_request_writes_join_the_test_transaction_uncommitted(
    client: httpx.AsyncClient, db_session: AsyncSession, engine: AsyncEngine
) -> None:
    r = await client.post("/v1/things", json={"name": "joined"})
    assert r.status_code == 201
    assert await count(db_session, "joined") == 1
    async with engine.connect() as other:
        seen = await other.scalar(select(func.count()).where(Thing.name == "joined"))
    assert seen == 0


async def test_a_failed_request_rolls_back_only_its_own_writes(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    assert (await client.post("/v1/things", json={"name": "kept"})).status_code == 201
    assert (await client.post("/v1/things/then-fail", json={"name": "lost"})).status_code == 409
    assert await count(db_session, "kept") == 1
    assert await count(db_session, "lost") == 0
    assert (await client.post("/v1/things", json={"name": "after"})).status_code == 201
    assert await count(db_session, "after") == 1


async def test_client_holds_every_declared_scope_in_workspace_a(
    client: httpx.AsyncClient,
) -> None:
    body = (await client.get("/v1/probe/context")).json()
    assert body["workspace_id"] == WORKSPACE_A
    assert body["scopes"] == ["things:read", "things:write"]


async def test_client_for_an_empty_scope_list_sends_no_scopes(
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    client = client_for(scopes=())
    assert (await client.get("/v1/probe/context")).json()["scopes"] == []
    assert (await client.get("/v1/things")).status_code == 403


async def test_client_for_another_workspace_sees_nothing_of_the_first(
    client: httpx.AsyncClient, client_for: Callable[..., httpx.AsyncClient]
) -> None:
    thing = (await client.post("/v1/things", json={"name": "mine"})).json()
    other = client_for(WORKSPACE_B)
    assert (await other.get(f"/v1/things/{thing['id']}")).status_code == 404
    assert (await other.get("/v1/things")).json() == {"items": [], "next_cursor": None}


def test_gateway_headers() -> None:
    assert gateway_headers("ws-1", ("a:read", "b:write"), actor="u-9") == {
        "X-Internal-Token": DEV_INTERNAL_TOKEN,
        "X-Actor-Id": "u-9",
        "X-Workspace-Id": "ws-1",
        "X-Scopes": "a:read b:write",
    }
    assert "X-Workspace-Id" not in gateway_headers(None, ())
