from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from servicekit.testing.plans import assert_planned_with_values

from .fixture import FIXTURE_SETS, RETENTION_QUERY


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
