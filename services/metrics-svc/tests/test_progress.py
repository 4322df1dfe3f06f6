"""GET /v1/metrics/{name}/progress: a live goal over [from, to) with the targets' status rule."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from .fixture import FIXTURE_SETS, ev

NOW = datetime.now(UTC).replace(microsecond=0)
PAST = {"from": "2026-10-05", "to": "2026-10-07"}


async def _progress(client: httpx.AsyncClient, metric: str, **params: Any) -> dict[str, Any]:
    r = await client.get(f"/v1/metrics/{metric}/progress", params=params)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


@pytest.fixture
async def past(client: httpx.AsyncClient) -> httpx.AsyncClient:
    """The hand-computed fixture: 5 clicks over 2026-10-05..07 (4 on ch-1), ctr 5/12."""
    r = await client.post("/v1/events", json=FIXTURE_SETS[0]())
    assert r.json()["rejected"] == []
    return client


async def test_an_ended_period_short_of_the_target_is_missed(past: httpx.AsyncClient) -> None:
    body = await _progress(past, "clicks", **PAST, target=10, channel_id="ch-1")
    assert body == {
        "metric": "clicks",
        "from": "2026-10-05T00:00:00Z",
        "to": "2026-10-07T00:00:00Z",
        "actual": 4.0,
        "target": 10.0,
        "progress": 0.4,
        "status": "missed",
    }


async def test_a_reached_target_is_achieved_and_ratios_compare_to_the_target(
    past: httpx.AsyncClient,
) -> None:
    clicks = await _progress(past, "clicks", **PAST, target=4, channel_id="ch-1")
    assert (clicks["actual"], clicks["progress"], clicks["status"]) == (4.0, 1.0, "achieved")
    ctr = await _progress(past, "ctr", **PAST, target=0.5)
    assert (ctr["actual"], ctr["status"]) == (5 / 12, "missed")
    assert ctr["progress"] == pytest.approx(5 / 6)


async def test_a_running_period_is_on_track_or_at_risk_against_its_elapsed_share(
    client: httpx.AsyncClient, client_for: Callable[..., httpx.AsyncClient]
) -> None:
    clicks = [ev("click", NOW - timedelta(minutes=5 + i), campaign_id="c-1") for i in range(6)]
    assert (await client.post("/v1/events", json=clicks)).json()["accepted"] == 6
    # Another workspace's clicks of the same campaign never count.
    stranger = [ev("click", NOW - timedelta(minutes=5), campaign_id="c-1") for _ in range(9)]
    assert (await client_for("ws-other").post("/v1/events", json=stranger)).status_code == 200
    window = {
        "from": (NOW - timedelta(days=1)).isoformat(),
        "to": (NOW + timedelta(days=1)).isoformat(),
        "campaign_id": "c-1",
    }
    # Half the period has passed: 6 of 10 is ahead of the 5 expected, 6 of 20 behind 10.
    ahead = await _progress(client, "clicks", **window, target=10)
    assert (ahead["actual"], ahead["progress"], ahead["status"]) == (6.0, 0.6, "on_track")
    behind = await _progress(client, "clicks", **window, target=20)
    assert (behind["actual"], behind["progress"], behind["status"]) == (6.0, 0.3, "at_risk")


async def test_a_period_not_started_has_no_actual_yet_and_is_on_track(
    client: httpx.AsyncClient,
) -> None:
    body = await _progress(
        client,
        "gmv",
        **{"from": (NOW + timedelta(days=1)).isoformat()},
        to=(NOW + timedelta(days=2)).isoformat(),
        target=100,
    )
    assert (body["actual"], body["progress"], body["status"]) == (None, None, "on_track")


async def test_progress_of_an_unknown_metric_is_404(client: httpx.AsyncClient) -> None:
    r = await client.get("/v1/metrics/vibes/progress", params={**PAST, "target": 1})
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"
    assert "GET /v1/metrics" in r.json()["detail"]


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({**PAST, "target": 0}, "target"),
        ({**PAST, "target": -5}, "target"),
        ({**PAST, "target": "nan"}, "target"),
        ({**PAST, "target": "lots"}, "target"),
        (PAST, "target"),
        ({"to": "2026-10-07", "target": 1}, "from"),
        ({"from": "2026-10-07", "to": "2026-10-05", "target": 1}, "must be after"),
        ({**PAST, "target": 1, "tz": "Mars/Olympus"}, "Mars/Olympus"),
        ({**PAST, "target": 1, "from": "yesterday"}, "yesterday"),
        ({**PAST, "target": 1, "region": "x"}, "region"),
    ],
)
async def test_bad_progress_parameters_are_422_problems(
    client: httpx.AsyncClient, params: dict[str, Any], named: str
) -> None:
    r = await client.get("/v1/metrics/clicks/progress", params=params)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert named in r.text
