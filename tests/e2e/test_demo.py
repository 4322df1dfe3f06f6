"""`make demo` against the stack: the demo loader (scripts/demo.py, a real process) fills a
fresh workspace through the gateway with non-trivial numbers; running it again changes none."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from .stack import JWT_SECRET, ROOT, Stack

DEMO = ROOT / "scripts" / "demo.py"
PLATFORMS = {"wechat_oa", "weibo", "xiaohongshu", "douyin", "zhihu", "bilibili"}
# Metrics the demo's events feed today: engagement it posts, and (until the outbox relay lands)
# the events of its own campaign and community writes.
METRICS = ("impressions", "views", "clicks", "like_rate", "gmv", "fission_rate", "activity_rate")


def run_demo(stack: Stack, workspace: str) -> str:
    command = [
        sys.executable, str(DEMO), "--gateway", stack.gateway, "--secret", JWT_SECRET,
        "--workspace", workspace, "--scale", "small", "--quiet",
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def every(api: httpx.Client, path: str, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        page = api.get(
            path, params={**params, "limit": 200, **({"cursor": cursor} if cursor else {})}
        )
        assert page.status_code == 200, page.text
        items.extend(page.json()["items"])
        cursor = page.json()["next_cursor"]
        if cursor is None:
            return items


def numbers(api: httpx.Client) -> dict[str, Any]:
    """What the workspace holds, read back service by service."""
    channels = every(api, "/v1/channels")
    publications = every(api, "/v1/publications")
    (campaign,) = every(api, "/v1/campaigns")
    stats = api.get(f"/v1/campaigns/{campaign['id']}/stats").json()
    referrals = api.get("/v1/referrals/stats", params={"campaign_id": campaign["id"]}).json()
    groups = every(api, "/v1/groups")
    overdue = every(api, "/v1/tasks", overdue="true")
    done = every(api, "/v1/tasks", status="done")
    today = datetime.now(UTC).date()
    window = {"from": str(today - timedelta(days=45)), "to": str(today + timedelta(days=2))}
    totals = {}
    for metric in METRICS:
        series = api.get(f"/v1/metrics/{metric}", params={**window, "interval": "month"})
        assert series.status_code == 200, series.text
        totals[metric] = series.json()["series"][0]["total"]
    return {
        "platforms": sorted(c["platform"] for c in channels),
        "topics": len(every(api, "/v1/topics")),
        "posts": sorted(p["status"] for p in every(api, "/v1/posts")),
        "publications": sorted(p["status"] for p in publications),
        "claimed": stats["claimed"],
        "redeemed": stats["redeemed"],
        "campaign_gmv": stats["gmv"],
        "leads": stats["leads"],
        "referral_generations": [g["invitees"] for g in referrals["generations"]],
        "members": sorted(g["member_count"] for g in groups),
        "tasks_overdue": len(overdue),
        "tasks_done": len(done),
        **totals,
    }


def test_demo_loads_a_workspace_and_a_second_run_changes_nothing(
    stack: Stack, api: httpx.Client, workspace: str
) -> None:
    first_output = run_demo(stack, workspace)
    first = numbers(api)

    assert set(first["platforms"]) == PLATFORMS
    assert first["publications"].count("published") >= 8
    assert "scheduled" in first["publications"]
    assert {"approved", "in_review", "draft"} <= set(first["posts"])
    assert first["claimed"] >= 20
    assert first["redeemed"] >= 5
    assert first["campaign_gmv"] > 0
    assert first["leads"] >= 5
    # seed → invitee → invitee's invitee: invitees in generations 1 and 2
    assert len(first["referral_generations"]) == 3
    assert all(n > 0 for n in first["referral_generations"][1:])
    assert all(n >= 20 for n in first["members"])
    assert first["tasks_overdue"] > 0
    assert first["tasks_done"] > 0
    assert first["impressions"] > 500
    assert first["clicks"] > 10
    assert first["gmv"] > 0
    assert first["activity_rate"] > 0
    assert "/v1/dashboard" in first_output
    assert "/v1/attribution?campaign_id=" in first_output

    second_output = run_demo(stack, workspace)
    assert numbers(api) == first
    # Every event came back a duplicate: the ids are derived from the seed, not drawn anew.
    assert "'accepted': 0," in second_output, second_output
