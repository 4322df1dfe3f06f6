from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from servicekit.testing.plans import assert_planned_with_values

from .fixture import FIXTURE_SETS, RETENTION_QUERY, ev, h


async def test_best_times_rank_hour_of_week_slots_in_the_channel_time_zone(
    client: httpx.AsyncClient,
) -> None:
    await client.post("/v1/events", json=FIXTURE_SETS[0]())
    params: dict[str, str | int] = {"channel_id": "ch-1", "min_exposures": 1, "days": 366}
    utc = (await client.get("/v1/insights/best-times", params=params)).json()
    # Tuesday 20:00 UTC: 4 impressions, 3 clicks; Monday 09:00: 6 impressions + 4 views,
    # 2 likes. Monday 10:00 had a click but no exposure, so it is no slot.
    assert [(s["weekday"], s["hour"], s["exposures"], s["engagements"]) for s in utc["slots"]] == [
        (2, 20, 4, 3),
        (1, 9, 10, 2),
    ]
    assert utc["slots"][0]["engagement_rate"] == 0.75
    shanghai = (
        await client.get("/v1/insights/best-times", params={**params, "tz": "Asia/Shanghai"})
    ).json()
    assert [(s["weekday"], s["hour"]) for s in shanghai["slots"]] == [(3, 4), (1, 17)]
    strict = (
        await client.get("/v1/insights/best-times", params={**params, "min_exposures": 5})
    ).json()
    assert [(s["weekday"], s["hour"]) for s in strict["slots"]] == [(1, 9)]


async def test_funnel_and_retention_reject_bad_queries(client: httpx.AsyncClient) -> None:
    one_step = {
        "steps": [{"type": "view"}],
        "from": "2026-10-05T00:00:00Z",
        "to": "2026-10-06T00:00:00Z",
    }
    assert (await client.post("/v1/funnels/query", json=one_step)).status_code == 422
    backwards = {
        "steps": [{"type": "view"}, {"type": "click"}],
        "from": "2026-10-06T00:00:00Z",
        "to": "2026-10-05T00:00:00Z",
    }
    r = await client.post("/v1/funnels/query", json=backwards)
    assert r.status_code == 422
    assert "after" in r.json()["detail"]
    unknown = {**backwards, "steps": [{"type": "view"}, {"type": "teleport"}]}
    assert (await client.post("/v1/funnels/query", json=unknown)).status_code == 422
    r = await client.post("/v1/retention/query", json={**RETENTION_QUERY, "tz": "Nowhere/Special"})
    assert r.status_code == 422
    assert "IANA" in r.json()["detail"]


async def test_funnel_step_filters_and_reads_need_only_metrics_read(
    client: httpx.AsyncClient, client_for: Callable[..., httpx.AsyncClient]
) -> None:
    await client.post("/v1/events", json=FIXTURE_SETS[0]())
    reader = client_for(scopes=("metrics:read",))
    r = await reader.post(
        "/v1/funnels/query",
        json={
            "steps": [
                {"type": "view", "filters": {"channel_id": "ch-1"}},
                {"type": "like", "filters": {"channel_id": "ch-1"}},
                {"type": "read"},
            ],
            "from": "2026-10-05T00:00:00Z",
            "to": "2026-10-06T00:00:00Z",
            "window_seconds": 3600 * 6,
        },
    )
    assert r.status_code == 200, r.text
    # v0..v3 viewed at 09:30, v0 and v1 liked at 09:45, v0..v2 read at 11:00 -> 4, 2, 2.
    body = r.json()
    assert [s["actors"] for s in body["steps"]] == [4, 2, 2]
    assert [s["conversion_from_previous"] for s in body["steps"]] == [None, 0.5, 1.0]
    assert body["weakest_step"] == 2
    nobody = client_for(scopes=())
    assert (await nobody.get("/v1/metrics")).status_code == 403


async def test_funnel_window_runs_from_the_first_step_and_includes_its_end(
    client: httpx.AsyncClient,
) -> None:
    t, day, hour, minute = h(0, 9), timedelta(days=1), timedelta(hours=1), timedelta(minutes=1)
    events = []
    # w1 clicks on the window's last instant; w2 one second past it.
    events += [ev("view", t, "w1"), ev("click", t + day, "w1")]
    events += [ev("view", t, "w2"), ev("click", t + day + timedelta(seconds=1), "w2")]
    # w3: each step within a day of the one before, but the third past a day from the first.
    events += [ev("view", t, "w3"), ev("click", t + 14 * hour, "w3")]
    events += [ev("register", t + 26 * hour, "w3")]
    # w4: a later view in the range does not open a new window for the click after it.
    events += [ev("view", t, "w4"), ev("view", t + 2 * day, "w4")]
    events += [ev("click", t + 2 * day + hour, "w4")]
    # w5: the register counts from the first click after the view, not from the last one.
    events += [ev("view", t, "w5"), ev("click", t + hour, "w5"), ev("click", t + 2 * hour, "w5")]
    events += [ev("register", t + hour + 30 * minute, "w5")]
    # w6 clicks at the very instant of its view.
    events += [ev("view", t, "w6"), ev("click", t, "w6")]
    # Not in step 1: w7 viewed before the range; a view without an actor is nobody's.
    events += [ev("view", h(0, 0) - minute, "w7"), ev("click", t, "w7"), ev("view", t)]
    assert (await client.post("/v1/events", json=events)).json()["accepted"] == len(events)
    r = await client.post(
        "/v1/funnels/query",
        json={
            "steps": [{"type": "view"}, {"type": "click"}, {"type": "register"}],
            "from": h(0, 0).isoformat(),
            "to": h(3, 0).isoformat(),
            "window_seconds": 86400,
        },
    )
    assert r.status_code == 200, r.text
    # view: w1..w6; click: w1, w3, w5, w6 (w2's a second late, w4's window closed, w7 never
    # entered); register: w5 (w3's a day and two hours after its view).
    assert [s["actors"] for s in r.json()["steps"]] == [6, 4, 1]


FUNNEL_QUERY = {
    "steps": [{"type": "view"}, {"type": "like"}, {"type": "read"}],
    "from": "2026-10-05T00:00:00Z",
    "to": "2026-10-06T00:00:00Z",
}
# Each analytic read's path, body and fragments of its statement's text
ANALYTIC_READS = {
    "funnel": ("/v1/funnels/query", FUNNEL_QUERY, ("WITH s0 AS",)),
    "retention": ("/v1/retention/query", RETENTION_QUERY, ("cohort",)),
}


@pytest.mark.parametrize("read", ANALYTIC_READS)
async def test_an_analytic_read_is_planned_with_its_values(
    client: httpx.AsyncClient, db_session: AsyncSession, read: str
) -> None:
    """The driver prepares a statement once per connection; from its sixth execution there
    PostgreSQL may keep a generic plan, made without the parameters' values (over 1M events
    the funnel's took 30 s a call against 0.3 s)."""
    await client.post("/v1/events", json=FIXTURE_SETS[0]())
    path, body, fragments = ANALYTIC_READS[read]

    async def query() -> None:
        r = await client.post(path, json=body)
        assert r.status_code == 200, r.text

    await assert_planned_with_values(db_session, query, *fragments)
