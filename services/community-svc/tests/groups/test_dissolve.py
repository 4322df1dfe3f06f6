import asyncio
import uuid

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from community_svc.models import OutboxEvent
from community_svc.sop.repository import SopRunRepository
from community_svc.sop.service import change_run
from community_svc.sop.vocabulary import RunAction
from servicekit.unitofwork import UnitOfWork
from tests.conftest import RACE_WORKSPACE
from tests.helpers import create_group, create_template, join, list_all, start_run, step


async def test_dissolve_cancels_open_tasks_and_runs_keeps_members_and_refuses_joins(
    client: httpx.AsyncClient,
) -> None:
    group = await create_group(client)
    gid = group["id"]
    template = await create_template(
        client,
        [
            step("a", "custom", 0, "09:00"),
            step("b", "custom", 1, "09:00"),
            step("欢迎", "member_joined", 0, "21:00"),
        ],
    )
    run = await start_run(client, template["id"], gid, "2026-12-01")
    members = [(await join(client, gid, f"m{i}")).json() for i in range(3)]
    tasks = await list_all(client, "/v1/tasks", group_id=gid)
    assert len(tasks) == 5
    await client.post(f"/v1/tasks/{tasks[0]['id']}/complete", json={"note": "ok"})

    r = await client.post(f"/v1/groups/{gid}/transitions", json={"to": "dissolved"})
    assert r.status_code == 200, r.text
    assert r.json()["stage"] == "dissolved"
    assert r.json()["dissolved_at"] is not None

    after = {t["id"]: t["status"] for t in await list_all(client, "/v1/tasks", group_id=gid)}
    assert after[tasks[0]["id"]] == "done"
    assert sorted(after.values()) == ["cancelled"] * 4 + ["done"]
    assert (await client.get(f"/v1/sop-runs/{run['id']}")).json()["status"] == "cancelled"

    listed = await list_all(client, f"/v1/groups/{gid}/members")
    assert [m["id"] for m in listed] == [m["id"] for m in members]

    refused = await join(client, gid, "late")
    assert refused.status_code == 409
    assert "dissolved" in refused.json()["detail"]
    imported = await client.post(f"/v1/groups/{gid}/members/import", json=[{"external_id": "late"}])
    assert imported.status_code == 409
    new_run = await client.post(
        "/v1/sop-runs",
        json={"template_id": template["id"], "group_id": gid, "anchor_date": "2026-12-01"},
    )
    assert new_run.status_code == 409
    assert (await client.get(f"/v1/groups/{gid}")).json()["member_count"] == 3


async def test_joins_racing_a_dissolve_leave_no_open_task_and_a_true_count(
    race_client: httpx.AsyncClient,
) -> None:
    group = await create_group(race_client, capacity=100)
    gid = group["id"]
    template = await create_template(race_client, [step("欢迎", "member_joined", 0, "21:00")])
    await start_run(race_client, template["id"], gid, "2026-12-01")

    async def dissolve() -> httpx.Response:
        await asyncio.sleep(0.05)  # let some joins in first
        return await race_client.post(f"/v1/groups/{gid}/transitions", json={"to": "dissolved"})

    answers = await asyncio.gather(
        *(join(race_client, gid, f"racer-{i}") for i in range(20)), dissolve()
    )
    *joins, dissolved = answers
    assert dissolved.status_code == 200
    admitted = [r for r in joins if r.status_code == 201]
    assert all(r.status_code in (201, 409) for r in joins)
    members = await list_all(race_client, f"/v1/groups/{gid}/members")
    assert len(members) == len(admitted)
    assert (await race_client.get(f"/v1/groups/{gid}")).json()["member_count"] == len(admitted)
    tasks = await list_all(race_client, "/v1/tasks", group_id=gid)
    assert len(tasks) == len(admitted)
    assert {t["status"] for t in tasks} <= {"cancelled"}


async def test_dissolve_waiting_on_a_stop_in_progress_does_not_deadlock(
    race_client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    # The stop holds its run's lock and is about to cancel the run's tasks when the dissolve
    # starts. Dissolve must queue behind the run, not take the tasks first (which deadlocked).
    group = await create_group(race_client)
    gid = group["id"]
    template = await create_template(
        race_client, [step("a", "custom", 0, "09:00"), step("b", "custom", 1, "09:00")]
    )
    run = await start_run(race_client, template["id"], gid, "2026-12-01")
    async with AsyncSession(engine) as session:
        async with session.begin():
            uow = UnitOfWork(session, RACE_WORKSPACE, OutboxEvent)
            locked = await uow.repo(SopRunRepository).lock(uuid.UUID(run["id"]))
            assert locked is not None
            dissolving = asyncio.create_task(
                race_client.post(f"/v1/groups/{gid}/transitions", json={"to": "dissolved"})
            )
            await asyncio.wait({dissolving}, timeout=0.5)  # the dissolve gets as far as it can
            await change_run(uow, locked, RunAction.STOP, None)
        dissolved = await dissolving
    assert dissolved.status_code == 200, dissolved.text
    assert (await race_client.get(f"/v1/sop-runs/{run['id']}")).json()["status"] == "stopped"
    tasks = await list_all(race_client, "/v1/tasks", group_id=gid)
    assert len(tasks) == 2
    assert {t["status"] for t in tasks} == {"cancelled"}
