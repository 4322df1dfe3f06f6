"""Every date metrics-svc takes, at year 1 and year 9999 (with +14:00/-12:00 offsets): a 422
naming the field (or, for events, a rejected item naming occurred_at), never a 500."""

from __future__ import annotations

import uuid

import httpx
import pytest

from servicekit.testing.dates import EDGE_DAYS, EDGE_INSTANTS, assert_refused_naming

OK_FROM, OK_TO = "2026-10-05T00:00:00Z", "2026-10-12T00:00:00Z"


@pytest.mark.parametrize("edge", EDGE_INSTANTS + EDGE_DAYS)
async def test_series_window_at_the_edges_of_time_is_422_naming_it(
    client: httpx.AsyncClient, edge: str
) -> None:
    for field, params in (
        ("from", {"from": edge, "to": OK_TO}),
        ("to", {"from": OK_FROM, "to": edge}),
        ("from", {"from": edge}),
    ):
        for metric in ("views", "ctr"):
            for interval in ("day", "month"):
                r = await client.get(
                    f"/v1/metrics/{metric}",
                    params={**params, "interval": interval, "tz": "Pacific/Kiritimati"},
                )
                assert_refused_naming(r, field)


async def test_series_from_year_one_at_plus_14_is_422_not_500(client: httpx.AsyncClient) -> None:
    r = await client.get(
        "/v1/metrics/views",
        params={"from": "0001-01-01T00:00:00+14:00", "to": "0001-01-02T00:00:00+14:00"},
    )
    assert_refused_naming(r, "to")  # `to` is read first
    assert "1970-01-01" in r.json()["detail"]


@pytest.mark.parametrize("edge", EDGE_INSTANTS)
@pytest.mark.parametrize("path", ["/v1/retention/query", "/v1/funnels/query"])
async def test_query_windows_at_the_edges_of_time_are_422_naming_them(
    client: httpx.AsyncClient, edge: str, path: str
) -> None:
    base = (
        {"cohort_event": "view", "return_event": "click", "period": "week", "periods": 52}
        if path.startswith("/v1/retention")
        else {"steps": [{"type": "view"}, {"type": "click"}]}
    )
    for field, window in (
        ("from", {"from": edge, "to": OK_TO}),
        ("to", {"from": OK_FROM, "to": edge}),
    ):
        assert_refused_naming(await client.post(path, json={**base, **window}), field)


async def test_retention_in_the_last_weeks_of_9999_is_422(client: httpx.AsyncClient) -> None:
    r = await client.post(
        "/v1/retention/query",
        json={
            "cohort_event": "view",
            "return_event": "click",
            "from": "9999-12-01T00:00:00Z",
            "to": "9999-12-31T00:00:00Z",
            "period": "week",
        },
    )
    assert_refused_naming(r, "from")


@pytest.mark.parametrize("edge", EDGE_INSTANTS)
async def test_target_periods_at_the_edges_of_time_are_422_on_create_and_patch(
    client: httpx.AsyncClient, edge: str
) -> None:
    target = {"metric": "clicks", "period_start": OK_FROM, "period_end": OK_TO, "target_value": 5}
    for field in ("period_start", "period_end"):
        assert_refused_naming(await client.post("/v1/targets", json={**target, field: edge}), field)
    created = await client.post("/v1/targets", json=target)
    assert created.status_code == 201, created.text
    for field in ("period_start", "period_end"):
        r = await client.patch(f"/v1/targets/{created.json()['id']}", json={field: edge})
        assert_refused_naming(r, field)
    unchanged = (await client.get(f"/v1/targets/{created.json()['id']}")).json()
    assert (unchanged["period_start"], unchanged["version"]) == ("2026-10-05T00:00:00Z", 1)


async def test_events_at_the_edges_of_time_are_rejected_by_item_naming_occurred_at(
    client: httpx.AsyncClient,
) -> None:
    events = [{"id": str(uuid.uuid4()), "type": "view", "occurred_at": at} for at in EDGE_INSTANTS]
    # Fast path, then item by item (the fast path takes ids only in the 8-4-4-4-12 form).
    for batch in (events, [{**e, "id": uuid.UUID(e["id"]).hex} for e in events]):
        r = await client.post("/v1/events", json=batch)
        assert r.status_code == 422, r.text  # no item could be accepted: the batch is refused
        body = r.json()
        assert [e["loc"] for e in body["errors"]] == [["body", i, "occurred_at"] for i in range(4)]
        assert [x["index"] for x in body["rejected"]] == [0, 1, 2, 3]
        assert all(x["errors"][0]["loc"] == ["occurred_at"] for x in body["rejected"])
