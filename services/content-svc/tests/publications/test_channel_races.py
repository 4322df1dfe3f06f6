"""A channel delete racing a new publication: whichever loses gets a 409, never a 500.

Deterministic, not luck: one side holds its change open in a transaction of its own, the
request under test blocks on that row lock, then the held change commits."""

import asyncio
import uuid
from collections.abc import Callable, Coroutine
from typing import Any

import httpx
import pytest
from sqlalchemy import delete, func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession
from sqlalchemy.sql import Executable

from content_svc.channels.models import Channel
from content_svc.models import metadata
from content_svc.posts.models import Post
from content_svc.publications.models import Publication

from ..helpers import assert_problem


@pytest.fixture
def workspace() -> str:
    return f"ws-fk-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def race_client(
    committed_client_for: Callable[..., httpx.AsyncClient], workspace: str
) -> httpx.AsyncClient:
    return committed_client_for(workspace)


async def channel_and_post(
    client: httpx.AsyncClient, engine: AsyncEngine, workspace: str
) -> tuple[uuid.UUID, uuid.UUID]:
    r = await client.post(
        "/v1/channels", json={"platform": "weibo", "name": "微博", "handle": "brand_weibo"}
    )
    assert r.status_code == 201, r.text
    async with AsyncSession(engine, expire_on_commit=False) as session, session.begin():
        post = Post(workspace_id=workspace, title="标题", status="approved", tags=[], media=[])
        session.add(post)
    return uuid.UUID(r.json()["id"]), post.id


async def wait_until_blocked(engine: AsyncEngine, holder: AsyncConnection) -> None:
    """Until another backend waits for a lock the ``holder`` connection holds."""
    holder_pid = (await holder.execute(text("SELECT pg_backend_pid()"))).scalar_one()
    deadline = asyncio.get_running_loop().time() + 10
    while True:
        async with engine.connect() as conn:
            blocked = await conn.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE :holder = ANY(pg_blocking_pids(pid))"
                ),
                {"holder": holder_pid},
            )
        if blocked:
            return
        assert asyncio.get_running_loop().time() < deadline, "the request never blocked"
        await asyncio.sleep(0.02)


async def answer_once_blocked(
    engine: AsyncEngine, held: Executable, request: Coroutine[Any, Any, httpx.Response]
) -> httpx.Response:
    """The answer to ``request``, sent while another transaction holds the change ``held``
    uncommitted: that change commits only once the request waits for its row lock."""
    async with engine.connect() as holder:
        await holder.begin()
        await holder.execute(held)
        answer = asyncio.create_task(request)
        await wait_until_blocked(engine, holder)
        await holder.commit()
        return await answer


async def count(engine: AsyncEngine, model: type[Channel] | type[Publication], ws: str) -> int:
    async with engine.connect() as conn:
        stmt = select(func.count()).select_from(model).where(model.workspace_id == ws)
        return int((await conn.scalar(stmt)) or 0)


async def test_publication_for_a_channel_deleted_meanwhile_is_409(
    race_client: httpx.AsyncClient, engine: AsyncEngine, workspace: str
) -> None:
    channel_id, post_id = await channel_and_post(race_client, engine, workspace)
    # The request reads the channel, then its insert waits for the delete.
    r = await answer_once_blocked(
        engine,
        delete(Channel).where(Channel.id == channel_id),
        race_client.post(
            "/v1/publications", json={"post_id": str(post_id), "channel_id": str(channel_id)}
        ),
    )
    assert_problem(r, 409)
    assert "no longer exists" in r.json()["detail"]
    assert await count(engine, Publication, workspace) == 0


async def test_channel_delete_racing_a_new_publication_is_409(
    race_client: httpx.AsyncClient, engine: AsyncEngine, workspace: str
) -> None:
    channel_id, post_id = await channel_and_post(race_client, engine, workspace)
    new_publication = (
        metadata.tables[Publication.__tablename__]
        .insert()
        .values(
            id=uuid.uuid4(),
            workspace_id=workspace,
            post_id=post_id,
            channel_id=channel_id,
            status="scheduled",
            scheduled_at=func.now(),
            next_attempt_at=func.now(),
            attempts=0,
            delivery_id=uuid.uuid4(),
            created_at=func.now(),
            updated_at=func.now(),
        )
    )
    r = await answer_once_blocked(
        engine, new_publication, race_client.delete(f"/v1/channels/{channel_id}")
    )
    assert_problem(r, 409)
    assert await count(engine, Channel, workspace) == 1
    assert await count(engine, Publication, workspace) == 1
