from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from community_svc.models import OutboxEvent
from tests.helpers import create_group, create_template, list_all, start_run, step


async def seeded_tasks(
    client: httpx.AsyncClient, anchor: str = "2026-12-01"
) -> list[dict[str, Any]]:
    group = await create_group(client, timezone="UTC")
    template = await create_template(
        client,
        [
            step("a", "custom", 0, "09:00"),
            step("b", "custom", 1, "09:00"),
            step("c", "custom", 2, "09:00", owner_role="assistant"),
        ],
    )
    run = await start_run(client, template["id"], group["id"], anchor)
    return await list_all(client, "/v1/tasks", run_id=run["id"])


async def test_complete_records_the_note_and_a_task_completed_event(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    task = (await seeded_tasks(client))[0]
    r = await client.post(f"/v1/tasks/{task['id']}/complete", json={"note": "已发欢迎语"})
    assert r.status_code == 200, r.text
    done = r.json()
    assert (done["status"], done["note"], done["closed_by"]) == ("done", "已发欢迎语", "user-1")
    assert done["overdue"] is False
    payloads = (
        (
            await db_session.execute(
                select(OutboxEvent.payload).where(OutboxEvent.event_type == "task.completed")
            )
        )
        .scalars()
        .all()
    )
    assert [p["task_id"] for p in payloads] == [task["id"]]


async def test_completing_twice_is_409_and_keeps_the_first_note(client: httpx.AsyncClient) -> None:
    task = (await seeded_tasks(client))[0]
    await client.post(f"/v1/tasks/{task['id']}/complete", json={"note": "first"})
    r = await client.post(f"/v1/tasks/{task['id']}/complete", json={"note": "second"})
    assert r.status_code == 409
    assert "done" in r.json()["detail"]
    assert (await client.get(f"/v1/tasks/{task['id']}")).json()["note"] == "first"


async def test_skip_needs_a_reason(client: httpx.AsyncClient) -> None:
    task = (await seeded_tasks(client))[0]
    missing = await client.post(f"/v1/tasks/{task['id']}/skip", json={})
    assert missing.status_code == 422
    r = await client.post(f"/v1/tasks/{task['id']}/skip", json={"reason": "直播改期"})
    assert (r.json()["status"], r.json()["skip_reason"]) == ("skipped", "直播改期")


async def test_reassign_changes_the_assignee_of_an_open_task_only(
    client: httpx.AsyncClient,
) -> None:
    tasks = await seeded_tasks(client)
    r = await client.post(f"/v1/tasks/{tasks[0]['id']}/reassign", json={"assignee": "op-9"})
    assert r.json()["assignee"] == "op-9"
    mine = await list_all(client, "/v1/tasks", assignee="op-9")
    assert [t["id"] for t in mine] == [tasks[0]["id"]]
    await client.post(f"/v1/tasks/{tasks[1]['id']}/skip", json={"reason": "x"})
    closed = await client.post(f"/v1/tasks/{tasks[1]['id']}/reassign", json={"assignee": "op-9"})
    assert closed.status_code == 409


async def test_todo_list_is_ordered_by_due_time_and_pages_with_a_cursor(
    client: httpx.AsyncClient,
) -> None:
    later = await seeded_tasks(client, "2026-12-10")
    earlier = await seeded_tasks(client, "2026-12-01")
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = (await client.get("/v1/tasks", params=params)).json()
        seen += [t["id"] for t in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [t["id"] for t in earlier + later]


async def test_filters_by_assignee_status_due_before_and_group(client: httpx.AsyncClient) -> None:
    tasks = await seeded_tasks(client)
    await seeded_tasks(client)  # another group's tasks, same workspace
    group_id = tasks[0]["group_id"]
    await client.post(f"/v1/tasks/{tasks[0]['id']}/complete")
    pending = await list_all(client, "/v1/tasks", group_id=group_id, status="pending")
    assert [t["id"] for t in pending] == [tasks[1]["id"], tasks[2]["id"]]
    before = await list_all(
        client, "/v1/tasks", group_id=group_id, due_before="2026-12-02T09:00:00Z"
    )
    assert [t["id"] for t in before] == [tasks[0]["id"]]
    assistants = await list_all(client, "/v1/tasks", group_id=group_id, assignee="op-assistant-1")
    assert [t["id"] for t in assistants] == [tasks[2]["id"]]


async def test_overdue_is_computed_and_filterable(client: httpx.AsyncClient) -> None:
    yesterday = (datetime.now(UTC) - timedelta(days=1)).date().isoformat()
    tasks = await seeded_tasks(client, yesterday)  # day 0 is past, day 2 is in the future
    assert [t["overdue"] for t in tasks] == [True, (datetime.now(UTC).hour >= 9), False]
    overdue = await list_all(client, "/v1/tasks", overdue="true", group_id=tasks[0]["group_id"])
    assert tasks[0]["id"] in [t["id"] for t in overdue]
    assert tasks[2]["id"] not in [t["id"] for t in overdue]
    await client.post(f"/v1/tasks/{tasks[0]['id']}/complete")
    overdue = await list_all(client, "/v1/tasks", overdue="true", group_id=tasks[0]["group_id"])
    assert tasks[0]["id"] not in [t["id"] for t in overdue]


async def test_due_before_without_offset_is_422(client: httpx.AsyncClient) -> None:
    r = await client.get("/v1/tasks", params={"due_before": "2026-12-01T00:00:00"})
    assert r.status_code == 422
