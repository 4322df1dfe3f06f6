"""Every date community-svc takes (goal due dates, task and member windows, join times; SOP run
dates are in sop/test_runs.py), at year 1 and year 9999 (with +14:00/-12:00 offsets): a 422
naming the field, never a 500, and nothing stored."""

from __future__ import annotations

import httpx
import pytest

from servicekit.testing.dates import EDGE_DAYS, EDGE_INSTANTS, assert_refused_naming

from .helpers import create_group


@pytest.mark.parametrize("edge", EDGE_DAYS)
async def test_goal_due_date_at_the_edges_of_time_is_422(
    client: httpx.AsyncClient, edge: str
) -> None:
    group = await create_group(client)
    goal = {"horizon": "short_term", "metric": "members", "target": 500, "due_date": edge}
    r = await client.post(f"/v1/groups/{group['id']}/goals", json=goal)
    assert_refused_naming(r, "due_date")
    assert (await client.get(f"/v1/groups/{group['id']}")).json()["goals"] == []


@pytest.mark.parametrize("edge", EDGE_INSTANTS)
async def test_task_and_member_windows_at_the_edges_of_time_are_422(
    client: httpx.AsyncClient, edge: str
) -> None:
    for field in ("due_before", "due_after"):
        assert_refused_naming(await client.get("/v1/tasks", params={field: edge}), field)
    group = await create_group(client)
    for field in ("joined_from", "joined_to"):
        r = await client.get(f"/v1/groups/{group['id']}/members", params={field: edge})
        assert_refused_naming(r, field)


async def test_imported_join_times_at_the_edges_of_time_are_rejected_by_line(
    client: httpx.AsyncClient,
) -> None:
    group = await create_group(client)
    rows = [{"external_id": f"edge-{i}", "joined_at": at} for i, at in enumerate(EDGE_INSTANTS)]
    r = await client.post(f"/v1/groups/{group['id']}/members/import", json=rows)
    assert r.status_code == 200, r.text
    assert r.json()["imported"] == 0
    assert [x["line"] for x in r.json()["rejected"]] == [1, 2, 3, 4]
    assert all("joined_at" in x["errors"][0] for x in r.json()["rejected"])
