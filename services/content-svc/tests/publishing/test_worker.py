"""The publisher worker against real PostgreSQL and a real HTTP receiver."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from content_svc.config import Settings
from content_svc.models import OutboxEvent
from content_svc.publishing.egress import webhook_client
from content_svc.publishing.publishers import PublishFailed, WebhookPublisher, sign
from content_svc.publishing.service import PublisherWorker, backoff
from servicekit.db import Database
from servicekit.testing.plans import assert_steps_planned_with_values
from servicekit.testing.webhooks import Receiver

from .conftest import SECRET, Seed, delivered_then_crashed, load, worker_settings

MakeWorker = Callable[..., PublisherWorker]


@pytest.fixture
async def make_worker(database_url: str) -> AsyncIterator[MakeWorker]:
    made: list[tuple[Database, httpx.AsyncClient]] = []

    def make(**overrides: object) -> PublisherWorker:
        settings = worker_settings(database_url, **overrides)
        database = Database(database_url, pool_size=2, application_name="test-worker")
        client = webhook_client(
            settings.webhook_timeout_s, allow_private=settings.webhook_allow_private
        )
        made.append((database, client))
        return PublisherWorker(
            database, settings, WebhookPublisher(client, settings.webhook_timeout_s)
        )

    yield make
    for database, client in made:
        await client.aclose()
        await database.dispose()


async def run_until_settled(
    worker: PublisherWorker,
    engine: AsyncEngine,
    ids: list[uuid.UUID],
    statuses: tuple[str, ...] = ("published", "failed"),
    timeout_s: float = 15.0,
) -> None:
    deadline = asyncio.get_running_loop().time() + timeout_s
    while True:
        if all([(await load(engine, i)).status in statuses for i in ids]):
            return
        assert asyncio.get_running_loop().time() < deadline, "publications never settled"
        await worker.run_once()
        await asyncio.sleep(0.02)


async def events(engine: AsyncEngine, workspace: str, event_type: str) -> list[OutboxEvent]:
    async with AsyncSession(engine) as session:
        rows = await session.scalars(
            select(OutboxEvent).where(
                OutboxEvent.workspace_id == workspace, OutboxEvent.event_type == event_type
            )
        )
        return list(rows)


def test_signature_is_hmac_sha256_of_the_raw_body() -> None:
    expected = hmac.new(b"k" * 16, b'{"a":1}', hashlib.sha256).hexdigest()
    assert sign("k" * 16, b'{"a":1}') == f"sha256={expected}"


def test_backoff_doubles_up_to_the_cap() -> None:
    waits = [backoff(n, 30, 100).total_seconds() for n in range(1, 6)]
    assert waits == [30, 60, 100, 100, 100]


def test_lease_must_outlive_the_webhook_timeout() -> None:
    with pytest.raises(ValueError, match="CONTENT_PUBLISH_LEASE_S"):
        Settings(publish_lease_s=5, webhook_timeout_s=10)


def test_lease_must_outlive_a_wechat_publishing_attempt() -> None:
    with pytest.raises(ValueError, match="CONTENT_WECHAT_PUBLISH_WAIT_S"):
        Settings(publish_lease_s=30, wechat_publish_wait_s=30)


async def test_delivery_is_signed_and_publication_published(
    receiver: Receiver, seed: Seed, make_worker: MakeWorker, engine: AsyncEngine
) -> None:
    seeded = await seed(receiver.url)
    worker = make_worker()
    assert await worker.run_once() == 1

    [got] = receiver.deliveries
    publication = await load(engine, seeded.publication_ids[0])
    assert got.headers["content-type"] == "application/json"
    assert got.headers["x-mediaops-delivery"] == str(publication.delivery_id)
    expected = "sha256=" + hmac.new(SECRET.encode(), got.body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(got.headers["x-mediaops-signature"], expected)
    payload = json.loads(got.body)
    assert payload["delivery_id"] == str(publication.delivery_id)
    assert payload["publication_id"] == str(publication.id)
    assert payload["post_id"] == str(seeded.post_id)
    assert payload["channel"] == {
        "id": str(seeded.channel_id),
        "platform": "xiaohongshu",
        "handle": "brand_xhs",
    }
    assert payload["title"] == "双十一攻略"
    assert payload["body"] == "正文 **满减** 攻略"
    assert payload["tags"] == ["双十一", "攻略"]
    assert payload["media"][0]["alt"] == "封面"
    assert "双十一".encode() in got.body  # UTF-8 on the wire, not \\u escapes

    assert publication.status == "published"
    assert publication.attempts == 1
    assert publication.url == f"https://rcv.example/p/{publication.delivery_id}"
    assert publication.external_id == f"ext-{str(publication.delivery_id)[:8]}"
    assert publication.published_at is not None
    assert publication.lease_until is None
    [event] = await events(engine, seeded.workspace_id, "publication.published")
    assert event.payload["url"] == publication.url
    assert event.payload["tracking_code"] == publication.tracking_code
    assert event.payload["publication_id"] == str(publication.id)
    assert await worker.run_once() == 0  # nothing left to do


async def test_500_twice_then_200_publishes_after_three_attempts(
    receiver: Receiver, seed: Seed, make_worker: MakeWorker, engine: AsyncEngine
) -> None:
    receiver.script = [500, 500]
    seeded = await seed(receiver.url)
    [pid] = seeded.publication_ids
    worker = make_worker(publish_max_attempts=5)

    await worker.run_once()
    after_first = await load(engine, pid)
    assert after_first.status == "scheduled"
    assert after_first.attempts == 1
    assert after_first.last_error == "webhook answered 500 (Internal Server Error)"
    assert after_first.next_attempt_at > after_first.updated_at  # backing off

    await run_until_settled(worker, engine, [pid])
    publication = await load(engine, pid)
    assert publication.status == "published"
    assert publication.attempts == 3
    assert receiver.ids() == [str(publication.delivery_id)] * 3  # one delivery id throughout


async def test_always_500_fails_after_max_attempts(
    receiver: Receiver, seed: Seed, make_worker: MakeWorker, engine: AsyncEngine
) -> None:
    receiver.default_status = 500
    seeded = await seed(receiver.url)
    [pid] = seeded.publication_ids
    worker = make_worker(publish_max_attempts=3)
    await run_until_settled(worker, engine, [pid])
    publication = await load(engine, pid)
    assert publication.status == "failed"
    assert publication.attempts == 3
    assert publication.last_error == "webhook answered 500 (Internal Server Error)"
    assert len(receiver.deliveries) == 3
    [event] = await events(engine, seeded.workspace_id, "publication.failed")
    assert event.payload["last_error"] == publication.last_error
    await asyncio.sleep(0.3)
    assert await worker.run_once() == 0
    assert len(receiver.deliveries) == 3


async def test_answer_without_json_is_a_readable_failure(
    receiver: Receiver, seed: Seed, make_worker: MakeWorker, engine: AsyncEngine
) -> None:
    receiver.default_status = "not-json"
    seeded = await seed(receiver.url)
    await make_worker().run_once()
    publication = await load(engine, seeded.publication_ids[0])
    assert publication.status == "scheduled"
    assert publication.last_error is not None
    assert publication.last_error.startswith(
        'webhook answered 200 but not with JSON {"external_id"'
    )


async def test_slow_receiver_times_out_as_a_failure(
    receiver: Receiver, seed: Seed, make_worker: MakeWorker, engine: AsyncEngine
) -> None:
    receiver.delay_s = 1.5
    seeded = await seed(receiver.url)
    await make_worker(webhook_timeout_s=0.3).run_once()
    publication = await load(engine, seeded.publication_ids[0])
    assert publication.status == "scheduled"
    assert publication.last_error == "webhook timed out after 0.3 s"


async def test_unreachable_receiver_is_a_readable_failure(
    seed: Seed, make_worker: MakeWorker, engine: AsyncEngine
) -> None:
    seeded = await seed("http://127.0.0.1:9/hook")  # discard port: nothing listens
    await make_worker().run_once()
    publication = await load(engine, seeded.publication_ids[0])
    assert publication.last_error is not None
    assert publication.last_error.startswith("webhook unreachable: ConnectError")


async def test_crash_between_call_and_commit_redelivers_with_same_delivery_id(
    receiver: Receiver, seed: Seed, make_worker: MakeWorker, engine: AsyncEngine
) -> None:
    _, pid = await delivered_then_crashed(seed, receiver, make_worker())
    held = await load(engine, pid)
    assert held.status == "publishing"
    assert held.lease_until is not None

    survivor = make_worker()
    assert await survivor.run_once() == 0  # the lease still protects the claim
    after_lease = datetime.now(UTC) + timedelta(seconds=6)
    [redelivery] = await survivor.claim(now=after_lease)
    await survivor.record(redelivery, await survivor.deliver(redelivery))

    publication = await load(engine, pid)
    assert publication.status == "published"
    assert publication.attempts == 2
    assert receiver.ids() == [str(publication.delivery_id)] * 2


async def test_stale_failure_from_an_expired_claim_is_dropped(
    receiver: Receiver, seed: Seed, make_worker: MakeWorker, engine: AsyncEngine
) -> None:
    seeded = await seed(receiver.url)
    [pid] = seeded.publication_ids
    slow, fast = make_worker(), make_worker()
    [first] = await slow.claim()
    [second] = await fast.claim(now=datetime.now(UTC) + timedelta(seconds=6))
    assert second.attempt == first.attempt + 1
    assert await slow.record(first, PublishFailed("webhook answered 502: late")) is None
    held = await load(engine, pid)
    assert held.status == "publishing"
    assert held.last_error is None
    assert await fast.record(second, await fast.deliver(second)) == "published"


async def test_two_workers_deliver_each_publication_exactly_once(
    receiver: Receiver, seed: Seed, make_worker: MakeWorker, engine: AsyncEngine
) -> None:
    receiver.delay_s = 0.01  # keep both workers busy at the same time
    seeded = await seed(receiver.url, count=40)
    workers = [make_worker(worker_batch_size=3) for _ in range(2)]
    stop = asyncio.Event()
    loops = [asyncio.create_task(w.run(stop)) for w in workers]
    try:
        deadline = asyncio.get_running_loop().time() + 30
        while len(receiver.deliveries) < 40 or not all(
            [(await load(engine, i)).status == "published" for i in seeded.publication_ids]
        ):
            assert asyncio.get_running_loop().time() < deadline, "not all published"
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.3)  # a double delivery would show up now
    finally:
        stop.set()
        await asyncio.gather(*loops)
    ids = receiver.ids()
    assert len(ids) == 40
    assert len(set(ids)) == 40
    for pid in seeded.publication_ids:
        assert (await load(engine, pid)).attempts == 1


async def test_manual_channel_is_handed_to_an_operator_without_a_call(
    receiver: Receiver, seed: Seed, make_worker: MakeWorker, engine: AsyncEngine
) -> None:
    seeded = await seed(None)
    worker = make_worker()
    assert await worker.run_once() == 0
    publication = await load(engine, seeded.publication_ids[0])
    assert publication.status == "publishing"
    assert publication.attempts == 0
    assert publication.lease_until is None
    assert receiver.deliveries == []


async def test_future_publications_wait(
    receiver: Receiver, seed: Seed, make_worker: MakeWorker, engine: AsyncEngine
) -> None:
    seeded = await seed(receiver.url, scheduled_at=datetime.now(UTC) + timedelta(hours=1))
    assert await make_worker().run_once() == 0
    assert (await load(engine, seeded.publication_ids[0])).status == "scheduled"
    assert receiver.deliveries == []


async def test_every_poll_is_planned_with_its_values(
    seed: Seed, make_worker: MakeWorker, database_url: str
) -> None:
    """Every poll sends the same statements, whatever plan PostgreSQL would keep for them: the
    hand-over of due manual publications' generic plan read every approved post."""
    await seed(None)
    worker = make_worker()

    def poll_on(database: Database) -> Callable[[], Awaitable[int]]:
        worker.database = database
        return worker.run_once

    await assert_steps_planned_with_values(database_url, poll_on, "UPDATE publication SET status")
