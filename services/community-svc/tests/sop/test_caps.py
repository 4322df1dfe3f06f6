"""What one request may make: live SOP runs per group and steps per template are capped, so one
member's join writes at most 10 x 100 tasks."""

import asyncio

import httpx

from community_svc.sop.schemas import MAX_STEPS_PER_TEMPLATE
from community_svc.sop.service import MAX_LIVE_RUNS_PER_GROUP
from tests.helpers import PROBLEM_JSON, create_group, create_template, list_all, start_run, step


async def _start(client: httpx.AsyncClient, template_id: str, group_id: str) -> httpx.Response:
    return await client.post(
        "/v1/sop-runs",
        json={"template_id": template_id, "group_id": group_id, "anchor_date": "2026-12-01"},
    )


async def test_a_run_beyond_the_groups_live_run_cap_is_409_and_makes_no_tasks(
    client: httpx.AsyncClient,
) -> None:
    group = await create_group(client)
    template = await create_template(client, [step("欢迎", "custom", 0, "09:00")])
    for _ in range(MAX_LIVE_RUNS_PER_GROUP):
        await start_run(client, template["id"], group["id"], "2026-12-01")

    r = await _start(client, template["id"], group["id"])

    assert r.status_code == 409, r.text
    assert r.headers["content-type"] == PROBLEM_JSON
    assert f"{MAX_LIVE_RUNS_PER_GROUP} active or paused SOP runs" in r.json()["detail"]
    runs = await list_all(client, "/v1/sop-runs", group_id=group["id"])
    assert len(runs) == MAX_LIVE_RUNS_PER_GROUP
    tasks = await list_all(client, "/v1/tasks", group_id=group["id"])
    assert len(tasks) == MAX_LIVE_RUNS_PER_GROUP


async def test_stopping_a_run_makes_room_for_another(client: httpx.AsyncClient) -> None:
    group = await create_group(client)
    template = await create_template(client, [step("欢迎", "custom", 0, "09:00")])
    runs = [
        await start_run(client, template["id"], group["id"], "2026-12-01")
        for _ in range(MAX_LIVE_RUNS_PER_GROUP)
    ]
    paused = await client.post(f"/v1/sop-runs/{runs[0]['id']}/pause")
    assert paused.status_code == 200, paused.text
    assert (await _start(client, template["id"], group["id"])).status_code == 409

    stopped = await client.post(f"/v1/sop-runs/{runs[0]['id']}/stop")
    assert stopped.status_code == 200, stopped.text
    assert (await _start(client, template["id"], group["id"])).status_code == 201


async def test_a_template_with_more_steps_than_the_cap_is_422_naming_steps(
    client: httpx.AsyncClient,
) -> None:
    steps = [step(f"s{i}", "member_joined", 0, "09:00") for i in range(MAX_STEPS_PER_TEMPLATE + 1)]
    r = await client.post("/v1/sop-templates", json={"name": "太长", "steps": steps})
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["loc"] == ["body", "steps"]
    assert (await client.get("/v1/sop-templates")).json()["items"] == []

    at_cap = await client.post("/v1/sop-templates", json={"name": "刚好", "steps": steps[:-1]})
    assert at_cap.status_code == 201, at_cap.text


async def test_racing_starts_never_pass_the_live_run_cap(race_client: httpx.AsyncClient) -> None:
    group = await create_group(race_client)
    template = await create_template(race_client, [step("欢迎", "custom", 0, "09:00")])
    for _ in range(MAX_LIVE_RUNS_PER_GROUP - 2):
        await start_run(race_client, template["id"], group["id"], "2026-12-01")

    answers = await asyncio.gather(
        *(_start(race_client, template["id"], group["id"]) for _ in range(8))
    )

    assert sorted(r.status_code for r in answers) == [201, 201] + [409] * 6
    runs = await list_all(race_client, "/v1/sop-runs", group_id=group["id"])
    assert len(runs) == MAX_LIVE_RUNS_PER_GROUP
