"""Another workspace's ids are a 404 on every route, and nothing of theirs changes."""

from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from servicekit.testing import ServiceUnderTest
from servicekit.testing.headers import WORKSPACE_B
from tests.helpers import (
    PROBLEM_JSON,
    create_group,
    create_template,
    join,
    list_all,
    start_run,
    step,
)


@dataclass(frozen=True)
class Ids:
    group: str
    goal: str
    member: str
    template: str
    run: str
    task: str


# (method, path template, json body or None, query params, route template it exercises)
CASES: list[tuple[str, str, Any, dict[str, str], str]] = [
    ("GET", "/v1/groups/{group}", None, {}, "/v1/groups/{group_id}"),
    ("PATCH", "/v1/groups/{group}", {"name": "x"}, {}, "/v1/groups/{group_id}"),
    (
        "POST",
        "/v1/groups/{group}/transitions",
        {"to": "building"},
        {},
        "/v1/groups/{group_id}/transitions",
    ),
    (
        "POST",
        "/v1/groups/{group}/goals",
        {"horizon": "short_term", "metric": "m", "target": 1, "due_date": "2027-01-01"},
        {},
        "/v1/groups/{group_id}/goals",
    ),
    ("GET", "/v1/groups/{group}/goals", None, {}, "/v1/groups/{group_id}/goals"),
    (
        "DELETE",
        "/v1/groups/{group}/goals/{goal}",
        None,
        {},
        "/v1/groups/{group_id}/goals/{goal_id}",
    ),
    (
        "POST",
        "/v1/groups/{group}/members",
        {"external_id": "intruder"},
        {},
        "/v1/groups/{group_id}/members",
    ),
    ("GET", "/v1/groups/{group}/members", None, {}, "/v1/groups/{group_id}/members"),
    (
        "POST",
        "/v1/groups/{group}/members/import",
        [{"external_id": "intruder"}],
        {},
        "/v1/groups/{group_id}/members/import",
    ),
    ("GET", "/v1/members/{member}", None, {}, "/v1/members/{member_id}"),
    ("PATCH", "/v1/members/{member}", {"role": "kol"}, {}, "/v1/members/{member_id}"),
    ("POST", "/v1/members/{member}/leave", None, {}, "/v1/members/{member_id}/leave"),
    ("GET", "/v1/sop-templates/{template}", None, {}, "/v1/sop-templates/{template_id}"),
    ("PATCH", "/v1/sop-templates/{template}", {"name": "x"}, {}, "/v1/sop-templates/{template_id}"),
    (
        "GET",
        "/v1/sop-templates/{template}/versions",
        None,
        {},
        "/v1/sop-templates/{template_id}/versions",
    ),
    (
        "GET",
        "/v1/sop-templates/{template}/versions/1",
        None,
        {},
        "/v1/sop-templates/{template_id}/versions/{number}",
    ),
    (
        "POST",
        "/v1/sop-runs",
        {"template_id": "{template}", "group_id": "{group}", "anchor_date": "2026-12-01"},
        {},
        "/v1/sop-runs",
    ),
    (
        "POST",
        "/v1/sop-runs",
        {"template_id": "{own_template}", "group_id": "{group}", "anchor_date": "2026-12-01"},
        {},
        "/v1/sop-runs",
    ),
    (
        "POST",
        "/v1/sop-runs",
        {"template_id": "{template}", "group_id": "{own_group}", "anchor_date": "2026-12-01"},
        {},
        "/v1/sop-runs",
    ),
    ("GET", "/v1/sop-runs", None, {"group_id": "{group}"}, "/v1/sop-runs"),
    ("GET", "/v1/sop-runs/{run}", None, {}, "/v1/sop-runs/{run_id}"),
    ("POST", "/v1/sop-runs/{run}/pause", None, {}, "/v1/sop-runs/{run_id}/pause"),
    ("POST", "/v1/sop-runs/{run}/resume", None, {}, "/v1/sop-runs/{run_id}/resume"),
    ("POST", "/v1/sop-runs/{run}/stop", None, {}, "/v1/sop-runs/{run_id}/stop"),
    ("GET", "/v1/tasks", None, {"group_id": "{group}"}, "/v1/tasks"),
    ("GET", "/v1/tasks/{task}", None, {}, "/v1/tasks/{task_id}"),
    ("POST", "/v1/tasks/{task}/complete", {"note": "x"}, {}, "/v1/tasks/{task_id}/complete"),
    ("POST", "/v1/tasks/{task}/skip", {"reason": "x"}, {}, "/v1/tasks/{task_id}/skip"),
    ("POST", "/v1/tasks/{task}/reassign", {"assignee": "x"}, {}, "/v1/tasks/{task_id}/reassign"),
]


def fill(value: Any, names: dict[str, str]) -> Any:
    if isinstance(value, str):
        return value.format(**names)
    if isinstance(value, list):
        return [fill(v, names) for v in value]
    if isinstance(value, dict):
        return {k: fill(v, names) for k, v in value.items()}
    return value


async def workspace_a_objects(client: httpx.AsyncClient) -> Ids:
    group = await create_group(client)
    goal = await client.post(
        f"/v1/groups/{group['id']}/goals",
        json={"horizon": "short_term", "metric": "m", "target": 1, "due_date": "2027-01-01"},
    )
    member = (await join(client, group["id"], "a-member")).json()
    template = await create_template(client, [step("a", "custom", 0, "09:00")])
    run = await start_run(client, template["id"], group["id"], "2026-12-01")
    task = (await list_all(client, "/v1/tasks", run_id=run["id"]))[0]
    return Ids(group["id"], goal.json()["id"], member["id"], template["id"], run["id"], task["id"])


async def snapshot(client: httpx.AsyncClient, ids: Ids) -> list[Any]:
    return [
        (await client.get(f"/v1/groups/{ids.group}")).json(),
        await list_all(client, f"/v1/groups/{ids.group}/members", status="all"),
        (await client.get(f"/v1/sop-templates/{ids.template}/versions")).json(),
        (await client.get(f"/v1/sop-runs/{ids.run}")).json(),
        await list_all(client, "/v1/tasks", group_id=ids.group),
    ]


@pytest.mark.parametrize(("method", "path", "body", "params", "route"), CASES)
async def test_another_workspaces_ids_are_404_and_change_nothing(
    client: httpx.AsyncClient,
    client_for: Any,
    method: str,
    path: str,
    body: Any,
    params: dict[str, str],
    route: str,
) -> None:
    ids = await workspace_a_objects(client)
    intruder: httpx.AsyncClient = client_for(WORKSPACE_B)
    own_group = await create_group(intruder)
    own_template = await create_template(intruder, [step("b", "custom", 0, "09:00")])
    names = {**ids.__dict__, "own_group": own_group["id"], "own_template": own_template["id"]}
    before = await snapshot(client, ids)

    r = await intruder.request(
        method, fill(path, names), json=fill(body, names), params=fill(params, names)
    )
    assert r.status_code == 404, (route, r.status_code, r.text)
    assert r.headers["content-type"] == PROBLEM_JSON
    assert await snapshot(client, ids) == before


def test_every_route_taking_an_id_is_covered(
    service_under_test: ServiceUnderTest, database_url: str
) -> None:
    app = service_under_test.create_app(service_under_test.settings(database_url))
    covered = {(m, route) for m, _, _, _, route in CASES}
    with_ids = {
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        if "{" in path
        for method in operations
    }
    assert len(with_ids) == 24  # a new route must be added to CASES
    assert with_ids <= covered, with_ids - covered
