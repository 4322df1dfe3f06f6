"""A small hand-computed event history and the numbers it must produce (worked out by hand in
the comments), shared by the exact-answer and the replay tests."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from metrics_svc.events.fold.loop import fold_pending
from metrics_svc.events.fold.repository import FoldRepository

MON = datetime(2026, 10, 5, tzinfo=UTC)  # a Monday


def ev(
    type_: str,
    at: datetime,
    actor: str | None = None,
    value: float | None = None,
    **extra: Any,
) -> dict[str, Any]:
    event: dict[str, Any] = {"id": str(uuid.uuid4()), "type": type_, "occurred_at": at.isoformat()}
    if actor is not None:
        event["actor_id"] = actor
    if value is not None:
        event["value"] = value
    event.update(extra)
    return event


def h(day: int, hour: int, minute: int = 0) -> datetime:
    """Day 0 = Monday 2026-10-05, UTC."""
    return MON + timedelta(days=day, hours=hour, minutes=minute)


def rates_events() -> list[dict[str, Any]]:
    e: list[dict[str, Any]] = []
    # Day 0: 6 impressions on ch-1 and 2 on ch-2 at 09:00; one click each at 10:00.
    e += [ev("impression", h(0, 9), channel_id="ch-1") for _ in range(6)]
    e += [ev("impression", h(0, 9), channel_id="ch-2") for _ in range(2)]
    e += [ev("click", h(0, 10), channel_id=c) for c in ("ch-1", "ch-2")]
    # Day 1 at 20:00 UTC (04:00 on day 2 in Shanghai): 4 impressions, 3 clicks on ch-1.
    e += [ev("impression", h(1, 20), channel_id="ch-1") for _ in range(4)]
    e += [ev("click", h(1, 20, 30), channel_id="ch-1") for _ in range(3)]
    # Reads: 30 + 45 + 60 s on day 0, 10 s on day 1 -> dwell 45, 10; overall 145 / 4.
    e += [ev("read", h(0, 11), f"v{i}", s, channel_id="ch-1") for i, s in enumerate((30, 45, 60))]
    e += [ev("read", h(1, 12), "v1", 10, channel_id="ch-1")]
    # 4 visitors viewing, 2 likes: like_rate 0.5.
    e += [ev("view", h(0, 9, 30), f"v{i}", channel_id="ch-1") for i in range(4)]
    e += [ev("like", h(0, 9, 45), f"v{i}", channel_id="ch-1") for i in range(2)]
    # Purchases: u1 100 + 50, u2 80, u3 10 x 3; u1 refunds 20.
    # repurchase = |{u1, u3}| / |{u1, u2, u3}| = 2/3; day 0 alone: {u3} / 3 = 1/3; GMV 240.
    e += [ev("purchase", h(0, 10), "u1", 100), ev("purchase", h(1, 10), "u1", 50)]
    e += [ev("purchase", h(0, 11), "u2", 80)]
    e += [ev("purchase", h(0, 13), "u3", 10), ev("purchase", h(0, 14), "u3", 10)]
    e += [ev("purchase", h(1, 9), "u3", 10), ev("refund", h(1, 11), "u1", 20)]
    # 8 coupon redemptions: payment_rate = 6 purchases / 8.
    e += [ev("coupon_redeem", h(0, 8), f"u{i}") for i in range(8)]
    # Fission: r1 brought 3 invitees, r2 one -> 4 accepts / 2 referrers = 2.
    for i, referrer in enumerate(("r1", "r1", "r1", "r2")):
        e.append(ev("referral_accept", h(0, 15), f"i{i}", props={"referrer_id": referrer}))
    # Followers: 3 follows, 1 unfollow -> growth 2.
    e += [ev("follow", h(0, 16), f"f{i}", channel_id="ch-1") for i in range(3)]
    e += [ev("unfollow", h(1, 16), "f0", channel_id="ch-1")]
    # Group g1: 5 joined before the window, 1 left in it -> 4 members; m1 (twice) and m2
    # wrote -> activity 2 / 4.
    e += [ev("join_group", MON - timedelta(days=10), f"m{i}", group_id="g1") for i in range(5)]
    e += [ev("leave_group", h(0, 7), "m4", group_id="g1")]
    e += [ev("message", h(0, 12), a, group_id="g1") for a in ("m1", "m1", "m2")]
    # The inbox: 2 comments on the 4 views -> comment_rate 0.5; answered after 600 s and
    # 1,800 s -> 2 replies, avg_response_seconds 1,200.
    e += [ev("comment", h(0, 10), f"v{i}", channel_id="ch-1") for i in range(2)]
    e += [ev("reply", h(0, 11), value=s, channel_id="ch-1") for s in (600, 1800)]
    return e


def funnel_events() -> list[dict[str, Any]]:
    """view -> click -> register -> purchase within one day:
    a1, a7 reach purchase; a2 register; a3 click; a5 click (register 2 days late);
    a4 clicked before viewing (out of order: step 1 only); a6 view only.
    Steps 7, 5, 3, 2; conversion 5/7, 3/5, 2/3 -> the weakest is step 3 (register)."""
    e: list[dict[str, Any]] = []
    t = h(0, 9)
    hour = timedelta(hours=1)
    for actor, reached in (("a1", 4), ("a2", 3), ("a3", 2), ("a6", 1), ("a7", 4)):
        for k, type_ in enumerate(("view", "click", "register", "purchase")[:reached]):
            e.append(ev(type_, t + k * hour, actor))
    e += [ev("click", t - hour, "a4"), ev("view", t, "a4")]
    e += [ev("view", t, "a5"), ev("click", t + hour, "a5"), ev("register", t + 2 * 24 * hour, "a5")]
    return e


def retention_events() -> list[dict[str, Any]]:
    """Cohorts by first register (weeks from Monday 2026-10-05), returns = view, 4 weeks.
    W0 cohort r1..r4: r1 views W0..W3, r2 W1 & W3, r3 W0, r4 never -> 4: [2, 2, 1, 2].
    W1 cohort r5, r6: r5 views W1, W2; r6 W3, W4 -> 2: [1, 1, 1, 1].
    r1 registering again in W1 stays in W0; r7 registers on the window's end (excluded)."""
    e: list[dict[str, Any]] = []

    def week(n: int, day: int = 1) -> datetime:
        return h(7 * n + day, 12)

    e += [ev("register", week(0), f"r{i}") for i in range(1, 5)]
    e += [ev("register", week(1), "r5"), ev("register", week(1, 3), "r6")]
    e += [ev("register", week(1), "r1"), ev("register", week(2, 0) - timedelta(hours=12), "r7")]
    e += [ev("register", week(2), "r5")]
    e += [ev("view", week(n), "r1") for n in range(4)]
    e += [ev("view", week(1), "r2"), ev("view", week(3), "r2"), ev("view", week(0, 2), "r3")]
    e += [ev("view", week(1, 4), "r5"), ev("view", week(2), "r5")]
    e += [ev("view", week(3), "r6"), ev("view", week(4), "r6")]
    return e


async def series(client: httpx.AsyncClient, metric: str, **params: Any) -> Any:
    r = await client.get(f"/v1/metrics/{metric}", params=params)
    assert r.status_code == 200, r.text
    return r.json()


async def total(client: httpx.AsyncClient, metric: str, **params: Any) -> Any:
    body = await series(client, metric, **{"from": "2026-10-05", "to": "2026-10-07", **params})
    return body["series"][0]["total"]


FIXTURE_SETS = (rates_events, funnel_events, retention_events)


# Who registered in the fixture's two weeks, and who of them came back to view.
RETENTION_QUERY: dict[str, Any] = {
    "cohort_event": "register",
    "return_event": "view",
    "from": "2026-10-05T00:00:00Z",
    "to": "2026-10-19T00:00:00Z",
}


async def all_numbers(
    client: httpx.AsyncClient, funnel_client: httpx.AsyncClient, retention_client: httpx.AsyncClient
) -> dict[str, Any]:
    """Every number the fixture defines, read back through the API (each set of events lives
    in its own workspace so they do not mix)."""
    numbers: dict[str, Any] = {}
    for metric in (
        "ctr",
        "avg_dwell_seconds",
        "repurchase_rate",
        "fission_rate",
        "gmv",
        "like_rate",
        "comment_rate",
        "replies",
        "avg_response_seconds",
        "follower_growth",
        "activity_rate",
        "purchase_conversion_rate",
        "payment_rate",
    ):
        numbers[metric] = await total(client, metric)
    daily = await series(client, "ctr", **{"from": "2026-10-05", "to": "2026-10-07"})
    numbers["ctr_daily"] = [p["value"] for p in daily["series"][0]["points"]]
    funnel = await funnel_client.post(
        "/v1/funnels/query",
        json={
            "steps": [{"type": t} for t in ("view", "click", "register", "purchase")],
            "from": "2026-10-05T00:00:00Z",
            "to": "2026-10-06T00:00:00Z",
            "window_seconds": 86400,
        },
    )
    assert funnel.status_code == 200, funnel.text
    numbers["funnel"] = [s["actors"] for s in funnel.json()["steps"]]
    numbers["funnel_weakest"] = funnel.json()["weakest_step"]
    retention = await retention_client.post(
        "/v1/retention/query", json={**RETENTION_QUERY, "period": "week", "periods": 4}
    )
    assert retention.status_code == 200, retention.text
    numbers["retention"] = [
        (c["cohort_start"], c["size"], c["returned"]) for c in retention.json()["cohorts"]
    ]
    return numbers


EXPECTED_NUMBERS: dict[str, Any] = {
    "ctr": 5 / 12,
    "avg_dwell_seconds": 36.25,
    "repurchase_rate": 2 / 3,
    "fission_rate": 2.0,
    "gmv": 240.0,
    "like_rate": 0.5,
    "comment_rate": 0.5,
    "replies": 2.0,
    "avg_response_seconds": 1200.0,
    "follower_growth": 2.0,
    "activity_rate": 0.5,
    "purchase_conversion_rate": 0.75,
    "payment_rate": 0.75,
    "ctr_daily": [0.25, 0.75],
    "funnel": [7, 5, 3, 2],
    "funnel_weakest": 3,
    "retention": [("2026-10-05", 4, [2, 2, 1, 2]), ("2026-10-12", 2, [1, 1, 1, 1])],
}


EVENT_TABLES = ("event", "event_dedup", "event_inbox", "event_hourly", "event_hourly_dim")


async def delete_workspace(engine: AsyncEngine, workspace: str) -> None:
    """Remove a race test's committed events and numbers (folded first, so none is left in
    the inbox for a later test's fold)."""
    async with AsyncSession(engine) as session, session.begin():
        await fold_pending(FoldRepository(session), 20_000, wait=True)
    async with engine.begin() as conn:
        for table in (*EVENT_TABLES, "actor_hourly", "actor_ordinal", "actor_presence"):
            await conn.execute(
                text(f"DELETE FROM {table} WHERE workspace_id = :ws"), {"ws": workspace}
            )
