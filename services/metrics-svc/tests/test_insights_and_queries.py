from __future__ import annotations

from collections.abc import Callable

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

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


async def test_funnels_and_retention_keep_custom_plans_however_often_a_connection_runs_them(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    """The driver prepares a statement once per connection; from its sixth execution there
    PostgreSQL may switch to a generic plan, made without the parameters' values (over 1M events
    the funnel's took 30 s a call against 0.3 s). The analytic reads force custom plans."""
    await client.post("/v1/events", json=FIXTURE_SETS[0]())
    funnel = {
        "steps": [{"type": "view"}, {"type": "like"}, {"type": "read"}],
        "from": "2026-10-05T00:00:00Z",
        "to": "2026-10-06T00:00:00Z",
    }
    answers = []
    for _ in range(8):  # the client's requests share the test's one connection
        r = await client.post("/v1/funnels/query", json=funnel)
        assert r.status_code == 200, r.text
        answers.append([s["actors"] for s in r.json()["steps"]])
        r = await client.post("/v1/retention/query", json=RETENTION_QUERY)
        assert r.status_code == 200, r.text
    assert answers == [[4, 2, 2]] * 8
    plans = (
        await db_session.execute(
            text(
                "SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements "
                "WHERE (statement LIKE '%WITH s0 AS%' OR statement LIKE '%cohort%') "
                "AND statement NOT LIKE '%pg_prepared_statements%'"
            )
        )
    ).all()
    # (the connection may hold other tests' statements too, each with its own counts)
    custom: dict[str, int] = {}
    for statement, generic, custom_plans in plans:
        assert generic == 0, statement
        kind = "funnel" if "WITH s0 AS" in statement else "retention"
        custom[kind] = max(custom.get(kind, 0), custom_plans)
    assert custom.keys() == {"funnel", "retention"}
    assert min(custom.values()) >= 8  # every run of this test's two was planned afresh
