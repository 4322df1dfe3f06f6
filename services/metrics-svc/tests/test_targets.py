from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from metrics_svc.targets.models import Target
from metrics_svc.targets.service import evaluate

from .fixture import FIXTURE_SETS, ev

NOW = datetime.now(UTC).replace(microsecond=0)


def _target(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": "本周点击",
        "metric": "clicks",
        "filters": {"channel_id": "ch-t"},
        "period_start": (NOW - timedelta(days=1)).isoformat(),
        "period_end": (NOW + timedelta(days=1)).isoformat(),
        "target_value": 10,
    }
    body.update(changes)
    return body


async def _clicks(client: httpx.AsyncClient, n: int, channel: str = "ch-t") -> None:
    events = [ev("click", NOW - timedelta(minutes=5 + i), channel_id=channel) for i in range(n)]
    r = await client.post("/v1/events", json=events)
    assert r.json()["accepted"] == n


async def test_target_half_way_with_more_than_half_done_is_on_track(
    client: httpx.AsyncClient,
) -> None:
    await _clicks(client, 6)
    await _clicks(client, 50, channel="ch-other")  # another channel does not count
    r = await client.post("/v1/targets", json=_target())
    assert r.status_code == 201, r.text
    body = r.json()
    assert r.headers["location"] == f"/v1/targets/{body['id']}"
    assert body["actual"] == 6.0
    assert body["progress"] == 0.6
    assert body["gap"] == 4.0
    assert abs(body["expected"] - 5.0) < 0.01  # half of the period has passed
    assert body["status"] == "on_track"


async def test_target_behind_pro_rata_is_at_risk_and_listed_as_such(
    client: httpx.AsyncClient,
) -> None:
    await _clicks(client, 2)
    behind = (await client.post("/v1/targets", json=_target())).json()
    done = (await client.post("/v1/targets", json=_target(target_value=1))).json()
    assert behind["status"] == "at_risk"
    assert done["status"] == "achieved"
    r = await client.get("/v1/targets", params={"status": "at_risk"})
    assert [t["id"] for t in r.json()["items"]] == [behind["id"]]


async def test_ended_target_below_value_is_missed_and_ratio_targets_are_not_pro_rated(
    client: httpx.AsyncClient,
) -> None:
    r = await client.post("/v1/events", json=FIXTURE_SETS[0]())
    assert r.json()["rejected"] == []
    period = {"period_start": "2026-10-05T00:00:00Z", "period_end": "2026-10-07T00:00:00Z"}
    missed = await client.post("/v1/targets", json=_target(filters={}, target_value=6, **period))
    assert missed.json()["actual"] == 5.0
    assert missed.json()["status"] == "missed"
    ctr = await client.post(
        "/v1/targets", json=_target(metric="ctr", filters={}, target_value=0.4, **period)
    )
    body = ctr.json()
    assert body["actual"] == 5 / 12
    assert body["expected"] == 0.4
    assert body["status"] == "achieved"


def test_evaluate_statuses_pro_rata() -> None:
    start = datetime(2026, 11, 1, tzinfo=UTC)
    target = Target(
        metric="clicks",
        filters={},
        period_start=start,
        period_end=start + timedelta(days=10),
        target_value=100,
    )
    quarter = start + timedelta(days=2, hours=12)
    assert evaluate(target, 30, True, quarter) == (25.0, "on_track")
    assert evaluate(target, 20, True, quarter) == (25.0, "at_risk")
    assert evaluate(target, 100, True, quarter)[1] == "achieved"
    assert evaluate(target, 99, True, start + timedelta(days=11))[1] == "missed"
    assert evaluate(target, None, True, start - timedelta(days=1)) == (0.0, "on_track")
    assert evaluate(target, 20, False, quarter) == (100, "at_risk")


async def test_patch_honours_if_match_and_recomputes(client: httpx.AsyncClient) -> None:
    await _clicks(client, 3)
    created = await client.post("/v1/targets", json=_target())
    url = created.headers["location"]
    stale = await client.patch(url, json={"target_value": 3}, headers={"If-Match": '"7"'})
    assert stale.status_code == 412
    r = await client.patch(url, json={"target_value": 3}, headers={"If-Match": '"1"'})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "achieved"
    assert r.headers["etag"] == '"2"'
    bad = await client.patch(url, json={"period_end": (NOW - timedelta(days=5)).isoformat()})
    assert bad.status_code == 422
    assert "period_end" in bad.json()["detail"]


async def test_delete_then_get_is_404_and_other_workspace_never_sees_it(
    client: httpx.AsyncClient, client_for: Callable[..., httpx.AsyncClient]
) -> None:
    url = (await client.post("/v1/targets", json=_target())).headers["location"]
    stranger = client_for("ws-beta")
    assert (await stranger.get(url)).status_code == 404
    assert (await stranger.patch(url, json={"target_value": 1})).status_code == 404
    assert (await stranger.delete(url)).status_code == 404
    assert (await client.delete(url)).status_code == 204
    assert (await client.get(url)).status_code == 404


async def test_invalid_targets_are_422(client: httpx.AsyncClient) -> None:
    unknown = await client.post("/v1/targets", json=_target(metric="vibes"))
    assert unknown.status_code == 422
    assert "GET /v1/metrics" in unknown.json()["detail"]
    backwards = await client.post(
        "/v1/targets",
        json=_target(period_start=NOW.isoformat(), period_end=(NOW - timedelta(1)).isoformat()),
    )
    assert backwards.status_code == 422
    assert (await client.post("/v1/targets", json=_target(target_value=-1))).status_code == 422
    assert (await client.post("/v1/targets", json=_target(owner="me"))).status_code == 422
    assert (
        await client.post("/v1/targets", json=_target(filters={"region": "x"}))
    ).status_code == 422
