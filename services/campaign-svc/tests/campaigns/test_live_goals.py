"""Live goals: each goal's actual, progress and status from metrics-svc's progress endpoint,
here a real HTTP server on 127.0.0.1 standing in for it (the end-to-end suite uses the real
one); ``unavailable`` with a reason when it is down, slow or refuses."""

import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from servicekit.testing.headers import WORKSPACE_A
from servicekit.testing.servers import StandIn

from ..coupons.helpers import running_campaign

GMV = "/v1/metrics/gmv/progress"
LEADS = "/v1/metrics/leads/progress"


def progress(actual: float, target: float, status: str) -> dict[str, Any]:
    return {
        "metric": "gmv",
        "from": "2026-11-01T00:00:00Z",
        "to": "2026-11-12T00:00:00Z",
        "actual": actual,
        "target": target,
        "progress": actual / target,
        "status": status,
    }


async def campaign_with_goals(client: httpx.AsyncClient) -> dict[str, Any]:
    body = running_campaign(
        starts_at="2026-11-01T00:00:00+08:00",
        ends_at="2026-11-12T00:00:00+08:00",
        goals=[{"metric": "gmv", "target": 1000000}, {"metric": "leads", "target": 500}],
    )
    r = await client.post("/v1/campaigns", json=body)
    assert r.status_code == 201, r.text
    return dict(r.json())


async def test_goals_show_live_progress_from_metrics_svc(
    client: httpx.AsyncClient, peer: StandIn
) -> None:
    peer.answer(GMV, 200, progress(250000.5, 1000000, "at_risk"))
    peer.answer(LEADS, 200, progress(500, 500, "achieved"))
    campaign = await campaign_with_goals(client)
    r = await client.get(f"/v1/campaigns/{campaign['id']}")
    assert r.status_code == 200, r.text
    assert r.json()["goals"] == [
        {
            "metric": "gmv",
            "target": 1000000.0,
            "live": {
                "actual": 250000.5,
                "progress": 0.2500005,
                "status": "at_risk",
                "reason": None,
            },
        },
        {
            "metric": "leads",
            "target": 500.0,
            "live": {"actual": 500.0, "progress": 1.0, "status": "achieved", "reason": None},
        },
    ]
    asked = peer.requests_to(GMV)[-1]
    assert asked.query == {
        "from": "2026-10-31T16:00:00Z",
        "to": "2026-11-11T16:00:00Z",
        "target": "1000000.0",
        "tz": "UTC",
        "campaign_id": campaign["id"],
    }
    assert asked.headers["x-workspace-id"] == WORKSPACE_A
    assert asked.headers["x-internal-token"]
    # campaign-svc asks with its own rights: exactly the scope the call needs.
    assert asked.headers["x-scopes"] == "metrics:read"


async def test_a_caller_without_metrics_read_sees_the_live_progress(
    client_for: Callable[..., httpx.AsyncClient], peer: StandIn
) -> None:
    # The stand-in refuses calls without metrics:read, as metrics-svc does.
    peer.answer(GMV, 200, progress(10, 1000000, "on_track"))
    peer.answer(LEADS, 200, progress(1, 500, "on_track"))
    reader = client_for(scopes=("campaign:read", "campaign:write"))
    campaign = await campaign_with_goals(reader)
    goals = (await reader.get(f"/v1/campaigns/{campaign['id']}")).json()["goals"]
    assert [(g["live"]["status"], g["live"]["actual"]) for g in goals] == [
        ("on_track", 10.0),
        ("on_track", 1.0),
    ]


async def test_list_shows_live_goals_too(client: httpx.AsyncClient, peer: StandIn) -> None:
    peer.answer(GMV, 200, progress(10, 1000000, "on_track"))
    peer.answer(LEADS, 200, progress(1, 500, "on_track"))
    await campaign_with_goals(client)
    (item,) = (await client.get("/v1/campaigns")).json()["items"]
    assert [g["live"]["status"] for g in item["goals"]] == ["on_track", "on_track"]


async def test_an_answer_is_cached_per_goal(client: httpx.AsyncClient, peer: StandIn) -> None:
    peer.answer(GMV, 200, progress(10, 1000000, "on_track"))
    peer.answer(LEADS, 200, progress(1, 500, "on_track"))
    campaign = await campaign_with_goals(client)
    asked = len(peer.requests_to(GMV))
    for _ in range(3):
        await client.get(f"/v1/campaigns/{campaign['id']}")
    assert len(peer.requests_to(GMV)) == asked
    # A changed target is another goal: asked afresh.
    await client.patch(
        f"/v1/campaigns/{campaign['id']}", json={"goals": [{"metric": "gmv", "target": 2000000}]}
    )
    assert peer.requests_to(GMV)[-1].query["target"] == "2000000.0"


@pytest.mark.campaign_env(CAMPAIGN_GOAL_PROGRESS_CACHE_S=0)
async def test_goal_progress_cache_s_zero_asks_at_every_read(
    client: httpx.AsyncClient, peer: StandIn
) -> None:
    peer.answer(GMV, 200, progress(10, 1000000, "on_track"))
    peer.answer(LEADS, 200, progress(1, 500, "on_track"))
    campaign = await campaign_with_goals(client)
    asked = len(peer.requests_to(GMV))
    for _ in range(2):
        await client.get(f"/v1/campaigns/{campaign['id']}")
    assert len(peer.requests_to(GMV)) == asked + 2


@pytest.mark.campaign_env(CAMPAIGN_GOAL_UNAVAILABLE_CACHE_S=0)
async def test_an_unavailable_answer_is_retried_sooner_than_a_good_one_is(
    client: httpx.AsyncClient, peer: StandIn
) -> None:
    peer.answer(GMV, 503, {"title": "Service Unavailable"})
    peer.answer(LEADS, 200, progress(1, 500, "on_track"))
    campaign = await campaign_with_goals(client)
    assert campaign["goals"][0]["live"]["status"] == "unavailable"
    peer.answer(GMV, 200, progress(1000000, 1000000, "achieved"))
    read = (await client.get(f"/v1/campaigns/{campaign['id']}")).json()
    assert read["goals"][0]["live"]["status"] == "achieved"


async def test_a_refusal_is_unavailable_with_its_reason(
    client: httpx.AsyncClient, peer: StandIn
) -> None:
    peer.answer(GMV, 404, {"status": 404, "detail": "No metric 'gmv'."})
    peer.answer(LEADS, 500, "oops")
    campaign = await campaign_with_goals(client)
    lives = [
        g["live"] for g in (await client.get(f"/v1/campaigns/{campaign['id']}")).json()["goals"]
    ]
    assert lives == [
        {
            "actual": None,
            "progress": None,
            "status": "unavailable",
            "reason": "metrics-svc refused (404): No metric 'gmv'.",
        },
        {
            "actual": None,
            "progress": None,
            "status": "unavailable",
            "reason": "metrics-svc refused (500)",
        },
    ]


async def test_a_nonsense_answer_is_unavailable(client: httpx.AsyncClient, peer: StandIn) -> None:
    peer.answer(GMV, 200, {"actual": "lots", "status": "great"})
    campaign = await campaign_with_goals(client)
    (gmv, _) = (await client.get(f"/v1/campaigns/{campaign['id']}")).json()["goals"]
    assert gmv["live"]["status"] == "unavailable"


@pytest.mark.campaign_env(CAMPAIGN_METRICS_TIMEOUT_S=0.5)
async def test_a_slow_metrics_svc_is_unavailable_within_the_timeout(
    client: httpx.AsyncClient, peer: StandIn
) -> None:
    peer.answer(GMV, 200, progress(10, 1000000, "on_track"), delay_s=3.0)
    peer.answer(LEADS, 200, progress(1, 500, "on_track"), delay_s=3.0)
    campaign = await campaign_with_goals(client)
    started = time.monotonic()
    r = await client.get(f"/v1/campaigns/{campaign['id']}")
    elapsed = time.monotonic() - started
    assert r.status_code == 200
    assert [g["live"]["reason"] for g in r.json()["goals"]] == [
        "metrics-svc did not answer within 0.5 s"
    ] * 2
    # Both goals asked at once: the read waits one timeout, not one per goal.
    assert elapsed < 1.5, elapsed


@pytest.mark.peers_down
async def test_with_metrics_svc_down_goals_answer_unavailable_at_once(
    client: httpx.AsyncClient,
) -> None:
    campaign = await campaign_with_goals(client)
    started = time.monotonic()
    r = await client.get(f"/v1/campaigns/{campaign['id']}")
    assert time.monotonic() - started < 2.0
    assert r.status_code == 200
    live = r.json()["goals"][0]["live"]
    assert (live["actual"], live["progress"], live["status"]) == (None, None, "unavailable")
    assert live["reason"] == "metrics-svc is unreachable (ConnectError)"


async def test_a_campaign_without_goals_asks_nothing(
    client: httpx.AsyncClient, peer: StandIn
) -> None:
    r = await client.post("/v1/campaigns", json=running_campaign())
    assert r.json()["goals"] == []
    await client.get(f"/v1/campaigns/{r.json()['id']}")
    assert peer.seen == []


async def test_an_empty_ratio_shows_null_numbers_not_an_outage(
    client: httpx.AsyncClient, peer: StandIn
) -> None:
    # Nothing to divide by yet (or the window not open): metrics-svc answers null numbers.
    empty = {**progress(0, 1000000, "on_track"), "actual": None, "progress": None}
    peer.answer(GMV, 200, empty)
    peer.answer(LEADS, 200, progress(5, 500, "at_risk"))
    campaign = await campaign_with_goals(client)
    r = await client.get(f"/v1/campaigns/{campaign['id']}")
    assert r.status_code == 200, r.text
    assert r.json()["goals"][0]["live"] == {
        "actual": None,
        "progress": None,
        "status": "on_track",
        "reason": None,
    }
