"""POST /v1/publications with ``schedule: next_best_slot``: the next occurrence of the best
learned slot in the channel's time zone, else the soonest of the channel's prime-time slots."""

from datetime import datetime, time

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from content_svc.publications.models import Publication

from ..helpers import assert_problem, count_rows
from ..publications.conftest import MakePost
from .helpers import days_ahead, make_channel
from .metrics_peer import MetricsPeer, slot

SHANGHAI = "Asia/Shanghai"
NEW_YORK = "America/New_York"


async def publish_at_best_slot(
    client: httpx.AsyncClient, post_id: object, channel_id: str, **fields: object
) -> httpx.Response:
    return await client.post(
        "/v1/publications",
        json={
            "post_id": str(post_id),
            "channel_id": channel_id,
            "schedule": "next_best_slot",
            **fields,
        },
    )


def scheduled_at(r: httpx.Response) -> datetime:
    assert r.status_code == 201, r.text
    return datetime.fromisoformat(r.json()["scheduled_at"])


async def test_the_best_learned_slot_wins_over_a_sooner_prime_time(
    client: httpx.AsyncClient, make_post: MakePost, metrics_peer: MetricsPeer
) -> None:
    soon_weekday, _ = days_ahead(SHANGHAI, 1, time(8, 15))
    best_weekday, best = days_ahead(SHANGHAI, 4, time(20))
    second_weekday, _ = days_ahead(SHANGHAI, 2, time(9))
    channel = await make_channel(client, SHANGHAI, [{"weekday": soon_weekday, "time": "08:15"}])
    # Best first, as metrics-svc ranks them: the second-best is sooner and still loses.
    metrics_peer.slots[channel] = [slot(best_weekday, 20, 500, 100), slot(second_weekday, 9)]
    post = await make_post()

    r = await publish_at_best_slot(client, post.id, channel)
    assert scheduled_at(r) == best
    assert datetime.fromisoformat(r.json()["next_attempt_at"]) == best
    assert metrics_peer.asked[0].params == {"channel_id": channel, "tz": SHANGHAI}


async def test_learned_slots_are_wall_clock_hours_in_the_channels_zone(
    client: httpx.AsyncClient, make_post: MakePost, metrics_peer: MetricsPeer
) -> None:
    weekday, expected = days_ahead(NEW_YORK, 2, time(7))
    channel = await make_channel(client, NEW_YORK)
    metrics_peer.slots[channel] = [slot(weekday, 7)]
    post = await make_post()
    assert scheduled_at(await publish_at_best_slot(client, post.id, channel)) == expected


async def test_with_metrics_svc_down_the_soonest_prime_time_slot_is_taken(
    client: httpx.AsyncClient, make_post: MakePost, metrics_peer: MetricsPeer
) -> None:
    metrics_peer.stop()
    later_weekday, _ = days_ahead(SHANGHAI, 3, time(21, 30))
    sooner_weekday, sooner = days_ahead(SHANGHAI, 2, time(8, 15))
    channel = await make_channel(
        client,
        SHANGHAI,
        [
            {"weekday": later_weekday, "time": "21:30"},
            {"weekday": sooner_weekday, "time": "08:15"},
        ],
    )
    post = await make_post()
    assert scheduled_at(await publish_at_best_slot(client, post.id, channel)) == sooner


async def test_without_any_slot_it_is_a_422_and_nothing_is_stored(
    client: httpx.AsyncClient,
    make_post: MakePost,
    metrics_peer: MetricsPeer,
    db_session: AsyncSession,
) -> None:
    channel = await make_channel(client, SHANGHAI)  # no prime time; the peer knows no slot
    post = await make_post()
    r = await publish_at_best_slot(client, post.id, channel)
    assert_problem(r, 422)
    assert "prime_time_slots" in r.json()["detail"]
    assert "too little history" in r.json()["detail"]
    assert r.json()["errors"][0]["loc"] == ["body", "schedule"]
    assert await count_rows(db_session, Publication) == 0


async def test_schedule_and_scheduled_at_together_are_a_422(
    client: httpx.AsyncClient,
    make_post: MakePost,
    metrics_peer: MetricsPeer,
    db_session: AsyncSession,
) -> None:
    channel = await make_channel(client, SHANGHAI, [{"weekday": 1, "time": "08:00"}])
    post = await make_post()
    _, when = days_ahead(SHANGHAI, 1, time(9))
    r = await publish_at_best_slot(client, post.id, channel, scheduled_at=when.isoformat())
    assert_problem(r, 422)
    assert "not both" in r.text
    r = await client.post(
        "/v1/publications",
        json={"post_id": str(post.id), "channel_id": channel, "schedule": "whenever"},
    )
    assert_problem(r, 422)
    assert await count_rows(db_session, Publication) == 0
    assert metrics_peer.asked == []
