"""Concurrent writers on committed data: the row lock and the version check decide, never luck."""

import asyncio
import uuid
from collections.abc import Callable

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from content_svc.models import OutboxEvent
from content_svc.posts.models import PostRevision

WRITERS = 8


@pytest.fixture
def race_client(committed_client_for: Callable[..., httpx.AsyncClient]) -> httpx.AsyncClient:
    return committed_client_for()


async def revision_numbers(engine: AsyncEngine, post_id: str) -> list[int]:
    async with engine.connect() as conn:
        rows = await conn.execute(
            select(PostRevision.number)
            .where(PostRevision.post_id == uuid.UUID(post_id))
            .order_by(PostRevision.number)
        )
        return [r[0] for r in rows]


async def edit_at_once(
    client: httpx.AsyncClient, url: str, headers: dict[str, str] | None = None
) -> list[httpx.Response]:
    """WRITERS edits of the post's body at ``url``, all started together."""
    return await asyncio.gather(
        *(client.patch(url, json={"body": f"writer {i}"}, headers=headers) for i in range(WRITERS))
    )


async def test_concurrent_patches_with_one_if_match_let_exactly_one_win(
    race_client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    post = (await race_client.post("/v1/posts", json={"title": "t", "body": "v1"})).json()
    url = f"/v1/posts/{post['id']}"
    results = await edit_at_once(race_client, url, {"If-Match": '"1"'})
    codes = sorted(r.status_code for r in results)
    assert codes == [200] + [412] * (WRITERS - 1)
    winner = next(r for r in results if r.status_code == 200).json()
    assert winner["version"] == 2
    assert (await race_client.get(url)).json()["body"] == winner["body"]
    assert await revision_numbers(engine, post["id"]) == [1, 2]


async def test_concurrent_unconditional_patches_number_revisions_without_gaps(
    race_client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    post = (await race_client.post("/v1/posts", json={"title": "t", "body": "v1"})).json()
    url = f"/v1/posts/{post['id']}"
    results = await edit_at_once(race_client, url)
    assert [r.status_code for r in results] == [200] * WRITERS
    assert sorted(r.json()["version"] for r in results) == list(range(2, WRITERS + 2))
    assert await revision_numbers(engine, post["id"]) == list(range(1, WRITERS + 2))


async def test_concurrent_approvals_approve_once_and_emit_one_event(
    race_client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    post = (await race_client.post("/v1/posts", json={"title": "t"})).json()
    url = f"/v1/posts/{post['id']}/transitions"
    assert (await race_client.post(url, json={"to": "in_review"})).status_code == 200
    results = await asyncio.gather(
        *(race_client.post(url, json={"to": "approved"}) for _ in range(WRITERS))
    )
    assert sorted(r.status_code for r in results) == [200] + [409] * (WRITERS - 1)
    async with engine.connect() as conn:
        events = await conn.scalar(
            select(func.count())
            .select_from(OutboxEvent)
            .where(
                OutboxEvent.event_type == "post.approved",
                OutboxEvent.payload["post_id"].astext == post["id"],
            )
        )
    assert events == 1
