"""publication_id is a dimension like channel_id and campaign_id: series (filter and group_by,
counts and distinct people), funnels, retention and targets, with exact numbers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from .fixture import ev, h, series

DAY = {"from": "2026-10-05", "to": "2026-10-07"}


def publication_events() -> list[dict[str, Any]]:
    """One post (p-1) published twice: pub-a on ch-1, pub-b on ch-2; day 0 = 2026-10-05.

    impressions: pub-a 10, pub-b 5, 3 on ch-1 with no publication; clicks: pub-a 4, pub-b 1
      -> ctr pub-a 0.4, pub-b 0.2, none 0.0; workspace 5 / 18.
    views at 09:00: pub-a by v1 (twice), v2, v3; pub-b by v3, v4.
    purchases: v1 100 (pub-a, 10:00), v3 50 (pub-b, 11:00), v3 30 (pub-a, 12:00),
      v1 20 (pub-a, day 1 10:00)
      -> purchase conversion pub-a {v1, v3} / {v1, v2, v3} = 2/3, pub-b {v3} / {v3, v4} = 1/2,
         workspace {v1, v3} / {v1, v2, v3, v4} = 1/2;
         repurchase pub-a {v1} / {v1, v3} = 1/2 (v3 bought twice, but once per publication);
         gmv pub-a 150, pub-b 50."""
    a: dict[str, Any] = {"publication_id": "pub-a", "channel_id": "ch-1", "post_id": "p-1"}
    b: dict[str, Any] = {"publication_id": "pub-b", "channel_id": "ch-2", "post_id": "p-1"}
    e: list[dict[str, Any]] = []
    e += [ev("impression", h(0, 8), **a) for _ in range(10)]
    e += [ev("impression", h(0, 8), **b) for _ in range(5)]
    e += [ev("impression", h(0, 8), channel_id="ch-1", post_id="p-1") for _ in range(3)]
    e += [ev("click", h(0, 8, 30), **a) for _ in range(4)]
    e += [ev("click", h(0, 8, 30), **b)]
    e += [ev("view", h(0, 9), actor, **a) for actor in ("v1", "v1", "v2", "v3")]
    e += [ev("view", h(0, 9), actor, **b) for actor in ("v3", "v4")]
    e += [ev("purchase", h(0, 10), "v1", 100, **a), ev("purchase", h(0, 11), "v3", 50, **b)]
    e += [ev("purchase", h(0, 12), "v3", 30, **a), ev("purchase", h(1, 10), "v1", 20, **a)]
    return e


@pytest.fixture
async def client(client_for: Callable[..., httpx.AsyncClient]) -> httpx.AsyncClient:
    """A workspace holding the events above, beside another workspace holding events of the
    same publication ids that must never count here."""
    mine = client_for("ws-pub")
    r = await mine.post("/v1/events", json=publication_events())
    assert r.json()["rejected"] == []
    stranger = [
        ev("impression", h(0, 8), publication_id="pub-a"),
        ev("click", h(0, 8), publication_id="pub-a"),
        ev("view", h(0, 9), "v9", publication_id="pub-a"),
        ev("purchase", h(0, 10), "v9", 999, publication_id="pub-a"),
    ]
    r = await client_for("ws-pub-stranger").post("/v1/events", json=stranger)
    assert r.json()["accepted"] == 4
    return mine


async def _total(client: httpx.AsyncClient, metric: str, **params: Any) -> Any:
    return (await series(client, metric, **DAY, **params))["series"][0]["total"]


async def test_series_filtered_by_publication_counts_only_its_events(
    client: httpx.AsyncClient,
) -> None:
    assert await _total(client, "ctr", publication_id="pub-a") == 0.4
    assert await _total(client, "ctr", publication_id="pub-b") == 0.2
    assert await _total(client, "ctr") == 5 / 18
    # Combined with another id (the full rollup).
    assert await _total(client, "ctr", publication_id="pub-a", channel_id="ch-1") == 0.4
    assert await _total(client, "ctr", publication_id="pub-a", channel_id="ch-2") is None
    assert await _total(client, "gmv", publication_id="pub-a") == 150.0
    daily = await series(client, "gmv", **DAY, publication_id="pub-a")
    assert [p["value"] for p in daily["series"][0]["points"]] == [130.0, 20.0]


async def test_series_grouped_by_publication_splits_counts(client: httpx.AsyncClient) -> None:
    body = await series(client, "ctr", **DAY, group_by="publication_id")
    assert {s["group"]: s["total"] for s in body["series"]} == {"": 0.0, "pub-a": 0.4, "pub-b": 0.2}
    seen = await series(client, "impressions", **DAY, group_by="publication_id", channel_id="ch-1")
    assert {s["group"]: s["total"] for s in seen["series"]} == {"": 3.0, "pub-a": 10.0}


async def test_distinct_people_by_publication_are_exact(client: httpx.AsyncClient) -> None:
    assert await _total(client, "purchase_conversion_rate", publication_id="pub-a") == 2 / 3
    assert await _total(client, "purchase_conversion_rate", publication_id="pub-b") == 0.5
    assert await _total(client, "purchase_conversion_rate") == 0.5
    assert await _total(client, "repurchase_rate", publication_id="pub-a") == 0.5
    grouped = await series(client, "purchase_conversion_rate", **DAY, group_by="publication_id")
    assert {s["group"]: s["total"] for s in grouped["series"]} == {"pub-a": 2 / 3, "pub-b": 0.5}


async def test_funnel_steps_filter_by_publication(client: httpx.AsyncClient) -> None:
    pub_a = {"publication_id": "pub-a"}
    r = await client.post(
        "/v1/funnels/query",
        json={
            "steps": [
                {"type": "view", "filters": pub_a},
                {"type": "purchase", "filters": pub_a},
            ],
            "from": "2026-10-05T00:00:00Z",
            "to": "2026-10-06T00:00:00Z",
        },
    )
    assert r.status_code == 200, r.text
    assert [s["actors"] for s in r.json()["steps"]] == [3, 2]  # v1, v2, v3 -> v1, v3


async def test_retention_filters_by_publication(client: httpx.AsyncClient) -> None:
    r = await client.post(
        "/v1/retention/query",
        json={
            "cohort_event": "view",
            "return_event": "purchase",
            "from": "2026-10-05T00:00:00Z",
            "to": "2026-10-07T00:00:00Z",
            "period": "day",
            "periods": 2,
            "filters": {"publication_id": "pub-b"},
        },
    )
    assert r.status_code == 200, r.text
    # v3 and v4 viewed pub-b on day 0; v3 bought through pub-b that day.
    assert [(c["size"], c["returned"]) for c in r.json()["cohorts"]] == [(2, [1, 0])]


async def test_target_filters_by_publication(client: httpx.AsyncClient) -> None:
    r = await client.post(
        "/v1/targets",
        json={
            "metric": "gmv",
            "filters": {"publication_id": "pub-a"},
            "period_start": "2026-10-05T00:00:00Z",
            "period_end": "2026-10-07T00:00:00Z",
            "target_value": 200,
        },
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["filters"] == {"publication_id": "pub-a"}
    assert (body["actual"], body["progress"], body["status"]) == (150.0, 0.75, "missed")
