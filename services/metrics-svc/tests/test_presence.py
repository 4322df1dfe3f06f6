"""Workspace-wide distinct actors come from the presence bitmaps, filtered ones from the
per-actor rows: both must give the same numbers, per local day and for the whole window, over
more actors than one bitmap page holds and over folds that add to pages already stored."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_svc.events.models import PAGE_BITS

from .fixture import ev, h, series

VISITORS = PAGE_BITS + 700  # two pages of ordinals


def _visits(actors: range, hour: int) -> list[dict[str, Any]]:
    """Each actor views at day (i % 3), at ``hour`` UTC; every 7th also buys."""
    events = []
    for i in actors:
        at = h(i % 3, hour, i % 60)
        events.append(ev("view", at, f"a{i}", channel_id="ch-all"))
        if i % 7 == 0:
            events.append(ev("purchase", at, f"a{i}", 10, channel_id="ch-all"))
    return events


async def _post(client: httpx.AsyncClient, events: list[dict[str, Any]]) -> None:
    for i in range(0, len(events), 1000):
        r = await client.post("/v1/events", json=events[i : i + 1000])
        assert r.status_code == 200, r.text
        assert not r.json()["rejected"]


async def _pages(session: AsyncSession, workspace: str, type_: str) -> int:
    sql = "SELECT count(DISTINCT page) FROM actor_presence WHERE workspace_id = :ws AND type = :t"
    return int(await session.scalar(text(sql), {"ws": workspace, "t": type_}) or 0)


async def _conversion(client: httpx.AsyncClient, **params: str) -> tuple[list[Any], Any]:
    window = {"from": "2026-10-05", "to": "2026-10-09", "tz": "Asia/Shanghai"}
    body = await series(client, "purchase_conversion_rate", **window, **params)
    (only,) = body["series"]
    return [(p["start"], p["value"]) for p in only["points"]], only["total"]


async def test_bitmaps_and_per_actor_rows_agree_across_pages_and_folds(
    client_for: Callable[..., httpx.AsyncClient], db_session: AsyncSession
) -> None:
    client = client_for("presence-ws")
    # 02:00 UTC is 10:00 in Shanghai: each UTC day is one local day.
    await _post(client, _visits(range(0, 5000), hour=2))
    first = await _conversion(client)  # folds the first half on its own
    # Then actors 2,500 on: half of the first ones again (numbered already) and the rest new,
    # in the same hours and pages (their bits are added to those of the first 2,500).
    await _post(client, _visits(range(2500, VISITORS), hour=2))
    points, total = await _conversion(client)
    assert (points, total) == await _conversion(client, channel_id="ch-all")
    # An actor seen in both folds is one visitor (and one buyer).
    buyers = len(range(0, VISITORS, 7))
    assert total == buyers / VISITORS
    per_day = [(sum(1 for i in range(VISITORS) if i % 3 == d)) for d in range(3)]
    buyers_per_day = [(sum(1 for i in range(0, VISITORS, 7) if i % 3 == d)) for d in range(3)]
    assert [v for _, v in points[:3]] == [
        b / n for b, n in zip(buyers_per_day, per_day, strict=True)
    ]
    assert first[1] == len(range(0, 5000, 7)) / 5000
    assert await _pages(db_session, "presence-ws", "view") == 2


async def test_hours_outside_the_local_day_stay_out_of_it(
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    client = client_for("presence-tz")
    # 15:30 UTC on day 0 is 23:30 in Shanghai (local day 0); 16:30 UTC is 00:30 on local day 1.
    events = [ev("view", h(0, 15, 30), "x"), ev("view", h(0, 16, 30), "y")]
    events += [ev("purchase", h(0, 16, 40), "y", 5)]
    await _post(client, events)
    points, total = await _conversion(client)
    assert points[:2] == [("2026-10-05T00:00:00+08:00", 0.0), ("2026-10-06T00:00:00+08:00", 1.0)]
    assert total == 0.5


async def test_repeat_buyers_agree_with_the_per_actor_rows(
    client_for: Callable[..., httpx.AsyncClient], db_session: AsyncSession
) -> None:
    client = client_for("presence-repeat")
    actors = range(0, PAGE_BITS + 300)  # ordinals on both pages

    def buy(i: int, at: Any) -> dict[str, Any]:
        return ev("purchase", at, f"b{i}", 1, channel_id="ch-all")

    first: list[dict[str, Any]] = []
    later: list[dict[str, Any]] = []
    for i in actors:
        first.append(buy(i, h(0, 2, 1)))
        if i % 2 == 0:
            first.append(buy(i, h(0, 2, 2)))  # twice in the hour, in one fold
        if i % 5 == 0:
            later.append(buy(i, h(0, 2, 3)))  # the same hour again, in a later fold
        if i % 7 == 0:
            later.append(buy(i, h(0, 5)))  # another hour of the same day
        if i % 11 == 0:
            later.append(buy(i, h(1, 5)))  # another day: a repeat over the window only
    await _post(client, first)
    window = {"from": "2026-10-05", "to": "2026-10-08", "tz": "Asia/Shanghai"}
    await series(client, "repurchase_rate", **window)  # folds the first batch on its own
    await _post(client, later)

    async def rates(**params: str) -> tuple[list[Any], Any]:
        body = await series(client, "repurchase_rate", **window, **params)
        (only,) = body["series"]
        return [p["value"] for p in only["points"]], only["total"]

    points, total = await rates()
    assert (points, total) == await rates(channel_id="ch-all")
    assert (await _pages(db_session, "presence-repeat", "purchase")) == 2
    day0 = [i for i in actors if i % 2 == 0 or i % 5 == 0 or i % 7 == 0]
    assert points[0] == len(day0) / len(actors)
    assert total == len([i for i in actors if i in set(day0) or i % 11 == 0]) / len(actors)


async def test_a_busy_hour_lists_each_actor_at_most_twice(
    client_for: Callable[..., httpx.AsyncClient], db_session: AsyncSession
) -> None:
    client = client_for("presence-busy")
    window = {"from": "2026-10-05", "to": "2026-10-06"}
    for i in range(6):  # six folds of the same hour: one buyer, one who buys every time
        events = [ev("purchase", h(0, 9, i), "every", 1)]
        if i == 0:
            events.append(ev("purchase", h(0, 9, 30), "once", 1))
        await _post(client, events)
        await series(client, "repurchase_rate", **window)  # folds this batch on its own
    listed = await db_session.scalar(
        text(
            "SELECT array_length(ordinals, 1) FROM actor_presence "
            "WHERE workspace_id = 'presence-busy' AND type = 'purchase'"
        )
    )
    assert listed == 3  # "every" twice, "once" once
    body = await series(client, "repurchase_rate", **window)
    assert body["series"][0]["total"] == 0.5
