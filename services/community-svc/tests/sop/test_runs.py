import asyncio
import uuid
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from community_svc.models import OutboxEvent
from community_svc.sop.repository import SopRunRepository
from community_svc.sop.service import change_run
from community_svc.sop.vocabulary import RunAction
from community_svc.tasks.models import Task
from servicekit.unitofwork import UnitOfWork
from tests.conftest import RACE_WORKSPACE
from tests.helpers import create_group, create_template, join, list_all, start_run, step

# Chinese punctuation on purpose: scripts are stored and returned exactly.
WELCOME = "大家好，欢迎加入！"  # noqa: RUF001

LAUNCH_STEPS = [
    step(
        "开群欢迎",
        "custom",
        0,
        "09:00",
        script=WELCOME,
        owner_role="leader",
        contingency_plan="冷场时由助理抛出话题",
    ),
    step("晚间直播", "custom", 1, "20:00", action="live", owner_role="assistant"),
    step("首周复盘", "custom", 7, "10:00", action="data_review", owner_role="leader"),
]


async def run_tasks(client: httpx.AsyncClient, run_id: str) -> list[dict[str, Any]]:
    return await list_all(client, "/v1/tasks", run_id=run_id)


async def test_steps_become_tasks_at_the_right_utc_instants_in_asia_shanghai(
    client: httpx.AsyncClient,
) -> None:
    group = await create_group(client, timezone="Asia/Shanghai")
    template = await create_template(client, LAUNCH_STEPS)
    run = await start_run(client, template["id"], group["id"], "2026-12-01")
    assert run["template_version"] == 1
    assert run["status"] == "active"

    tasks = await run_tasks(client, run["id"])
    # Shanghai is UTC+8 all year: 09:00 local = 01:00Z; 20:00 local on day 1 = 12:00Z.
    assert [(t["title"], t["due_at"]) for t in tasks] == [
        ("开群欢迎", "2026-12-01T01:00:00Z"),
        ("晚间直播", "2026-12-02T12:00:00Z"),
        ("首周复盘", "2026-12-08T02:00:00Z"),
    ]
    first = tasks[0]
    assert first["assignee"] == "op-leader"
    assert first["script"] == WELCOME
    assert first["contingency_plan"] == "冷场时由助理抛出话题"
    assert first["status"] == "pending"
    assert tasks[1]["assignee"] in {"op-assistant-1", "op-assistant-2"}
    assert tasks[1]["action"] == "live"


async def test_day_offsets_cross_a_dst_change_in_the_groups_zone(
    client: httpx.AsyncClient,
) -> None:
    # New York leaves DST on 2026-11-01: 09:00 local is 13:00Z before and 14:00Z after.
    group = await create_group(client, timezone="America/New_York")
    template = await create_template(
        client, [step("a", "custom", 0, "09:00"), step("b", "custom", 7, "09:00")]
    )
    run = await start_run(client, template["id"], group["id"], "2026-10-28")
    assert [t["due_at"] for t in await run_tasks(client, run["id"])] == [
        "2026-10-28T13:00:00Z",
        "2026-11-04T14:00:00Z",
    ]


async def test_campaign_and_group_created_anchors(client: httpx.AsyncClient) -> None:
    group = await create_group(client, timezone="UTC")
    template = await create_template(
        client,
        [
            step("活动预热", "campaign_start", -1, "12:00"),
            step("建群第二天", "group_created", 1, "08:00"),
        ],
    )
    missing = await client.post(
        "/v1/sop-runs",
        json={"template_id": template["id"], "group_id": group["id"], "anchor_date": "2026-12-01"},
    )
    assert missing.status_code == 422
    assert "campaign_start_date" in missing.json()["detail"]

    run = await start_run(
        client, template["id"], group["id"], "2026-12-01", campaign_start_date="2026-12-11"
    )
    created_day = group["created_at"][:10]
    tasks = {t["title"]: t["due_at"] for t in await run_tasks(client, run["id"])}
    assert tasks["活动预热"] == "2026-12-10T12:00:00Z"
    assert tasks["建群第二天"][:10] > created_day
    assert tasks["建群第二天"].endswith("T08:00:00Z")


async def test_member_anchored_step_creates_one_task_per_member_joining_during_the_run(
    client: httpx.AsyncClient,
) -> None:
    group = await create_group(client, timezone="Asia/Shanghai")
    gid = group["id"]
    before = (await join(client, gid, "early-bird")).json()
    template = await create_template(
        client,
        [
            step("开群", "custom", 0, "09:00"),
            step(
                "欢迎新人",
                "member_joined",
                0,
                "21:00",
                owner_role="assistant",
                script="欢迎 {name}",
            ),
            step("新人回访", "member_joined", 3, "10:00", owner_role="leader"),
        ],
    )
    run = await start_run(client, template["id"], gid, "2026-12-01")
    assert len(await run_tasks(client, run["id"])) == 1  # only the custom step so far

    joined = [(await join(client, gid, f"newcomer-{i}")).json() for i in range(2)]
    tasks = await run_tasks(client, run["id"])
    welcome = [t for t in tasks if t["title"] == "欢迎新人"]
    assert sorted(t["member_id"] for t in welcome) == sorted(m["id"] for m in joined)
    assert len([t for t in tasks if t["title"] == "新人回访"]) == 2
    assert all(t["member_id"] != before["id"] for t in tasks)
    # Dated from the join, in the group's zone: 21:00 in Shanghai is 13:00Z that same local day.
    assert all(t["due_at"].endswith("T13:00:00Z") for t in welcome)
    assert {t["assignee"] for t in welcome} <= {"op-assistant-1", "op-assistant-2"}


async def test_paused_run_creates_no_member_tasks_until_resumed(client: httpx.AsyncClient) -> None:
    group = await create_group(client)
    template = await create_template(client, [step("欢迎", "member_joined", 0, "21:00")])
    run = await start_run(client, template["id"], group["id"], "2026-12-01")
    paused = await client.post(f"/v1/sop-runs/{run['id']}/pause")
    assert paused.json()["status"] == "paused"
    await join(client, group["id"], "during-pause")
    assert await run_tasks(client, run["id"]) == []
    resumed = await client.post(f"/v1/sop-runs/{run['id']}/resume")
    assert resumed.json()["status"] == "active"
    await join(client, group["id"], "after-resume")
    assert len(await run_tasks(client, run["id"])) == 1


async def test_stop_cancels_open_tasks_and_is_final(client: httpx.AsyncClient) -> None:
    group = await create_group(client)
    template = await create_template(client, LAUNCH_STEPS)
    run = await start_run(client, template["id"], group["id"], "2026-12-01")
    tasks = await run_tasks(client, run["id"])
    await client.post(f"/v1/tasks/{tasks[0]['id']}/complete", json={"note": "done"})
    stopped = await client.post(f"/v1/sop-runs/{run['id']}/stop")
    assert stopped.json()["status"] == "stopped"
    statuses = [t["status"] for t in await run_tasks(client, run["id"])]
    assert statuses == ["done", "cancelled", "cancelled"]
    again = await client.post(f"/v1/sop-runs/{run['id']}/resume")
    assert again.status_code == 409
    assert again.json()["allowed"] == []


async def test_pausing_a_paused_run_is_409_naming_the_allowed_actions(
    client: httpx.AsyncClient,
) -> None:
    group = await create_group(client)
    template = await create_template(client, LAUNCH_STEPS)
    run = await start_run(client, template["id"], group["id"], "2026-12-01")
    await client.post(f"/v1/sop-runs/{run['id']}/pause")
    r = await client.post(f"/v1/sop-runs/{run['id']}/pause")
    assert r.status_code == 409
    assert r.json()["allowed"] == ["resume", "stop"]


async def test_editing_the_template_leaves_a_started_runs_tasks_unchanged(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    group = await create_group(client)
    template = await create_template(
        client, [*LAUNCH_STEPS, step("欢迎", "member_joined", 0, "21:00", script="v1 欢迎")]
    )
    run = await start_run(client, template["id"], group["id"], "2026-12-01")
    before = await run_tasks(client, run["id"])

    edited = await client.patch(
        f"/v1/sop-templates/{template['id']}",
        json={
            "steps": [
                step("全新步骤", "custom", 2, "08:00"),
                step("欢迎", "member_joined", 1, "10:00", script="v2 欢迎"),
            ]
        },
        headers={"If-Match": '"1"'},
    )
    assert edited.status_code == 200, edited.text
    assert edited.json()["current_version"] == 2
    assert edited.headers["etag"] == '"2"'

    assert await run_tasks(client, run["id"]) == before
    # The run still materialises its own version's member step, not the edited one.
    await join(client, group["id"], "later")
    welcome = [t for t in await run_tasks(client, run["id"]) if t["member_id"]]
    assert [t["script"] for t in welcome] == ["v1 欢迎"]
    assert (await client.get(f"/v1/sop-runs/{run['id']}")).json()["template_version"] == 1

    versions = (await client.get(f"/v1/sop-templates/{template['id']}/versions")).json()
    assert [v["number"] for v in versions] == [1, 2]
    assert versions[0]["steps"][0]["title"] == "开群欢迎"
    v1 = await client.get(f"/v1/sop-templates/{template['id']}/versions/1")
    assert len(v1.json()["steps"]) == 4

    new_run = await start_run(client, template["id"], group["id"], "2026-12-01")
    assert new_run["template_version"] == 2
    assert [t["title"] for t in await run_tasks(client, new_run["id"])] == ["全新步骤"]
    total = await db_session.scalar(select(func.count()).select_from(Task))
    assert total == len(before) + 1 + 1


async def test_template_edit_with_stale_if_match_is_412_and_makes_no_version(
    client: httpx.AsyncClient,
) -> None:
    template = await create_template(client, LAUNCH_STEPS)
    await client.patch(f"/v1/sop-templates/{template['id']}", json={"name": "v2"})
    r = await client.patch(
        f"/v1/sop-templates/{template['id']}", json={"name": "v3"}, headers={"If-Match": '"1"'}
    )
    assert r.status_code == 412
    versions = (await client.get(f"/v1/sop-templates/{template['id']}/versions")).json()
    assert len(versions) == 2


async def test_step_with_unknown_action_or_anchor_is_422(client: httpx.AsyncClient) -> None:
    bad = step("x", "someday", 0, "09:00", action="dance")
    r = await client.post("/v1/sop-templates", json={"name": "t", "steps": [bad]})
    assert r.status_code == 422
    locs = {tuple(e["loc"][-1:]) for e in r.json()["errors"]}
    assert {("anchor",), ("action",)} <= locs


async def test_run_of_an_unknown_version_is_404(client: httpx.AsyncClient) -> None:
    group = await create_group(client)
    template = await create_template(client, LAUNCH_STEPS)
    r = await client.post(
        "/v1/sop-runs",
        json={
            "template_id": template["id"],
            "group_id": group["id"],
            "anchor_date": "2026-12-01",
            "template_version": 9,
        },
    )
    assert r.status_code == 404
    assert "versions run from 1 to 1" in r.json()["detail"]


async def test_seed_steps_go_to_seed_members_and_unheld_roles_stay_unassigned(
    client: httpx.AsyncClient,
) -> None:
    group = await create_group(client, leader_id=None, assistant_ids=[])
    await join(client, group["id"], "seed-1", role="seed")
    template = await create_template(
        client,
        [
            step("种子发言", "custom", 0, "09:00", owner_role="seed"),
            step("KOL 分享", "custom", 0, "10:00", owner_role="kol"),
        ],
    )
    run = await start_run(client, template["id"], group["id"], "2026-12-01")
    tasks = await run_tasks(client, run["id"])
    assert [(t["owner_role"], t["assignee"]) for t in tasks] == [("seed", "seed-1"), ("kol", None)]


async def test_leaving_cancels_the_open_tasks_about_that_member_only(
    client: httpx.AsyncClient,
) -> None:
    group = await create_group(client)
    template = await create_template(
        client, [step("开群", "custom", 0, "09:00"), step("欢迎", "member_joined", 0, "21:00")]
    )
    run = await start_run(client, template["id"], group["id"], "2026-12-01")
    leaver = (await join(client, group["id"], "leaver")).json()
    await join(client, group["id"], "stayer")
    await client.post(f"/v1/members/{leaver['id']}/leave")
    by_member = {
        (t["member_id"], t["status"]) for t in await run_tasks(client, run["id"]) if t["member_id"]
    }
    stayer_id = next(m for m, _ in by_member if m != leaver["id"])
    assert by_member == {(leaver["id"], "cancelled"), (stayer_id, "pending")}
    statuses = [t["status"] for t in await run_tasks(client, run["id"]) if not t["member_id"]]
    assert statuses == ["pending"]


async def test_run_dates_outside_1970_to_2200_are_422_naming_the_field(
    client: httpx.AsyncClient,
) -> None:
    group = await create_group(client)
    template = await create_template(client, LAUNCH_STEPS)
    base = {"template_id": template["id"], "group_id": group["id"]}
    for body, field in [
        ({"anchor_date": "9999-12-31"}, "anchor_date"),
        ({"anchor_date": "0001-01-01"}, "anchor_date"),
        ({"anchor_date": "2026-12-01", "campaign_start_date": "9999-12-31"}, "campaign_start_date"),
    ]:
        r = await client.post("/v1/sop-runs", json={**base, **body})
        assert r.status_code == 422, r.text
        assert field in r.text
    assert await list_all(client, "/v1/sop-runs", group_id=group["id"]) == []


async def test_join_during_an_uncommitted_stop_leaves_no_pending_task_on_the_stopped_run(
    race_client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    # Deterministic interleaving: the stop has locked its run and cancelled its tasks but not
    # committed when the member joins. The join must wait for it and then see the run stopped.
    group = await create_group(race_client)
    template = await create_template(race_client, [step("欢迎", "member_joined", 0, "21:00")])
    run = await start_run(race_client, template["id"], group["id"], "2026-12-01")
    async with AsyncSession(engine, expire_on_commit=False) as session:
        async with session.begin():
            uow = UnitOfWork(session, RACE_WORKSPACE, OutboxEvent)
            locked = await uow.repo(SopRunRepository).lock(uuid.UUID(run["id"]))
            assert locked is not None
            await change_run(uow, locked, RunAction.STOP, None)
            joining = asyncio.create_task(join(race_client, group["id"], "during-stop"))
            await asyncio.wait({joining}, timeout=0.5)  # the join gets as far as it can
        joined = await joining
    assert joined.status_code == 201, joined.text
    assert (await race_client.get(f"/v1/sop-runs/{run['id']}")).json()["status"] == "stopped"
    tasks = await run_tasks(race_client, run["id"])
    assert [t for t in tasks if t["status"] not in ("cancelled", "done", "skipped")] == []
