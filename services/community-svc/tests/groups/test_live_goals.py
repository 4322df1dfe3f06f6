"""Group goals show their live standing from metrics-svc's progress route: a stand-in on a real
port of 127.0.0.1 here (tests/e2e use the real metrics-svc), and "unavailable" whenever it is
down, slow or refuses, within metrics_timeout_s."""

import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import httpx

from servicekit.testing.servers import StandIn
from tests.conftest import ClientWith
from tests.helpers import create_group

GOAL = {"horizon": "short_term", "metric": "activity_rate", "target": 0.6, "due_date": "2026-12-31"}
PROGRESS = "/v1/metrics/activity_rate/progress"


def progress(actual: float, target: float, status: str) -> dict[str, object]:
    return {
        "metric": "activity_rate",
        "from": "x",
        "to": "y",
        "actual": actual,
        "target": target,
        "progress": actual / target,
        "status": status,
    }


async def test_a_goal_shows_actual_progress_and_status_from_metrics(
    client_with: ClientWith, peer: StandIn
) -> None:
    peer.answer(PROGRESS, 200, progress(0.3, 0.6, "at_risk"))
    client = await client_with(metrics_url=peer.url)
    group = await create_group(client, timezone="Asia/Shanghai")
    r = await client.post(f"/v1/groups/{group['id']}/goals", json=GOAL)
    assert r.status_code == 201, r.text
    live = {"actual": 0.3, "progress": 0.5, "status": "at_risk", "reason": None}
    assert r.json()["live"] == live
    read = (await client.get(f"/v1/groups/{group['id']}")).json()
    assert [g["live"] for g in read["goals"]] == [live]
    assert [g["live"] for g in (await client.get(f"/v1/groups/{group['id']}/goals")).json()] == [
        live
    ]
    # Asked once: the answer is reused for the next reads (cached ~30 s).
    [seen] = peer.seen
    assert seen.path == PROGRESS
    end_of_due_day = datetime(2027, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert seen.query == {
        "from": datetime.fromisoformat(group["created_at"])
        .replace(minute=0, second=0, microsecond=0)
        .isoformat(),
        "to": end_of_due_day.astimezone(ZoneInfo("UTC")).isoformat(),
        "target": "0.6",
        "tz": "UTC",
        "group_id": group["id"],
    }
    assert seen.query["to"] == "2026-12-31T16:00:00+00:00"
    assert seen.headers["x-workspace-id"] == "ws-alpha"
    # community-svc asks with its own rights: exactly the scope the call needs.
    assert seen.headers["x-scopes"] == "metrics:read"
    assert "x-actor-id" not in seen.headers


async def test_a_caller_without_metrics_read_sees_the_live_progress(
    client_with: ClientWith, peer: StandIn
) -> None:
    # The caller holds community scopes only; the stand-in refuses calls without
    # metrics:read, as metrics-svc does.
    peer.answer(PROGRESS, 200, progress(0.6, 0.6, "achieved"))
    client = await client_with(metrics_url=peer.url)
    assert "metrics:read" not in client.headers["x-scopes"].split()
    group = await create_group(client)
    await client.post(f"/v1/groups/{group['id']}/goals", json=GOAL)
    read = (await client.get(f"/v1/groups/{group['id']}")).json()
    assert read["goals"][0]["live"] == {
        "actual": 0.6,
        "progress": 1.0,
        "status": "achieved",
        "reason": None,
    }


async def test_each_goal_is_asked_for_with_its_own_metric_and_target(
    client_with: ClientWith, peer: StandIn
) -> None:
    peer.answer(PROGRESS, 200, progress(0.3, 0.6, "on_track"))
    peer.answer("/v1/metrics/gmv/progress", 200, progress(100_000.0, 100_000.0, "achieved"))
    client = await client_with(metrics_url=peer.url)
    group = await create_group(client)
    await client.post(f"/v1/groups/{group['id']}/goals", json=GOAL)
    gmv = {**GOAL, "horizon": "long_term", "metric": "gmv", "target": 100000}
    await client.post(f"/v1/groups/{group['id']}/goals", json=gmv)
    goals = (await client.get(f"/v1/groups/{group['id']}")).json()["goals"]
    assert [(g["metric"], g["live"]["status"]) for g in goals] == [
        ("activity_rate", "on_track"),
        ("gmv", "achieved"),
    ]
    assert {s.query["target"] for s in peer.seen} == {"0.6", "100000"}


async def test_an_unknown_metric_is_unavailable_with_the_reason(
    client_with: ClientWith, peer: StandIn
) -> None:
    peer.answer(
        "/v1/metrics/no_such_metric/progress",
        404,
        {"title": "Not Found", "detail": "No metric 'no_such_metric'."},
    )
    client = await client_with(metrics_url=peer.url)
    group = await create_group(client)
    r = await client.post(
        f"/v1/groups/{group['id']}/goals", json={**GOAL, "metric": "no_such_metric"}
    )
    assert r.status_code == 201
    assert r.json()["live"] == {
        "actual": None,
        "progress": None,
        "status": "unavailable",
        "reason": "metrics-svc refused (404): No metric 'no_such_metric'.",
    }


async def test_a_metrics_error_or_odd_answer_is_unavailable(
    client_with: ClientWith, peer: StandIn
) -> None:
    client = await client_with(metrics_url=peer.url)
    group = await create_group(client)
    peer.answer(PROGRESS, 500, {"title": "Internal Server Error"})
    r = await client.post(f"/v1/groups/{group['id']}/goals", json=GOAL)
    assert r.json()["live"]["status"] == "unavailable"
    assert r.json()["live"]["reason"] == "metrics-svc refused (500)"
    peer.answer("/v1/metrics/gmv/progress", 200, {"actual": "lots"})
    r = await client.post(f"/v1/groups/{group['id']}/goals", json={**GOAL, "metric": "gmv"})
    assert r.json()["live"]["status"] == "unavailable"


async def test_nothing_listening_is_unavailable_and_the_group_still_answers(
    client: httpx.AsyncClient,
) -> None:
    # The suite's metrics_url is a port where nothing listens.
    group = await create_group(client)
    await client.post(f"/v1/groups/{group['id']}/goals", json=GOAL)
    started = time.monotonic()
    r = await client.get(f"/v1/groups/{group['id']}")
    assert r.status_code == 200
    assert time.monotonic() - started < 2.0
    assert r.json()["goals"][0]["live"] == {
        "actual": None,
        "progress": None,
        "status": "unavailable",
        "reason": "metrics-svc is unreachable (ConnectError)",
    }


async def test_a_slow_metrics_is_unavailable_within_the_timeout(
    client_with: ClientWith, peer: StandIn
) -> None:
    peer.answer(PROGRESS, 200, progress(0.3, 0.6, "on_track"), delay_s=3.0)
    peer.answer("/v1/metrics/gmv/progress", 200, progress(1.0, 1.0, "achieved"), delay_s=3.0)
    client = await client_with(metrics_url=peer.url, metrics_timeout_s=0.5)
    group = await create_group(client)
    await client.post(f"/v1/groups/{group['id']}/goals", json=GOAL)
    await client.post(f"/v1/groups/{group['id']}/goals", json={**GOAL, "metric": "gmv"})
    started = time.monotonic()
    r = await client.get(f"/v1/groups/{group['id']}")
    elapsed = time.monotonic() - started
    assert r.status_code == 200
    # Both goals are asked for at once: the read takes one timeout, not one per goal.
    assert elapsed < 1.5, elapsed
    assert [g["live"]["reason"] for g in r.json()["goals"]] == [
        "metrics-svc did not answer within 0.5 s"
    ] * 2


async def test_an_unavailable_answer_is_retried_sooner_than_a_good_one_is(
    client_with: ClientWith, peer: StandIn
) -> None:
    peer.answer(PROGRESS, 503, {"title": "Service Unavailable"})
    client = await client_with(metrics_url=peer.url, goal_unavailable_cache_s=0)
    group = await create_group(client)
    first = await client.post(f"/v1/groups/{group['id']}/goals", json=GOAL)
    assert first.json()["live"]["status"] == "unavailable"
    peer.answer(PROGRESS, 200, progress(0.6, 0.6, "achieved"))
    read = (await client.get(f"/v1/groups/{group['id']}")).json()
    assert read["goals"][0]["live"]["status"] == "achieved"


async def test_a_group_without_goals_asks_metrics_nothing(
    client_with: ClientWith, peer: StandIn
) -> None:
    client = await client_with(metrics_url=peer.url)
    group = await create_group(client)
    assert (await client.get(f"/v1/groups/{group['id']}")).json()["goals"] == []
    assert peer.seen == []


def test_window_ends_at_the_end_of_the_due_day_in_the_groups_time_zone() -> None:
    from community_svc.groups.goals import window
    from community_svc.groups.models import Group, GroupGoal

    created = datetime.fromisoformat("2026-11-01T02:17:05+00:00")
    group = Group(timezone="America/New_York", created_at=created)
    goal = GroupGoal(due_date=datetime(2026, 11, 1).date())  # DST ends that day in New York
    start, end = window(group, goal)
    # From the start of the creation hour: metrics-svc counts whole hours, and a join in the
    # group's first minutes counts toward its goals.
    assert start == datetime.fromisoformat("2026-11-01T02:00:00+00:00")
    assert end == datetime.fromisoformat("2026-11-02T05:00:00+00:00")
    assert end - start == timedelta(days=1, hours=3)


async def test_an_empty_ratio_shows_null_numbers_not_an_outage(
    client_with: ClientWith, peer: StandIn
) -> None:
    # No member yet: activity_rate has nothing to divide by, and metrics-svc answers null.
    empty = {**progress(0.0, 0.6, "at_risk"), "actual": None, "progress": None}
    peer.answer(PROGRESS, 200, empty)
    client = await client_with(metrics_url=peer.url)
    group = await create_group(client, timezone="Asia/Shanghai")
    r = await client.post(f"/v1/groups/{group['id']}/goals", json=GOAL)
    assert r.status_code == 201, r.text
    assert r.json()["live"] == {
        "actual": None,
        "progress": None,
        "status": "at_risk",
        "reason": None,
    }
