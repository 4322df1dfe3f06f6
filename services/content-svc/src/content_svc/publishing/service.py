"""The publisher worker: claim due publications, deliver them, record the outcome.

Why the worker owns its transactions (request code never commits): the claim must be COMMITTED
before the HTTP call, so another worker sees the row as taken and a crash during the call leaves
a visible lease to expire; and the call must hold no transaction or row lock, so a slow receiver
never pins database resources. So each poll is claim (tx 1) → call (no tx) → record (tx 2).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Protocol

import structlog
from prometheus_client import Counter, Gauge
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from content_svc.config import Settings
from content_svc.events import DomainEvent
from content_svc.models import OutboxEvent
from content_svc.posts.models import PostStatus
from content_svc.publications.models import Publication, PublicationStatus
from content_svc.publications.service import limit_violations, published_event, render
from content_svc.publishing.publishers import (
    MAX_ERROR,
    Delivery,
    Published,
    PublishFailed,
    storable,
)
from content_svc.publishing.repository import PublishingRepository
from content_svc.wechat.accounts import api_account
from servicekit.db import Database, plan_with_values
from servicekit.models import utcnow
from servicekit.tracing import consumer_span
from servicekit.unitofwork import UnitOfWork

log = structlog.get_logger("content_svc.publishing")

# The worker's numbers, on its own /metrics (content_svc/worker.py).
PUBLICATIONS = Counter(
    "mediaops_publications_total",
    "Publication attempts settled by the worker, by platform and outcome: published, "
    "retry_scheduled (failed, will be retried), failed (no attempt left, or refused before "
    "delivery)",
    ["platform", "outcome"],
)
POLLS = Counter("mediaops_worker_polls_total", "Publisher worker polls, by outcome", ["outcome"])
LAST_POLL = Gauge(
    "mediaops_worker_last_poll_timestamp_seconds", "When the worker last polled successfully"
)


def not_approved(post_status: str) -> str:
    return f"post is {post_status}, no longer approved; approve it again and retry"


class Publisher(Protocol):
    async def publish(self, delivery: Delivery) -> Published: ...


class Publishers:
    """The publisher of each delivery's channel kind (``webhook``, ``wechat_oa``)."""

    def __init__(self, by_kind: Mapping[str, Publisher]) -> None:
        self.by_kind = dict(by_kind)

    async def publish(self, delivery: Delivery) -> Published:
        publisher = self.by_kind.get(delivery.publisher_kind)
        if publisher is None:
            raise PublishFailed(
                f"this worker has no {delivery.publisher_kind} publisher", final=True
            )
        return await publisher.publish(delivery)


def backoff(attempt: int, base_s: float, cap_s: float) -> timedelta:
    """Wait before attempt ``attempt + 1``: base, 2 * base, 4 * base, ... never more than cap."""
    return timedelta(seconds=min(cap_s, base_s * 2 ** max(attempt - 1, 0)))


class PublisherWorker:
    def __init__(
        self,
        database: Database,
        settings: Settings,
        publisher: Publisher,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.database = database
        self.settings = settings
        self.publisher = publisher
        self.clock = clock
        # When a poll last succeeded (epoch seconds; None before the first): the worker's health.
        self.last_poll_at: float | None = None

    async def claim(self, now: datetime | None = None) -> list[Delivery]:
        """Transaction 1: take due publications and read what their deliveries need.

        Before claiming, due publications that must not go out are settled as failed without
        counting an attempt: their post is no longer approved, or their lease ran out on the
        last allowed attempt (re-sending those forever is what the attempt limit prevents).
        """
        now = now or self.clock()
        lease_until = now + timedelta(seconds=self.settings.publish_lease_s)
        batch = self.settings.worker_batch_size
        max_attempts = self.settings.publish_max_attempts
        async with self.database.sessionmaker() as session, session.begin():
            # Every poll sends the same statements: planned with their values, as a generic
            # plan read every approved post for the hand-over (8.5 → 35 ms a poll); and never
            # JIT-compiled: the due publications' estimates run high (repository.py).
            await plan_with_values(session, without_jit=True)
            repo = PublishingRepository(session)
            for publication, post_status, platform in await repo.due_not_approved(now, batch):
                await self._fail(
                    session,
                    publication,
                    platform,
                    publication.attempts,
                    not_approved(post_status),
                    now,
                )
            for publication, platform in await repo.expired_without_attempts_left(
                now, max_attempts, batch
            ):
                error = (
                    f"the worker lost its claim during attempt {publication.attempts} of "
                    f"{max_attempts} (its lease ran out before the outcome was stored), so whether "
                    "the receiver got it is unknown; check the receiver, then retry"
                )
                await self._fail(session, publication, platform, publication.attempts, error, now)
            handed_over = await repo.hand_over_manual_due(now)
            if handed_over:
                log.info("handed to operators", publications=handed_over)
            claimed = dict(await repo.claim_due(now, lease_until, batch, max_attempts))
            if not claimed:
                return []
            deliveries = []
            for publication, post, channel in await repo.deliveries(list(claimed)):
                attempt = claimed[publication.id]
                piece = render(post, publication.title_override, publication.body_override)
                # Checked again here: the post may have changed between the claim and this read,
                # and the channel's limits since the publication was created.
                refusal = (
                    not_approved(post.status)
                    if post.status != PostStatus.APPROVED
                    else "; ".join(limit_violations(channel, piece))
                )
                if refusal:
                    # The claim counted an attempt; nothing is sent, so give it back.
                    await self._fail(
                        session, publication, channel.platform, attempt - 1, refusal, now
                    )
                    continue
                account = channel.wechat
                deliveries.append(
                    Delivery(
                        publication_id=publication.id,
                        delivery_id=publication.delivery_id,
                        attempt=attempt,
                        workspace_id=publication.workspace_id,
                        post_id=post.id,
                        channel_id=channel.id,
                        platform=channel.platform,
                        handle=channel.handle,
                        url=channel.publisher_url or "",
                        secret=channel.publisher_secret or "",
                        title=piece.title,
                        body=piece.body,
                        summary=piece.summary,
                        tags=piece.tags,
                        media=piece.media,
                        scheduled_at=publication.scheduled_at,
                        publisher_kind=channel.publisher_kind,
                        wechat=api_account(account) if account is not None else None,
                        thumb_media_id=account.thumb_media_id if account is not None else None,
                    )
                )
            return deliveries

    async def _fail(
        self,
        session: AsyncSession,
        publication: Publication,
        platform: str,
        attempts: int,
        error: str,
        now: datetime,
    ) -> None:
        """Settle a publication this transaction holds as failed, without delivering it."""
        error = storable(error, MAX_ERROR)
        stored = await PublishingRepository(session).fail(
            publication.id,
            {
                "attempts": attempts,
                "last_error": error,
                "next_attempt_at": now,
                "lease_until": None,
                "updated_at": now,
            },
        )
        if not stored:
            return
        PUBLICATIONS.labels(platform=platform, outcome="failed").inc()
        # The worker serves every workspace: each publication's event goes to its own, through
        # a unit of work the worker builds (it is not a request).
        await UnitOfWork(session, publication.workspace_id, OutboxEvent).record(
            DomainEvent.PUBLICATION_FAILED,
            {
                "publication_id": str(publication.id),
                "post_id": str(publication.post_id),
                "channel_id": str(publication.channel_id),
                "platform": platform,
                "attempts": attempts,
                "last_error": error,
            },
        )
        log.warning(
            "publication failed before delivery", publication_id=str(publication.id), error=error
        )

    async def deliver(self, delivery: Delivery) -> Published | PublishFailed:
        """The call, outside any transaction. Never raises: a failure is an outcome."""
        try:
            return await self.publisher.publish(delivery)
        except PublishFailed as exc:
            return exc
        except Exception as exc:  # a bug in a publisher must fail the attempt, not the worker
            log.exception("publisher crashed", publication_id=str(delivery.publication_id))
            return PublishFailed(f"publisher error: {type(exc).__name__}: {exc}")

    async def record(
        self,
        delivery: Delivery,
        outcome: Published | PublishFailed,
        now: datetime | None = None,
        *,
        final: bool = False,
    ) -> PublicationStatus | None:
        """Transaction 2: store the outcome; returns the new status (None if it was stale).

        ``final``: a failure that retrying would only repeat, failed whatever attempts are left.
        """
        now = now or self.clock()
        async with self.database.sessionmaker() as session, session.begin():
            repo = PublishingRepository(session)
            # Not a request: the worker builds the publication's unit of work for its event.
            uow = UnitOfWork(session, delivery.workspace_id, OutboxEvent)
            if isinstance(outcome, Published):
                publication = await repo.record_published(
                    delivery.publication_id, outcome.external_id, outcome.url, now
                )
                if publication is None:
                    return None
                await uow.record(
                    DomainEvent.PUBLICATION_PUBLISHED,
                    published_event(publication, delivery.platform),
                )
                PUBLICATIONS.labels(platform=delivery.platform, outcome="published").inc()
                log.info(
                    "published",
                    publication_id=str(delivery.publication_id),
                    attempt=delivery.attempt,
                    url=outcome.url,
                )
                return PublicationStatus.PUBLISHED
            error = storable(str(outcome), MAX_ERROR)
            if final or delivery.attempt >= self.settings.publish_max_attempts:
                status = PublicationStatus.FAILED
                next_attempt_at = now
            else:
                status = PublicationStatus.SCHEDULED
                next_attempt_at = now + backoff(
                    delivery.attempt,
                    self.settings.publish_backoff_base_s,
                    self.settings.publish_backoff_cap_s,
                )
            stored = await repo.record_failed_attempt(
                delivery.publication_id,
                delivery.attempt,
                {
                    "status": status,
                    "last_error": error,
                    "next_attempt_at": next_attempt_at,
                    "lease_until": None,
                    "updated_at": now,
                },
            )
            if not stored:
                return None
            PUBLICATIONS.labels(
                platform=delivery.platform,
                outcome="failed" if status == PublicationStatus.FAILED else "retry_scheduled",
            ).inc()
            if status == PublicationStatus.FAILED:
                await uow.record(
                    DomainEvent.PUBLICATION_FAILED,
                    {
                        "publication_id": str(delivery.publication_id),
                        "post_id": str(delivery.post_id),
                        "channel_id": str(delivery.channel_id),
                        "platform": delivery.platform,
                        "attempts": delivery.attempt,
                        "last_error": error,
                    },
                )
            log.warning(
                "publish attempt failed",
                publication_id=str(delivery.publication_id),
                attempt=delivery.attempt,
                status=status,
                error=error,
            )
            return status

    async def _deliver_and_record(self, delivery: Delivery) -> None:
        # With tracing on, one trace per delivery: the platform call and the outcome's SQL.
        with consumer_span(
            "publish publication",
            {
                "mediaops.publication_id": str(delivery.publication_id),
                "mediaops.platform": delivery.platform,
                "mediaops.attempt": delivery.attempt,
                "mediaops.workspace_id": delivery.workspace_id,
            },
        ):
            await self._deliver_and_record_in_span(delivery)

    async def _deliver_and_record_in_span(self, delivery: Delivery) -> None:
        outcome = await self.deliver(delivery)
        try:
            await self.record(
                delivery, outcome, final=isinstance(outcome, PublishFailed) and outcome.final
            )
        except DBAPIError as exc:
            # The database refused to store this outcome. Left as is, the row would stay
            # publishing and be re-sent every lease period; and one bad answer must not stop
            # the others in this poll. So settle it as failed in a fresh transaction.
            log.exception(
                "could not store a delivery's outcome",
                publication_id=str(delivery.publication_id),
                attempt=delivery.attempt,
            )
            if exc.connection_invalidated:
                return  # the database is gone, not refusing: the lease expiry retries it
            await self.record_unstorable(delivery, exc)

    async def record_unstorable(
        self, delivery: Delivery, exc: DBAPIError
    ) -> PublicationStatus | None:
        """Mark the publication failed because its outcome could not be stored."""
        cause = type(exc.orig).__name__ if exc.orig is not None else type(exc).__name__
        error = PublishFailed(
            f"the outcome of attempt {delivery.attempt} could not be stored ({cause}); "
            "check what the receiver answers, then retry"
        )
        return await self.record(delivery, error, final=True)

    async def run_once(self, now: datetime | None = None) -> int:
        """One poll: claim, deliver concurrently (all within one lease), record. Returns claims."""
        deliveries = await self.claim(now)
        await asyncio.gather(*(self._deliver_and_record(d) for d in deliveries))
        return len(deliveries)

    async def run(self, stop: asyncio.Event) -> int:
        """Poll until ``stop`` is set; a poll in flight finishes first. Returns polls run."""
        polls = 0
        while not stop.is_set():
            polls += 1
            claimed = 0
            try:
                claimed = await self.run_once()
            except Exception:  # the database may be restarting: log, wait, poll again
                log.exception("publisher poll failed")
                POLLS.labels(outcome="error").inc()
            else:
                POLLS.labels(outcome="ok").inc()
                self.last_poll_at = time.time()
                LAST_POLL.set(self.last_poll_at)
            if claimed >= self.settings.worker_batch_size:
                continue  # a full batch: more may be due, do not wait
            try:
                await asyncio.wait_for(stop.wait(), timeout=self.settings.worker_poll_interval_s)
            except TimeoutError:
                pass
        return polls
