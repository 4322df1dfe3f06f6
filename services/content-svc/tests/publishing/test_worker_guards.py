"""What the worker must refuse to send, and answers it must survive (review of issue #3)."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

from content_svc.channels.models import Channel
from content_svc.models import OutboxEvent
from content_svc.posts.models import Post
from content_svc.publications.repository import PublicationRepository
from content_svc.publications.service import retry_publication
from content_svc.publishing.publishers import Delivery, Published, WebhookPublisher
from content_svc.publishing.service import Publisher, PublisherWorker
from servicekit.db import Database
from servicekit.testing.webhooks import Receiver
from servicekit.unitofwork import UnitOfWork

from .conftest import Seed, Seeded, delivered_then_crashed, load, worker_settings

MakeWorker = Callable[..., PublisherWorker]


@pytest.fixture
async def make_worker(database_url: str) -> AsyncIterator[MakeWorker]:
    made: list[tuple[Database, httpx.AsyncClient]] = []

    def make(publisher: Publisher | None = None, **overrides: object) -> PublisherWorker:
        settings = worker_settings(database_url, **overrides)
        database = Database(database_url, pool_size=2, application_name="test-worker")
        client = httpx.AsyncClient(timeout=settings.webhook_timeout_s)
        made.append((database, client))
        return PublisherWorker(
            database, settings, publisher or WebhookPublisher(client, settings.webhook_timeout_s)
        )

    yield make
    for database, client in made:
        await client.aclose()
        await database.dispose()


async def set_post(engine: AsyncEngine, post_id: uuid.UUID, **values: Any) -> None:
    async with AsyncSession(engine) as session, session.begin():
        await session.execute(update(Post).where(Post.id == post_id).values(**values))


async def failed_events(engine: AsyncEngine, workspace: str) -> list[dict[str, Any]]:
    async with AsyncSession(engine) as session:
        rows = await session.scalars(
            select(OutboxEvent).where(
                OutboxEvent.workspace_id == workspace,
                OutboxEvent.event_type == "publication.failed",
            )
        )
        return [dict(e.payload) for e in rows]


async def retry(engine: AsyncEngine, seeded: Seeded, publication_id: uuid.UUID) -> None:
    """What POST /v1/publications/{id}/retry does, committed for the worker to see."""
    async with AsyncSession(engine, expire_on_commit=False) as session, session.begin():
        uow = UnitOfWork(session, seeded.workspace_id, OutboxEvent)
        publication = await uow.repo(PublicationRepository).get(publication_id)
        assert publication is not None
        await retry_publication(uow, publication)


# 1. Approval (and the channel's limits) are checked when the worker sends, not only at creation.


@pytest.mark.parametrize("status", ["draft", "archived"])
async def test_post_no_longer_approved_is_failed_not_sent(
    status: str, receiver: Receiver, seed: Seed, make_worker: MakeWorker, engine: AsyncEngine
) -> None:
    seeded = await seed(receiver.url)
    [pid] = seeded.publication_ids
    await set_post(engine, seeded.post_id, status=status, title="改过的标题")
    worker = make_worker()

    assert await worker.run_once() == 0
    assert receiver.deliveries == []
    publication = await load(engine, pid)
    assert publication.status == "failed"
    assert publication.last_error == (
        f"post is {status}, no longer approved; approve it again and retry"
    )
    assert publication.attempts == 0  # nothing was sent
    assert publication.lease_until is None
    [event] = await failed_events(engine, seeded.workspace_id)
    assert event["last_error"] == publication.last_error
    assert await worker.run_once() == 0  # it stays failed
    assert receiver.deliveries == []

    await set_post(engine, seeded.post_id, status="approved")
    await retry(engine, seeded, pid)
    assert await worker.run_once() == 1
    [got] = receiver.deliveries
    assert json.loads(got.body)["title"] == "改过的标题"  # the content approved the second time
    assert (await load(engine, pid)).status == "published"


async def test_retry_while_still_unapproved_fails_again(
    receiver: Receiver, seed: Seed, make_worker: MakeWorker, engine: AsyncEngine
) -> None:
    seeded = await seed(receiver.url)
    [pid] = seeded.publication_ids
    await set_post(engine, seeded.post_id, status="in_review")
    worker = make_worker()
    await worker.run_once()
    await retry(engine, seeded, pid)
    assert await worker.run_once() == 0
    assert receiver.deliveries == []
    publication = await load(engine, pid)
    assert publication.status == "failed"
    assert publication.last_error is not None
    assert publication.last_error.startswith("post is in_review, no longer approved")


async def test_backing_off_publication_of_an_edited_post_is_not_retried(
    receiver: Receiver, seed: Seed, make_worker: MakeWorker, engine: AsyncEngine
) -> None:
    receiver.script = [500]
    seeded = await seed(receiver.url)
    [pid] = seeded.publication_ids
    worker = make_worker()
    await worker.run_once()
    assert (await load(engine, pid)).status == "scheduled"  # backing off after attempt 1
    await set_post(engine, seeded.post_id, status="draft")
    await worker.run_once(now=datetime.now(UTC) + timedelta(seconds=5))
    assert len(receiver.deliveries) == 1
    publication = await load(engine, pid)
    assert publication.status == "failed"
    assert publication.attempts == 1  # the one real delivery
    assert publication.last_error == (
        "post is draft, no longer approved; approve it again and retry"
    )


async def test_expired_claim_of_an_edited_post_is_not_resent(
    receiver: Receiver, seed: Seed, make_worker: MakeWorker, engine: AsyncEngine
) -> None:
    seeded, pid = await delivered_then_crashed(seed, receiver, make_worker())
    await set_post(engine, seeded.post_id, status="draft")

    survivor = make_worker()
    assert await survivor.claim(now=datetime.now(UTC) + timedelta(seconds=6)) == []
    assert len(receiver.deliveries) == 1
    publication = await load(engine, pid)
    assert publication.status == "failed"
    assert publication.last_error is not None
    assert publication.last_error.startswith("post is draft, no longer approved")


async def test_manual_channel_is_not_handed_an_unapproved_post(
    seed: Seed, make_worker: MakeWorker, engine: AsyncEngine
) -> None:
    seeded = await seed(None)
    [pid] = seeded.publication_ids
    await set_post(engine, seeded.post_id, status="archived")
    await make_worker().run_once()
    publication = await load(engine, pid)
    assert publication.status == "failed"
    assert publication.last_error == (
        "post is archived, no longer approved; approve it again and retry"
    )


async def test_channel_limits_are_checked_again_when_sending(
    receiver: Receiver, seed: Seed, make_worker: MakeWorker, engine: AsyncEngine
) -> None:
    seeded = await seed(receiver.url)  # title 双十一攻略: 5 characters, fine when created
    [pid] = seeded.publication_ids
    async with AsyncSession(engine) as session, session.begin():
        await session.execute(
            update(Channel)
            .where(Channel.id == seeded.channel_id)
            .values(limit_overrides={"title_max": 3})
        )
    assert await make_worker().run_once() == 0
    assert receiver.deliveries == []
    publication = await load(engine, pid)
    assert publication.status == "failed"
    assert publication.attempts == 0  # the claim's attempt is given back: nothing was sent
    assert publication.last_error == (
        "title is 5 characters; channel 'brand_xhs' allows at most 3 (title_max override)"
    )
    [event] = await failed_events(engine, seeded.workspace_id)
    assert event["attempts"] == 0


# 2. A receiver's answer can never wedge a publication in `publishing`.


def answering(
    body: dict[str, Any] | str, status_code: int = 200
) -> Callable[[Request], Awaitable[Response]]:
    async def handle(request: Request) -> Response:
        if isinstance(body, str):
            return PlainTextResponse(body, status_code=status_code)
        return JSONResponse(body, status_code=status_code)

    return handle


async def test_nul_in_an_error_answer_is_stored_without_it(
    receiver: Receiver,
    seed: Seed,
    make_worker: MakeWorker,
    engine: AsyncEngine,
) -> None:
    receiver.respond = answering("bad\x00answer", 500)
    seeded = await seed(receiver.url)
    [pid] = seeded.publication_ids
    await make_worker().run_once()
    publication = await load(engine, pid)
    assert publication.status == "scheduled"  # backing off, not stuck in publishing
    assert publication.lease_until is None
    assert publication.last_error == "webhook answered 500 (Internal Server Error)"


@pytest.mark.parametrize(
    "url",
    [
        "https://rcv.example/p/\x00x",
        "javascript:alert(1)",
        "ftp://rcv.example/p/1",
        "/p/1",
        "https://rcv.example/" + "a" * 2000,
    ],
)
async def test_unusable_url_in_the_answer_is_a_failure(
    url: str,
    receiver: Receiver,
    seed: Seed,
    make_worker: MakeWorker,
    engine: AsyncEngine,
) -> None:
    receiver.respond = answering({"external_id": "e1", "url": url})
    seeded = await seed(receiver.url)
    [pid] = seeded.publication_ids
    await make_worker().run_once()
    publication = await load(engine, pid)
    assert publication.status == "scheduled"
    assert publication.url is None
    assert publication.last_error is not None
    assert publication.last_error.startswith("webhook answered an unusable url")
    assert "\x00" not in publication.last_error


async def test_external_id_is_stored_without_nul_and_cut_to_the_column(
    receiver: Receiver,
    seed: Seed,
    make_worker: MakeWorker,
    engine: AsyncEngine,
) -> None:
    url = "https://rcv.example/p/1"
    receiver.respond = answering({"external_id": "id\x00" + "x" * 600, "url": url})
    seeded = await seed(receiver.url)
    [pid] = seeded.publication_ids
    await make_worker().run_once()
    publication = await load(engine, pid)
    assert publication.status == "published"
    assert publication.url == url
    assert publication.external_id is not None
    assert publication.external_id.startswith("idxxx")
    assert len(publication.external_id) == 500


class ScriptedPublisher:
    """Answers per publication what a buggy publisher might: values the database refuses."""

    def __init__(self, answers: dict[uuid.UUID, Published]) -> None:
        self.answers = answers

    async def publish(self, delivery: Delivery) -> Published:
        return self.answers[delivery.publication_id]


async def test_an_answer_the_database_refuses_fails_that_row_only(
    seed: Seed, make_worker: MakeWorker, engine: AsyncEngine
) -> None:
    seeded = await seed("http://127.0.0.1:9/hook", count=2)
    bad, good = seeded.publication_ids
    worker = make_worker(
        ScriptedPublisher(
            {
                bad: Published(external_id="e\x00", url="https://rcv.example/p/\x00"),
                good: Published(external_id="e2", url="https://rcv.example/p/2"),
            }
        )
    )
    assert await worker.run_once() == 2  # does not raise

    refused = await load(engine, bad)
    assert refused.status == "failed"
    assert refused.lease_until is None
    assert refused.last_error is not None
    assert refused.last_error.startswith("the outcome of attempt 1 could not be stored")
    published = await load(engine, good)
    assert published.status == "published"
    assert published.url == "https://rcv.example/p/2"
    [event] = await failed_events(engine, seeded.workspace_id)
    assert event["publication_id"] == str(bad)
    assert await worker.run_once(now=datetime.now(UTC) + timedelta(seconds=6)) == 0


async def test_expired_lease_on_the_last_attempt_is_failed_not_resent(
    receiver: Receiver, seed: Seed, make_worker: MakeWorker, engine: AsyncEngine
) -> None:
    seeded = await seed(receiver.url)
    [pid] = seeded.publication_ids
    crashed = make_worker(publish_max_attempts=2)
    survivor = make_worker(publish_max_attempts=2)
    later = datetime.now(UTC)
    for _ in range(2):  # two attempts, each lost between the call and the commit
        later += timedelta(seconds=6)
        [delivery] = await crashed.claim(now=later)
        await crashed.deliver(delivery)
    assert len(receiver.deliveries) == 2

    assert await survivor.claim(now=later + timedelta(seconds=6)) == []
    assert len(receiver.deliveries) == 2
    publication = await load(engine, pid)
    assert publication.status == "failed"
    assert publication.attempts == 2
    assert publication.lease_until is None
    assert publication.last_error is not None
    assert publication.last_error.startswith("the worker lost its claim during attempt 2 of 2")
    [event] = await failed_events(engine, seeded.workspace_id)
    assert event["attempts"] == 2
