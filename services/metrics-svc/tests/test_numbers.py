"""Exact answers on the hand-computed fixture, and replays that change no number."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from .fixture import EXPECTED_NUMBERS, FIXTURE_SETS, all_numbers, ev, h, series


async def _post(client: httpx.AsyncClient, events: list[dict[str, Any]]) -> dict[str, Any]:
    r = await client.post("/v1/events", json=events)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    assert body["rejected"] == []
    return body


def _clients(client_for: Callable[..., httpx.AsyncClient], prefix: str) -> list[httpx.AsyncClient]:
    return [client_for(f"{prefix}-{name}") for name in ("rates", "funnel", "retention")]


async def _assert_fixture_numbers(clients: list[httpx.AsyncClient]) -> None:
    """Every number the fixture's workspaces answer is the hand-computed one."""
    numbers = await all_numbers(*clients)
    for key, expected in EXPECTED_NUMBERS.items():
        if isinstance(expected, float):
            assert numbers[key] == pytest.approx(expected, rel=1e-12), key
        else:
            assert numbers[key] == expected, key


async def test_fixture_numbers_are_exact(client_for: Callable[..., httpx.AsyncClient]) -> None:
    clients = _clients(client_for, "exact")
    for make, client in zip(FIXTURE_SETS, clients, strict=True):
        events = make()
        assert (await _post(client, events))["accepted"] == len(events)
    await _assert_fixture_numbers(clients)


async def test_replaying_every_batch_twice_shuffled_changes_no_number(
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    rng = random.Random(6)
    clients = _clients(client_for, "replay")
    for make, client in zip(FIXTURE_SETS, clients, strict=True):
        events = make()
        batches = [events[i : i + 7] for i in range(0, len(events), 7)]
        sends = batches + batches  # every batch twice…
        rng.shuffle(sends)  # …in a random order…
        for batch in sends:
            await _post(client, rng.sample(batch, len(batch)))  # …each one shuffled too
        # A replay of everything at once is all duplicates.
        again = await _post(client, events)
        assert again == {"accepted": 0, "duplicates": len(events), "rejected": []}
    await _assert_fixture_numbers(clients)


async def test_series_buckets_by_local_day_in_the_given_time_zone(
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    client = client_for("tz-ws")
    await _post(client, FIXTURE_SETS[0]())
    # The day-1 events at 20:00 UTC fall on day 2 (04:00) in Shanghai; nothing on day 1 there.
    body = await series(
        client, "ctr", **{"from": "2026-10-05", "to": "2026-10-08", "tz": "Asia/Shanghai"}
    )
    points = body["series"][0]["points"]
    assert [p["start"] for p in points] == [
        "2026-10-05T00:00:00+08:00",
        "2026-10-06T00:00:00+08:00",
        "2026-10-07T00:00:00+08:00",
    ]
    assert [p["value"] for p in points] == [0.25, None, 0.75]


async def test_series_group_by_channel_splits_the_numbers(
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    client = client_for("group-ws")
    await _post(client, FIXTURE_SETS[0]())
    body = await series(
        client, "ctr", **{"from": "2026-10-05", "to": "2026-10-07", "group_by": "channel_id"}
    )
    by_group = {s["group"]: [p["value"] for p in s["points"]] for s in body["series"]}
    assert by_group["ch-1"] == [pytest.approx(1 / 6), 0.75]
    assert by_group["ch-2"] == [0.5, None]
    clicks = await series(
        client, "clicks", **{"from": "2026-10-05", "to": "2026-10-07", "channel_id": "ch-2"}
    )
    assert clicks["series"][0]["total"] == 1.0
    assert [p["value"] for p in clicks["series"][0]["points"]] == [1.0, 0.0]


async def test_weekly_and_monthly_intervals_sum_the_days(
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    client = client_for("interval-ws")
    await _post(client, FIXTURE_SETS[0]())
    weekly = await series(
        client, "impressions", **{"from": "2026-09-28", "to": "2026-10-12", "interval": "week"}
    )
    assert [(p["start"][:10], p["value"]) for p in weekly["series"][0]["points"]] == [
        ("2026-09-28", 0.0),
        ("2026-10-05", 12.0),
    ]
    monthly = await series(
        client, "gmv", **{"from": "2026-09-01", "to": "2026-11-01", "interval": "month"}
    )
    assert [p["value"] for p in monthly["series"][0]["points"]] == [0.0, 240.0]


async def test_another_workspace_sees_none_of_the_numbers(
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    await _post(client_for("owner-ws"), FIXTURE_SETS[0]())
    other = client_for("stranger-ws")
    body = await series(other, "clicks", **{"from": "2026-10-05", "to": "2026-10-07"})
    assert body["series"][0]["total"] == 0.0


async def test_unknown_metric_is_404_listing_the_catalogue(client: httpx.AsyncClient) -> None:
    r = await client.get("/v1/metrics/nope")
    assert r.status_code == 404
    assert "ctr" in r.json()["detail"]


async def test_bad_time_zone_and_window_are_422(client: httpx.AsyncClient) -> None:
    r = await client.get("/v1/metrics/ctr", params={"tz": "Mars/Olympus"})
    assert r.status_code == 422
    assert "IANA" in r.json()["detail"]
    r = await client.get("/v1/metrics/ctr", params={"from": "2026-10-08", "to": "2026-10-01"})
    assert r.status_code == 422
    r = await client.get("/v1/metrics/ctr", params={"from": "yesterday"})
    assert r.status_code == 422
    assert "RFC 3339" in r.json()["detail"]


async def test_catalogue_lists_formulas_units_and_chinese_names(
    client: httpx.AsyncClient,
) -> None:
    r = await client.get("/v1/metrics")
    assert r.status_code == 200
    by_name = {m["name"]: m for m in r.json()}
    assert by_name["ctr"]["zh_name"] == "点击率"
    assert by_name["ctr"]["formula"] == "count(click) / count(impression)"
    assert by_name["repurchase_rate"]["zh_name"] == "复购率"
    assert by_name["fission_rate"]["zh_name"] == "裂变倍增率"
    required = {
        "views", "clicks", "ctr", "avg_dwell_seconds", "like_rate", "favorite_rate",
        "comment_rate", "share_rate", "follower_growth", "traffic_conversion_rate",
        "activity_rate", "purchase_conversion_rate", "repurchase_rate", "fission_rate",
        "payment_rate", "gmv", "replies", "avg_response_seconds",
    }  # fmt: skip
    assert required <= set(by_name)
    assert all(m["unit"] and m["formula"] for m in by_name.values())


async def test_combined_filters_agree_with_single_dimension_rollups(
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    client = client_for("combo-ws")
    events = [
        ev("click", h(0, 9), channel_id="ch-a", campaign_id="c-1", post_id="p-1"),
        ev("click", h(0, 9), channel_id="ch-a", campaign_id="c-2", post_id="p-1"),
        ev("click", h(0, 9), channel_id="ch-a", post_id="p-2"),
        ev("click", h(0, 10), channel_id="ch-b", campaign_id="c-1", post_id="p-3"),
        ev("click", h(1, 10), channel_id="ch-b", campaign_id="c-1"),
    ]
    await _post(client, events)
    window = {"from": "2026-10-05", "to": "2026-10-07"}

    async def totals(**params: str) -> dict[str | None, float]:
        body = await series(client, "clicks", **window, **params)
        return {s["group"]: s["total"] for s in body["series"]}

    # One dimension (per-dimension rollup) …
    assert await totals(channel_id="ch-a") == {None: 3.0}
    assert await totals(group_by="campaign_id") == {"": 1.0, "c-1": 3.0, "c-2": 1.0}
    # Posts alone read the full rollup through its post index.
    assert await totals(post_id="p-1") == {None: 2.0}
    assert await totals(group_by="post_id") == {"": 1.0, "p-1": 2.0, "p-2": 1.0, "p-3": 1.0}
    # … and combinations (full rollup), exact to the event.
    assert await totals(channel_id="ch-a", campaign_id="c-1") == {None: 1.0}
    assert await totals(channel_id="ch-b", group_by="post_id") == {"": 1.0, "p-3": 1.0}
    assert await totals(campaign_id="c-1", group_by="channel_id") == {"ch-a": 1.0, "ch-b": 2.0}
