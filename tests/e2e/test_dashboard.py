"""``GET /v1/dashboard`` through the real gateway in front of the four real services: it says
what the services say one by one, and with metrics-svc stopped only the metrics-backed
sections are unavailable."""

from __future__ import annotations

import time
import uuid
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx

from .helpers import eventually, ok
from .stack import Stack

TZ = "Asia/Shanghai"
KEY_METRICS = (
    "impressions",
    "views",
    "clicks",
    "ctr",
    "traffic_conversion_rate",
    "purchase_conversion_rate",
    "leads",
    "joins",
    "coupon_claims",
    "gmv",
    "follower_growth",
)


def publish_today(api: httpx.Client) -> None:
    """Two channels, one approved post on both: one published by hand, one still scheduled;
    and one publication due next week, which today's view leaves out."""
    channels = [
        ok(
            api.post(
                "/v1/channels",
                json={
                    "platform": platform,
                    "name": f"品牌{platform}",
                    "handle": uuid.uuid4().hex[:8],
                    "timezone": TZ,
                    "publisher": {"kind": "manual"},
                },
            ),
            201,
        )["id"]
        for platform in ("weibo", "xiaohongshu")
    ]
    posts = []
    for title in ("双十一攻略", "下周预告"):
        post = ok(api.post("/v1/posts", json={"title": title, "body": "# 正文"}), 201)["id"]
        ok(api.post(f"/v1/posts/{post}/transitions", json={"to": "in_review"}))
        ok(api.post(f"/v1/posts/{post}/transitions", json={"to": "approved"}))
        posts.append(post)
    done = ok(
        api.post("/v1/publications", json={"post_id": posts[0], "channel_id": channels[0]}), 201
    )
    ok(
        api.post(
            f"/v1/publications/{done['id']}/mark-published", json={"url": "https://weibo.example/1"}
        )
    )
    ok(api.post("/v1/publications", json={"post_id": posts[0], "channel_id": channels[1]}), 201)
    later = (datetime.now(UTC) + timedelta(days=7)).isoformat()
    ok(
        api.post(
            "/v1/publications",
            json={"post_id": posts[1], "channel_id": channels[0], "scheduled_at": later},
        ),
        201,
    )


def overdue_tasks(api: httpx.Client) -> None:
    """A group whose SOP run started three days ago: its first steps are past due."""
    group = ok(
        api.post(
            "/v1/groups",
            json={
                "name": "新品体验群",
                "platform": "wecom",
                "kind": "product",
                "timezone": TZ,
                "leader_id": "op-lead",
                "assistant_ids": ["op-help"],
            },
        ),
        201,
    )["id"]
    ok(api.post(f"/v1/groups/{group}/transitions", json={"to": "building"}))
    steps = [
        {
            "title": title,
            "anchor": "custom",
            "offset_days": day,
            "time_of_day": "09:00",
            "action": "message",
            "owner_role": role,
        }
        for title, day, role in (
            ("开群欢迎", 0, "leader"),
            ("破冰", 1, "assistant"),
            ("答疑", 1, "leader"),
            ("下周直播", 10, "leader"),
        )
    ]
    template = ok(api.post("/v1/sop-templates", json={"name": "新品群 SOP", "steps": steps}), 201)
    anchor = (datetime.now(UTC) - timedelta(days=3)).date().isoformat()
    ok(
        api.post(
            "/v1/sop-runs",
            json={
                "template_id": template["id"],
                "group_id": group,
                "anchor_date": anchor,
            },
        ),
        201,
    )


def running_campaigns(api: httpx.Client) -> None:
    """One running campaign with a claim and a redemption, one still a draft."""
    now = datetime.now(UTC)
    window = {
        "starts_at": (now - timedelta(hours=1)).isoformat(),
        "ends_at": (now + timedelta(days=7)).isoformat(),
    }
    running = ok(
        api.post(
            "/v1/campaigns",
            json={
                "name": "双十一大促",
                "kind": "holiday_promo",
                **window,
                "goals": [{"metric": "gmv", "target": 1000}],
            },
        ),
        201,
    )["id"]
    ok(api.post(f"/v1/campaigns/{running}/status", json={"status": "scheduled"}))
    ok(api.post("/v1/campaigns", json={"name": "草稿", "kind": "other", **window}), 201)
    batch = ok(
        api.post(
            "/v1/coupon-batches",
            json={
                "campaign_id": running,
                "name": "满200减30",
                "discount_type": "fixed",
                "amount_off": 3000,
                "min_spend": 20000,
                "total_quantity": 5,
                "valid_days": 7,
                "code_prefix": "DB",
            },
        ),
        201,
    )["id"]
    for customer in ("cust-1", "cust-2"):
        claim = ok(
            api.post(f"/v1/coupon-batches/{batch}/claims", json={"customer_id": customer}), 201
        )
    ok(
        api.post(
            f"/v1/coupons/{claim['code']}/redeem",
            json={
                "customer_id": "cust-2",
                "order_id": "order-1",
                "order_amount": 25000,
            },
        ),
        201,
    )


def targets_and_events(api: httpx.Client) -> None:
    now = datetime.now(UTC)
    for name, start, end in (
        ("上月点击", now - timedelta(days=40), now - timedelta(days=10)),  # missed
        ("本周点击", now - timedelta(days=1), now + timedelta(days=6)),  # at risk
        ("下月点击", now + timedelta(days=10), now + timedelta(days=40)),  # on track (not begun)
    ):
        ok(
            api.post(
                "/v1/targets",
                json={
                    "name": name,
                    "metric": "clicks",
                    "period_start": start.isoformat(),
                    "period_end": end.isoformat(),
                    "target_value": 1000,
                },
            ),
            201,
        )
    events: list[dict[str, Any]] = []
    for day, impressions, clicks, views, leads in (
        (now - timedelta(days=1), 8, 2, 4, 1),
        (now, 10, 3, 5, 2),
    ):
        for kind, n in (
            ("impression", impressions),
            ("click", clicks),
            ("view", views),
            ("lead", leads),
        ):
            events += [
                {
                    "id": str(uuid.uuid4()),
                    "type": kind,
                    "occurred_at": day.isoformat(),
                    "actor_id": f"u-{i}",
                }
                for i in range(n)
            ]
    events.append(
        {
            "id": str(uuid.uuid4()),
            "type": "purchase",
            "occurred_at": now.isoformat(),
            "actor_id": "u-1",
            "value": 199.5,
        }
    )
    assert ok(api.post("/v1/events", json=events))["accepted"] == len(events)


def relayed(api: httpx.Client) -> None:
    """Wait until campaign-svc's outbox relay has delivered the claims and the redemption, so
    the dashboard and the services are read over the same numbers."""
    now = datetime.now(UTC)
    window = {
        "from": (now - timedelta(days=1)).isoformat(),
        "to": (now + timedelta(days=1)).isoformat(),
    }

    def totals() -> list[float]:
        return [
            ok(api.get(f"/v1/metrics/{name}", params=window))["series"][0]["total"]
            for name in ("coupon_claims", "redemptions")
        ]

    eventually(totals, [2.0, 1.0])


def what_the_services_say(api: httpx.Client, dashboard: dict[str, Any]) -> dict[str, Any]:
    """Each section as computed here from the services' own answers through the gateway."""
    pubs = dashboard["publications"]
    calendar = ok(api.get("/v1/calendar", params={"from": pubs["from"], "to": pubs["to"]}))
    items = [item for day in calendar["days"] for item in day["items"]]
    tasks = ok(api.get("/v1/tasks", params={"overdue": "true", "limit": 200}))["items"]
    campaigns = [
        c
        for c in ok(api.get("/v1/campaigns", params={"limit": 200}))["items"]
        if c["status"] == "running"
    ]
    stats = {c["id"]: ok(api.get(f"/v1/campaigns/{c['id']}/stats")) for c in campaigns}
    targets = ok(api.get("/v1/targets", params={"limit": 200}))["items"]
    today = date.fromisoformat(dashboard["today"])
    series = {
        name: ok(
            api.get(
                f"/v1/metrics/{name}",
                params={
                    "from": (today - timedelta(days=1)).isoformat(),
                    "to": (today + timedelta(days=1)).isoformat(),
                    "interval": "day",
                    "tz": TZ,
                },
            )
        )["series"][0]["points"]
        for name in KEY_METRICS
    }
    return {
        "publications": Counter(item["status"] for item in items),
        "failed": [i["publication"]["id"] for i in items if i["status"] == "failed"],
        "tasks": Counter(t["assignee"] for t in tasks),
        "oldest": [t["id"] for t in tasks[:5]],
        "campaigns": [
            (
                c["id"],
                stats[c["id"]]["claimed"],
                stats[c["id"]]["redeemed"],
                stats[c["id"]]["gmv"],
                c["goals"],
            )
            for c in campaigns
        ],
        "targets": [t for t in targets if t["status"] in ("at_risk", "missed")],
        "metrics": {
            name: (points[1]["value"], points[0]["value"]) for name, points in series.items()
        },
    }


def test_the_dashboard_says_what_the_services_say_and_degrades_without_metrics(
    stack: Stack, api: httpx.Client
) -> None:
    publish_today(api)
    overdue_tasks(api)
    running_campaigns(api)
    targets_and_events(api)
    relayed(api)

    dashboard = ok(api.get("/v1/dashboard", params={"tz": TZ}))
    assert dashboard["tz"] == TZ
    assert all(
        dashboard[s]["status"] == "ok"
        for s in ("publications", "tasks", "campaigns", "targets", "metrics")
    ), dashboard
    said = what_the_services_say(api, dashboard)

    pubs = dashboard["publications"]
    assert pubs["by_status"] == {"scheduled": 1, "publishing": 0, "published": 1, "failed": 0}
    assert Counter({k: v for k, v in pubs["by_status"].items() if v}) == said["publications"]
    assert [f["id"] for f in pubs["failed"]] == said["failed"] == []

    tasks = dashboard["tasks"]
    # Days 0 and 1 of the run are past: the leader's two steps and the assistant's one.
    assert {t["assignee"]: t["count"] for t in tasks["by_assignee"]} == {"op-lead": 2, "op-help": 1}
    assert Counter({t["assignee"]: t["count"] for t in tasks["by_assignee"]}) == said["tasks"]
    assert [t["id"] for t in tasks["oldest"]] == said["oldest"]

    campaigns = dashboard["campaigns"]
    assert campaigns["running"] == 1
    assert [
        (c["id"], c["claims"], c["redemptions"], c["gmv"], c["goals"]) for c in campaigns["items"]
    ] == said["campaigns"]
    assert said["campaigns"][0][1:4] == (2, 1, 22000)  # GMV: 25,000 less the 3,000 off

    targets = dashboard["targets"]
    assert targets["counts"] == {"at_risk": 1, "missed": 1}
    strip = ("actual", "expected", "progress", "gap", "status")  # computed at each read
    assert [{k: v for k, v in t.items() if k not in strip} for t in targets["items"]] == [
        {k: v for k, v in t.items() if k not in strip} for t in said["targets"]
    ]

    metrics = {m["metric"]: m for m in dashboard["metrics"]["items"]}
    assert {name: (m["today"], m["yesterday"]) for name, m in metrics.items()} == said["metrics"]
    assert (metrics["clicks"]["today"], metrics["clicks"]["yesterday"]) == (3.0, 2.0)
    assert metrics["clicks"]["change"] == 1.0
    assert metrics["ctr"]["today"] == 0.3
    # The purchase posted here and the redemption's order (250.00), relayed by campaign-svc.
    assert metrics["gmv"]["today"] == 449.5
    assert metrics["coupon_claims"]["today"] == 2.0

    stack.stop("metrics")
    try:
        started = time.monotonic()
        degraded = ok(api.get("/v1/dashboard", params={"tz": TZ}))
        elapsed = time.monotonic() - started
        for name in ("targets", "metrics"):
            assert degraded[name] == {
                "status": "unavailable",
                "reason": "metrics-svc is unreachable (connection refused)",
            }
        for name in ("publications", "tasks", "campaigns"):
            assert degraded[name] == dashboard[name], name
        assert elapsed < 5.0
    finally:
        stack.start("metrics")
    # Back to whole once metrics-svc answers again (its breaker, if it opened, lets a trial by).
    deadline = time.monotonic() + 30
    while True:
        again = ok(api.get("/v1/dashboard", params={"tz": TZ}))
        if again["metrics"]["status"] == "ok" or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert again["metrics"]["status"] == again["targets"]["status"] == "ok", again
