"""The shared service contract (servicekit.testing.contract), checked for community-svc."""

from collections.abc import Mapping
from typing import Any, ClassVar

import httpx

from servicekit.testing.contract import ServiceContract
from servicekit.testing.tenancy import Probe
from tests.helpers import create_group, create_template, join, list_all, start_run, step

GOAL = {"horizon": "short_term", "metric": "m", "target": 1, "due_date": "2027-01-01"}


class TestCommunityContract(ServiceContract):
    guarded_path = "/v1/groups"
    routes_taking_ids = 29
    shared_path_values: ClassVar[Mapping[str, str]] = {"number": "1"}  # a template's first version
    probe_bodies: ClassVar[Mapping[str, Any]] = {
        "PATCH /v1/groups/{group_id}": {"name": "x"},
        "POST /v1/groups/{group_id}/transitions": {"to": "building"},
        "POST /v1/groups/{group_id}/goals": GOAL,
        "POST /v1/groups/{group_id}/members": {"external_id": "intruder"},
        "POST /v1/groups/{group_id}/members/import": [{"external_id": "intruder"}],
        "POST /v1/groups/{group_id}/messages": {
            "external_id": "a-member",
            "sent_at": "2026-12-01T09:00:00Z",
        },
        "PATCH /v1/members/{member_id}": {"role": "kol"},
        "PATCH /v1/sop-templates/{template_id}": {"name": "x"},
        "POST /v1/tasks/{task_id}/complete": {"note": "x"},
        "POST /v1/tasks/{task_id}/skip": {"reason": "x"},
        "POST /v1/tasks/{task_id}/reassign": {"assignee": "x"},
    }

    async def workspace_ids(self, client: httpx.AsyncClient) -> dict[str, str]:
        group = await create_group(client)
        goal = await client.post(f"/v1/groups/{group['id']}/goals", json=GOAL)
        member = (await join(client, group["id"], "a-member")).json()
        template = await create_template(client, [step("a", "custom", 0, "09:00")])
        run = await start_run(client, template["id"], group["id"], "2026-12-01")
        task = (await list_all(client, "/v1/tasks", run_id=run["id"]))[0]
        job = await client.post(
            f"/v1/groups/{group['id']}/member-imports",
            content="external_id\nwx_1\n",
            headers={"Content-Type": "text/csv"},
        )
        assert job.status_code == 202, job.text
        return {
            "job_id": job.json()["id"].removeprefix("community-"),
            "group_id": group["id"],
            "goal_id": goal.json()["id"],
            "member_id": member["id"],
            "template_id": template["id"],
            "run_id": run["id"],
            "task_id": task["id"],
        }

    async def more_tenancy_probes(
        self, theirs: Mapping[str, str], own: Mapping[str, str]
    ) -> list[Probe]:
        def run(template: Mapping[str, str], group: Mapping[str, str]) -> Probe:
            body = {
                "template_id": template["template_id"],
                "group_id": group["group_id"],
                "anchor_date": "2026-12-01",
            }
            return Probe("POST", "/v1/sop-runs", body)

        return [
            run(theirs, theirs),
            run(own, theirs),
            run(theirs, own),
            Probe("GET", "/v1/sop-runs", params={"group_id": theirs["group_id"]}),
            Probe("GET", "/v1/tasks", params={"group_id": theirs["group_id"]}),
        ]

    async def owner_view(self, client: httpx.AsyncClient, theirs: Mapping[str, str]) -> Any:
        group, template, run = theirs["group_id"], theirs["template_id"], theirs["run_id"]
        return [
            (await client.get(f"/v1/groups/{group}")).json(),
            await list_all(client, f"/v1/groups/{group}/members", status="all"),
            (await client.get(f"/v1/sop-templates/{template}/versions")).json(),
            (await client.get(f"/v1/sop-runs/{run}")).json(),
            await list_all(client, "/v1/tasks", group_id=group),
        ]
