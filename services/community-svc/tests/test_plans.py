"""The reads whose work grows with the group they are about are planned with their parameters'
values, whatever plan PostgreSQL would keep for the connection (one group may hold most of the
members and tasks: servicekit.db.plan_with_values)."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from servicekit.testing.plans import assert_planned_with_values
from tests.helpers import create_group, create_template, join, start_run, step

# Each read's path and fragments of its statement's text
READS = {
    "a group's tasks": ("/v1/tasks?group_id={group}", ("FROM task", "task.group_id")),
    "a group's members": ("/v1/groups/{group}/members", ("FROM member", "member.group_id")),
}


@pytest.mark.parametrize("read", READS)
async def test_the_read_is_planned_with_its_values(
    client: httpx.AsyncClient, db_session: AsyncSession, read: str
) -> None:
    group = await create_group(client, timezone="UTC")
    template = await create_template(client, [step("a", "custom", 0, "09:00")])
    await start_run(client, template["id"], group["id"], "2026-12-01")
    await join(client, group["id"], "m-1")
    path, fragments = READS[read]

    async def get() -> None:
        r = await client.get(path.format(group=group["id"]))
        assert r.status_code == 200, r.text
        assert r.json()["items"]

    await assert_planned_with_values(db_session, get, *fragments)
