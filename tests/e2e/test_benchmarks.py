"""Benchmark accounts (对标) through the real gateway, and 复制成功率 from community-svc's own
events: community-svc records them, its outbox relay delivers them to metrics-svc, and the
number is read back through the gateway."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from .conftest import make_token
from .helpers import eventually, ok
from .stack import Stack
from .test_community import GROUP, STEPS

RIVAL = {"platform": "xiaohongshu", "handle": "rival_red", "name": "竞品 · 小红书"}


def _events(channel: str, day: datetime) -> list[dict[str, Any]]:
    """On ``day`` (UTC): 2 follows, one post, 6 views, 3 likes on ``channel``."""
    at = (day + timedelta(hours=10)).isoformat()
    kinds = ["follow"] * 2 + ["publish"] + ["view"] * 6 + ["like"] * 3
    return [
        {"id": str(uuid.uuid4()), "type": t, "occurred_at": at, "channel_id": channel}
        for t in kinds
    ]


def test_a_benchmarks_snapshots_and_a_channels_own_series_come_back_side_by_side(
    stack: Stack, api: httpx.Client
) -> None:
    bid = ok(api.post("/v1/benchmarks", json=RIVAL), 201)["id"]
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    days = [(today - timedelta(days=n)).date() for n in (3, 2, 1)]
    csv = "snapshot_date,followers,posts,avg_reads,likes\n" + "".join(
        f"{d},{1000 + 10 * i},1,300,{30 + i}\n" for i, d in enumerate(days) if i != 1
    )
    imported = api.post(
        f"/v1/benchmarks/{bid}/snapshots/import",
        content=csv.encode(),
        headers={"Content-Type": "text/csv"},
    )
    assert ok(imported) == {"received": 2, "created": 2, "updated": 0}
    # The middle day is entered on its own, and the first entered again (replaced).
    ok(api.put(f"/v1/benchmarks/{bid}/snapshots/{days[1]}", json={"followers": 1005}))
    again = api.post(
        f"/v1/benchmarks/{bid}/snapshots",
        json=[{"snapshot_date": str(days[0]), "followers": 1000, "posts": 2, "likes": 30}],
    )
    assert ok(again) == {"received": 1, "created": 0, "updated": 1}

    channel = f"ch-{uuid.uuid4().hex[:8]}"
    first_day = datetime.combine(days[0], datetime.min.time(), UTC)
    ingested = ok(api.post("/v1/events", json=_events(channel, first_day)))
    assert ingested["accepted"] == 12

    params = {"channel_id": channel, "from": str(days[0]), "to": str(today.date()), "tz": "UTC"}
    body = ok(api.get(f"/v1/benchmarks/{bid}/comparison", params=params))
    assert [d["date"] for d in body["days"]] == [str(d) for d in days]
    first, middle, last = body["days"]
    assert first["benchmark"] == {
        "followers": 1000.0, "follower_growth": None, "posts": 2.0, "avg_reads": None,
        "likes": 30.0,
    }  # fmt: skip
    assert first["own"] == {
        "followers": 2.0, "follower_growth": 2.0, "posts": 1.0, "avg_reads": 6.0, "likes": 3.0,
    }  # fmt: skip
    assert first["gap"]["followers"] == -998.0
    assert first["ratio"]["likes"] == 0.1
    assert middle["benchmark"]["follower_growth"] == 5.0  # 1005 - 1000
    assert middle["own"]["followers"] == 2.0  # a quiet day keeps the running count
    assert (last["benchmark"]["followers"], last["own"]["posts"]) == (1020.0, 0.0)

    other = {"Authorization": f"Bearer {make_token('ws-someone-else')}"}
    for method, path in [
        ("GET", f"/v1/benchmarks/{bid}"),
        ("GET", f"/v1/benchmarks/{bid}/comparison?channel_id={channel}"),
        ("GET", f"/v1/benchmarks/{bid}/snapshots"),
        ("DELETE", f"/v1/benchmarks/{bid}"),
    ]:
        r = httpx.request(method, stack.gateway + path, headers=other, timeout=10)
        assert r.status_code == 404, (method, path, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")
    assert len(ok(api.get(f"/v1/benchmarks/{bid}/snapshots"))["items"]) == 3


def test_a_csv_with_a_bad_row_stores_nothing_through_the_gateway(api: httpx.Client) -> None:
    bid = ok(api.post("/v1/benchmarks", json=RIVAL), 201)["id"]
    r = api.post(
        f"/v1/benchmarks/{bid}/snapshots/import",
        content=b"snapshot_date,followers\n2026-11-16,10\n2026-11-17,-1\n9999-12-31,1\n",
        headers={"Content-Type": "text/csv"},
    )
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert [e["loc"] for e in r.json()["errors"]] == [
        ["body", 3, "followers"],
        ["body", 4, "snapshot_date"],
    ]
    assert ok(api.get(f"/v1/benchmarks/{bid}/snapshots"))["items"] == []


def _started_group(api: httpx.Client, template_id: str, name: str) -> str:
    gid = str(ok(api.post("/v1/groups", json=GROUP | {"name": name}), 201)["id"])
    run = {"template_id": template_id, "group_id": gid, "anchor_date": "2026-12-01"}
    ok(api.post("/v1/sop-runs", json=run), 201)
    return gid


def _reach_goal(api: httpx.Client, gid: str) -> None:
    goal = {"horizon": "short_term", "metric": "joins", "target": 100, "due_date": "2027-01-31"}
    goal_id = ok(api.post(f"/v1/groups/{gid}/goals", json=goal), 201)["id"]
    reached = ok(api.post(f"/v1/groups/{gid}/goals/{goal_id}/reached"))
    assert reached["reached_at"] is not None


def test_replication_success_rate_of_two_templates_with_3_and_2_groups_is_0667_and_0(
    api: httpx.Client,
) -> None:
    model_a = ok(api.post("/v1/sop-templates", json={"name": "新品群 A", "steps": STEPS}), 201)
    model_b = ok(api.post("/v1/sop-templates", json={"name": "新品群 B", "steps": STEPS}), 201)
    a_groups = [_started_group(api, model_a["id"], f"A 群 {i}") for i in range(3)]
    b_groups = [_started_group(api, model_b["id"], f"B 群 {i}") for i in range(2)]
    # Template A: two of its three groups reach their goal; the third only gets to `active`.
    for gid in a_groups[:2]:
        _reach_goal(api, gid)
    for to in ("building", "active"):
        ok(api.post(f"/v1/groups/{a_groups[2]}/transitions", json={"to": to}))
    # Template B: neither of its two groups gets anywhere (one is dissolved).
    ok(api.post(f"/v1/groups/{b_groups[0]}/transitions", json={"to": "dissolved"}))

    now = datetime.now(UTC)
    params = {
        "from": (now - timedelta(days=1)).isoformat(),
        "to": (now + timedelta(minutes=10)).isoformat(),
        "group_by": "template_id",
    }

    def by_template() -> dict[str, float | None]:
        body = ok(api.get("/v1/metrics/replication_success_rate", params=params))
        return {s["group"]: s["total"] for s in body["series"]}

    expected: dict[str, float | None] = {model_a["id"]: 2 / 3, model_b["id"]: 0.0}
    eventually(by_template, expected)
    totals = by_template()
    assert round(totals[model_a["id"]] or 0, 3) == 0.667
    assert totals[model_b["id"]] == 0

    catalogue = {m["name"]: m for m in ok(api.get("/v1/metrics"))}
    assert catalogue["replication_success_rate"]["zh_name"] == "复制成功率"
