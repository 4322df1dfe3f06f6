"""GET /v1/channels/{id}/best-times: learned from metrics-svc (a real HTTP peer on 127.0.0.1),
the channel's prime time when metrics-svc is down, slow, refusing or short of history."""

from collections.abc import Callable
from datetime import datetime, time

import httpx

from content_svc.channels.best_times import TOO_LITTLE_HISTORY
from servicekit.testing.headers import WORKSPACE_A, WORKSPACE_B

from ..helpers import assert_problem
from .helpers import days_ahead, make_channel
from .metrics_peer import MetricsPeer, slot

BERLIN = "Europe/Berlin"
PRIME_TIME = [{"weekday": 5, "time": "21:30"}, {"weekday": 2, "time": "08:15"}]


async def test_learned_slots_come_from_metrics_svc_in_the_channels_time_zone(
    client: httpx.AsyncClient, metrics_peer: MetricsPeer
) -> None:
    channel = await make_channel(client, BERLIN, PRIME_TIME)
    weekday, expected_next = days_ahead(BERLIN, 3, time(19))
    metrics_peer.slots[channel] = [slot(weekday, 19, 500, 90), slot(1, 7, 400, 60)]

    r = await client.get(f"/v1/channels/{channel}/best-times")
    assert r.status_code == 200, r.text
    assert r.json() == {
        "channel_id": channel,
        "timezone": BERLIN,
        "source": "learned",
        "reason": None,
        "slots": [
            {
                "weekday": weekday,
                "time": "19:00",
                "exposures": 500,
                "engagements": 90,
                "engagement_rate": 0.18,
            },
            {
                "weekday": 1,
                "time": "07:00",
                "exposures": 400,
                "engagements": 60,
                "engagement_rate": 0.15,
            },
        ],
        "next_best_slot": expected_next.isoformat().replace("+00:00", "Z"),
    }
    [asked] = metrics_peer.asked
    assert asked.params == {"channel_id": channel, "tz": BERLIN}
    assert asked.headers["x-workspace-id"] == WORKSPACE_A
    # content-svc asks with its own rights: exactly the scope the call needs.
    assert asked.headers["x-scopes"] == "metrics:read"
    assert asked.headers["x-internal-token"]


async def test_a_caller_without_metrics_read_still_gets_the_learned_slots(
    client: httpx.AsyncClient,
    client_for: Callable[..., httpx.AsyncClient],
    metrics_peer: MetricsPeer,
) -> None:
    # The peer refuses calls without metrics:read, as metrics-svc does; the caller holds none.
    reader = client_for(scopes=("content:read",))
    channel = await make_channel(client, BERLIN, PRIME_TIME)
    metrics_peer.slots[channel] = [slot(3, 20)]
    body = (await reader.get(f"/v1/channels/{channel}/best-times")).json()
    assert (body["source"], body["reason"]) == ("learned", None)
    assert [(s["weekday"], s["time"]) for s in body["slots"]] == [(3, "20:00")]


async def test_an_answer_is_kept_a_while_so_metrics_svc_is_asked_once(
    client: httpx.AsyncClient, metrics_peer: MetricsPeer
) -> None:
    channel = await make_channel(client, BERLIN)
    metrics_peer.slots[channel] = [slot(3, 20)]
    first = (await client.get(f"/v1/channels/{channel}/best-times")).json()
    metrics_peer.stop()
    again = (await client.get(f"/v1/channels/{channel}/best-times")).json()
    assert again == first
    assert again["source"] == "learned"
    assert len(metrics_peer.asked) == 1


async def test_when_nothing_listens_the_channels_prime_time_answers(
    client: httpx.AsyncClient, metrics_peer: MetricsPeer
) -> None:
    metrics_peer.stop()
    channel = await make_channel(client, "Asia/Shanghai", PRIME_TIME)
    r = await client.get(f"/v1/channels/{channel}/best-times")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["source"] == "channel_prime_time"
    assert body["reason"] == "metrics-svc is unreachable (ConnectError)"
    assert body["slots"] == [
        {
            "weekday": 2,
            "time": "08:15",
            "exposures": None,
            "engagements": None,
            "engagement_rate": None,
        },
        {
            "weekday": 5,
            "time": "21:30",
            "exposures": None,
            "engagements": None,
            "engagement_rate": None,
        },
    ]
    assert body["next_best_slot"] is not None


async def test_too_little_history_falls_back_to_prime_time_and_says_so(
    client: httpx.AsyncClient, metrics_peer: MetricsPeer
) -> None:
    channel = await make_channel(client, "Asia/Shanghai", PRIME_TIME)
    r = await client.get(f"/v1/channels/{channel}/best-times")  # the peer knows no slot of it
    body = r.json()
    assert body["source"] == "channel_prime_time"
    assert body["reason"] == TOO_LITTLE_HISTORY
    assert [s["time"] for s in body["slots"]] == ["08:15", "21:30"]
    assert len(metrics_peer.asked) == 1


async def test_a_slow_metrics_svc_falls_back_within_its_timeout(
    client: httpx.AsyncClient, metrics_peer: MetricsPeer
) -> None:
    channel = await make_channel(client, "Asia/Shanghai", PRIME_TIME)
    metrics_peer.slots[channel] = [slot(3, 20)]
    metrics_peer.delay_s = 3.0
    started = datetime.now()
    body = (await client.get(f"/v1/channels/{channel}/best-times")).json()
    assert (datetime.now() - started).total_seconds() < 2.5
    assert body["source"] == "channel_prime_time"
    assert body["reason"] == "metrics-svc did not answer within 0.5 s"
    # The failure is remembered briefly: the next read does not wait again.
    started = datetime.now()
    assert (await client.get(f"/v1/channels/{channel}/best-times")).json() == body
    assert (datetime.now() - started).total_seconds() < 0.4
    assert len(metrics_peer.asked) == 1


async def test_a_refusal_or_an_error_of_metrics_svc_falls_back(
    client: httpx.AsyncClient, metrics_peer: MetricsPeer
) -> None:
    refused = await make_channel(client, "Asia/Shanghai", PRIME_TIME)
    metrics_peer.status = 403
    body = (await client.get(f"/v1/channels/{refused}/best-times")).json()
    assert (body["source"], body["reason"]) == ("channel_prime_time", "metrics-svc refused (403)")
    failing = await make_channel(client, BERLIN, PRIME_TIME)
    metrics_peer.status = 503
    body = (await client.get(f"/v1/channels/{failing}/best-times")).json()
    assert (body["source"], body["reason"]) == ("channel_prime_time", "metrics-svc refused (503)")


async def test_no_learned_slot_and_no_prime_time_is_an_empty_answer(
    client: httpx.AsyncClient, metrics_peer: MetricsPeer
) -> None:
    metrics_peer.stop()
    channel = await make_channel(client, "Asia/Shanghai")
    body = (await client.get(f"/v1/channels/{channel}/best-times")).json()
    assert body["source"] == "channel_prime_time"
    assert body["slots"] == []
    assert body["next_best_slot"] is None


async def test_another_workspaces_channel_is_404_and_metrics_svc_is_not_asked(
    client: httpx.AsyncClient,
    client_for: Callable[..., httpx.AsyncClient],
    metrics_peer: MetricsPeer,
) -> None:
    channel = await make_channel(client, "Asia/Shanghai", PRIME_TIME)
    r = await client_for(WORKSPACE_B).get(f"/v1/channels/{channel}/best-times")
    assert_problem(r, 404)
    assert metrics_peer.asked == []


async def test_reading_best_times_needs_content_read(
    client: httpx.AsyncClient, client_for: Callable[..., httpx.AsyncClient]
) -> None:
    channel = await make_channel(client, "Asia/Shanghai", PRIME_TIME)
    assert_problem(await client_for(scopes=()).get(f"/v1/channels/{channel}/best-times"), 403)
