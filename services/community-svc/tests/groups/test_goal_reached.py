"""Marking a group's goal reached: once, not on a dissolved group, and under concurrency one mark
and one event (metrics-svc's replication success rate counts the event)."""

import asyncio
import uuid

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from community_svc.models import OutboxEvent
from tests.conftest import RACE_WORKSPACE
from tests.helpers import PROBLEM_JSON, create_group

GOAL = {"horizon": "long_term", "metric": "joins", "target": 500, "due_date": "2027-03-31"}


async def _goal(client: httpx.AsyncClient, group_id: str) -> str:
    r = await client.post(f"/v1/groups/{group_id}/goals", json=GOAL)
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


async def test_a_goal_marked_reached_reads_so_and_a_second_mark_is_a_409(
    client: httpx.AsyncClient,
) -> None:
    group = await create_group(client)
    goal_id = await _goal(client, group["id"])
    path = f"/v1/groups/{group['id']}/goals/{goal_id}/reached"
    first = await client.post(path)
    assert first.status_code == 200, first.text
    assert first.json()["reached_by"] == "user-1"
    assert first.json()["reached_at"] is not None
    goals = (await client.get(f"/v1/groups/{group['id']}/goals")).json()
    assert [(g["id"], g["reached_at"]) for g in goals] == [(goal_id, first.json()["reached_at"])]
    again = await client.post(path)
    assert again.status_code == 409
    assert again.headers["content-type"] == PROBLEM_JSON
    assert "marked reached already" in again.json()["detail"]


async def test_an_unknown_goal_or_another_groups_goal_is_a_404(client: httpx.AsyncClient) -> None:
    group, other = await create_group(client), await create_group(client)
    goal_id = await _goal(client, other["id"])
    for missing in (goal_id, str(uuid.uuid4())):
        r = await client.post(f"/v1/groups/{group['id']}/goals/{missing}/reached")
        assert r.status_code == 404, r.text
    assert (await client.get(f"/v1/groups/{other['id']}/goals")).json()[0]["reached_at"] is None


async def test_a_dissolved_groups_goal_takes_no_mark(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    group = await create_group(client)
    goal_id = await _goal(client, group["id"])
    await client.post(f"/v1/groups/{group['id']}/transitions", json={"to": "dissolved"})
    r = await client.post(f"/v1/groups/{group['id']}/goals/{goal_id}/reached")
    assert r.status_code == 409
    assert "dissolved" in r.json()["detail"]
    events = select(func.count()).where(OutboxEvent.event_type == "goal.reached")
    assert await db_session.scalar(events) == 0


async def test_concurrent_marks_of_one_goal_make_one_mark_and_one_event(
    race_client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    group = await create_group(race_client)
    goal_id = await _goal(race_client, group["id"])
    path = f"/v1/groups/{group['id']}/goals/{goal_id}/reached"
    answers = await asyncio.gather(*(race_client.post(path) for _ in range(8)))
    assert sorted(r.status_code for r in answers) == [200] + [409] * 7
    async with AsyncSession(engine) as session:
        events = await session.scalar(
            select(func.count()).where(
                OutboxEvent.workspace_id == RACE_WORKSPACE,
                OutboxEvent.event_type == "goal.reached",
            )
        )
    assert events == 1
