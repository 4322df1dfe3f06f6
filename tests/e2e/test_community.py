"""community-svc through the real gateway: a group, a template, a run, the to-do list, one task
done; plus a 10,000-row CSV import and another workspace's group."""

from __future__ import annotations

import httpx

from .conftest import make_token
from .stack import Stack

GROUP = {
    "name": "新品体验群 · 1 群",
    "platform": "wecom",
    "kind": "product",
    "positioning": "新品内测反馈",
    "capacity": 20_000,
    "timezone": "Asia/Shanghai",
    "leader_id": "op-lead",
    "assistant_ids": ["op-help"],
}
STEPS = [
    {
        "title": "开群欢迎",
        "anchor": "custom",
        "offset_days": 0,
        "time_of_day": "09:00",
        "action": "message",
        "owner_role": "leader",
        "script": "欢迎加入新品体验群",
    },
    {
        "title": "晚间直播",
        "anchor": "custom",
        "offset_days": 1,
        "time_of_day": "20:00",
        "action": "live",
        "owner_role": "assistant",
        "contingency_plan": "主播缺席改发录播",
    },
    {
        "title": "新人欢迎",
        "anchor": "member_joined",
        "offset_days": 0,
        "time_of_day": "21:00",
        "action": "message",
        "owner_role": "assistant",
    },
]


def test_group_template_run_tasks_and_complete_one(api: httpx.Client) -> None:
    group = api.post("/v1/groups", json=GROUP)
    assert group.status_code == 201, group.text
    gid = group.json()["id"]
    assert api.post(f"/v1/groups/{gid}/transitions", json={"to": "building"}).status_code == 200

    template = api.post("/v1/sop-templates", json={"name": "新品群 SOP", "steps": STEPS})
    assert template.status_code == 201, template.text
    run = api.post(
        "/v1/sop-runs",
        json={"template_id": template.json()["id"], "group_id": gid, "anchor_date": "2026-12-01"},
    )
    assert run.status_code == 201, run.text

    joined = api.post(f"/v1/groups/{gid}/members", json={"external_id": "wx_1", "role": "seed"})
    assert joined.status_code == 201, joined.text

    todo = api.get("/v1/tasks", params={"group_id": gid, "status": "pending"})
    assert todo.status_code == 200
    tasks = todo.json()["items"]
    # The newcomer's welcome is due tonight; the run's own steps from its anchor date on.
    welcome = [t for t in tasks if t["title"] == "新人欢迎"]
    assert [t["member_id"] for t in welcome] == [joined.json()["id"]]
    assert welcome[0]["due_at"].endswith("T13:00:00Z")  # 21:00 in Shanghai
    planned = [t for t in tasks if t["member_id"] is None]
    assert [(t["title"], t["due_at"], t["assignee"]) for t in planned] == [
        ("开群欢迎", "2026-12-01T01:00:00Z", "op-lead"),
        ("晚间直播", "2026-12-02T12:00:00Z", "op-help"),
    ]
    assert [t["due_at"] for t in tasks] == sorted(t["due_at"] for t in tasks)

    mine = api.get("/v1/tasks", params={"assignee": "op-lead"}).json()["items"]
    assert [t["id"] for t in mine] == [planned[0]["id"]]
    done = api.post(f"/v1/tasks/{planned[0]['id']}/complete", json={"note": "已发送"})
    assert done.status_code == 200, done.text
    assert (done.json()["status"], done.json()["note"]) == ("done", "已发送")
    assert done.json()["closed_by"] == "e2e-user"  # the token's subject, forwarded by the gateway
    again = api.post(f"/v1/tasks/{planned[0]['id']}/complete")
    assert again.status_code == 409
    assert again.headers["content-type"].startswith("application/problem+json")


def test_csv_import_of_10000_members_through_the_gateway(api: httpx.Client) -> None:
    gid = api.post("/v1/groups", json=GROUP).json()["id"]
    rows = ["external_id,display_name,tier"]
    rows += [f"wx_{i:05d},成员{i},{'gold' if i % 3 == 0 else 'silver'}" for i in range(10_000)]
    rows[42] = "wx_bad,坏行,gold,extra-cell"
    body = ("\n".join(rows) + "\n").encode()
    assert len(body) < 1_048_576  # fits the gateway's default body limit

    # How long it takes is measured by bench/community_import.py; that it goes by COPY, not row
    # by row, is checked by community-svc's own test (a bounded number of statements).
    r = api.post(
        f"/v1/groups/{gid}/members/import",
        content=body,
        headers={"Content-Type": "text/csv"},
        timeout=60,
    )
    assert r.status_code == 200, r.text
    assert r.json()["imported"] == 9_999
    assert [x["line"] for x in r.json()["rejected"]] == [43]
    assert api.get(f"/v1/groups/{gid}").json()["member_count"] == 9_999


def test_another_workspaces_group_is_404(stack: Stack, api: httpx.Client) -> None:
    gid = api.post("/v1/groups", json=GROUP).json()["id"]
    other = {"Authorization": f"Bearer {make_token('ws-someone-else')}"}
    for method, path in [
        ("GET", f"/v1/groups/{gid}"),
        ("GET", f"/v1/groups/{gid}/members"),
        ("POST", f"/v1/groups/{gid}/members"),
    ]:
        r = httpx.request(
            method, stack.gateway + path, headers=other, json={"external_id": "x"}, timeout=10
        )
        assert r.status_code == 404, (path, r.text)
