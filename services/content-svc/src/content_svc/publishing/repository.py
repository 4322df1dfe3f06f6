"""The worker's queries. Unlike request code they span every workspace: the worker serves them
all, and each row it touches carries its own workspace id."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, ScalarSelect, and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from content_svc.channels.models import AUTOMATIC_PUBLISHERS, Channel, PublisherKind
from content_svc.posts.models import Post, PostStatus
from content_svc.publications.models import Publication, PublicationStatus
from servicekit.repository import rows_changed


def _scheduled_due(now: datetime) -> ColumnElement[bool]:
    return and_(
        Publication.status == PublicationStatus.SCHEDULED,
        Publication.scheduled_at <= now,
        Publication.next_attempt_at <= now,
    )


# The post's status, read by its primary key for each due publication. Not a join (nor an
# EXISTS or IN, which PostgreSQL turns into one): the few publications due in a poll are found
# by ix_publication_status_next_attempt_at, but PostgreSQL expects several times as many (it
# multiplies the status's share by the share of all publications, mostly long published, that
# are past their time), and then judged hashing every post cheaper than looking each one up.
# A scalar subquery is never made into a join: each poll reads one post per due publication,
# so its cost follows what is due, not how many posts were ever written (an idle poll 67-69 →
# 14-15 ms of PostgreSQL at 370,000 publications and 200,000 posts, bench/RESULTS.md,
# "background polls"). Where it is also selected (due_not_approved), it is read once more for
# each row answered: ten at most.
def _post_status() -> ScalarSelect[str]:
    return select(Post.status).where(Post.id == Publication.post_id).scalar_subquery()


def _lease_expired(now: datetime) -> ColumnElement[bool]:
    return and_(
        Publication.status == PublicationStatus.PUBLISHING,
        # NULL: it was handed to an operator before the channel got an automatic publisher.
        or_(Publication.lease_until.is_(None), Publication.lease_until <= now),
    )


class PublishingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def due_not_approved(
        self, now: datetime, limit: int
    ) -> Sequence[tuple[Publication, str, str]]:
        """Due publications whose post is no longer approved (edited back to draft, archived, ...):
        ``[(publication, post status, platform)]``, locked, rows another worker holds skipped.

        Due as in :meth:`claim_due`, plus scheduled ones of manual channels (they must not
        reach an operator either).
        """
        post_status = _post_status()
        stmt = (
            select(Publication, post_status, Channel.platform)
            .join(Channel, Channel.id == Publication.channel_id)
            .where(
                post_status != PostStatus.APPROVED,
                or_(
                    _scheduled_due(now),
                    and_(Channel.publisher_kind.in_(AUTOMATIC_PUBLISHERS), _lease_expired(now)),
                ),
            )
            .order_by(Publication.next_attempt_at)
            .limit(limit)
            .with_for_update(of=Publication, skip_locked=True)
        )
        return [(row[0], row[1], row[2]) for row in (await self.session.execute(stmt)).all()]

    async def expired_without_attempts_left(
        self, now: datetime, max_attempts: int, limit: int
    ) -> Sequence[tuple[Publication, str]]:
        """Automatic (webhook, WeChat) publications whose lease ran out on their last attempt:
        ``[(publication, platform)]``, locked, rows another worker holds skipped."""
        stmt = (
            select(Publication, Channel.platform)
            .join(Channel, Channel.id == Publication.channel_id)
            .where(
                Channel.publisher_kind.in_(AUTOMATIC_PUBLISHERS),
                _lease_expired(now),
                Publication.attempts >= max_attempts,
            )
            .order_by(Publication.next_attempt_at)
            .limit(limit)
            .with_for_update(of=Publication, skip_locked=True)
        )
        return [(row[0], row[1]) for row in (await self.session.execute(stmt)).all()]

    async def claim_due(
        self, now: datetime, lease_until: datetime, limit: int, max_attempts: int
    ) -> Sequence[tuple[uuid.UUID, int]]:
        """Claim up to ``limit`` due publications of automatic channels (webhook, WeChat):
        ``[(id, attempt number)]``.

        One statement: rows another worker holds are skipped (SKIP LOCKED), the claimed ones
        become ``publishing`` with a lease and one more attempt. Due means scheduled and past
        its next attempt time, or publishing whose lease ran out (its worker died mid-call) with
        attempts left. Only publications whose post is approved right now are taken: approval
        is checked when a publication is created, but the post may have been edited (back to
        draft) or archived since.
        """
        due = (
            select(Publication.id)
            .join(Channel, Channel.id == Publication.channel_id)
            .where(
                Channel.publisher_kind.in_(AUTOMATIC_PUBLISHERS),
                _post_status() == PostStatus.APPROVED,
                or_(
                    _scheduled_due(now),
                    and_(_lease_expired(now), Publication.attempts < max_attempts),
                ),
            )
            .order_by(Publication.next_attempt_at)
            .limit(limit)
            .with_for_update(of=Publication, skip_locked=True)
        )
        stmt = (
            update(Publication)
            .where(Publication.id.in_(due.scalar_subquery()))
            .values(
                status=PublicationStatus.PUBLISHING,
                attempts=Publication.attempts + 1,
                lease_until=lease_until,
                updated_at=now,
            )
            .returning(Publication.id, Publication.attempts)
        )
        rows = (await self.session.execute(stmt)).all()
        return [(row[0], row[1]) for row in rows]

    async def hand_over_manual_due(self, now: datetime) -> int:
        """Due publications of manual channels become ``publishing``: an operator's turn."""
        manual = select(Channel.id).where(Channel.publisher_kind == PublisherKind.MANUAL)
        stmt = (
            update(Publication)
            .where(
                _scheduled_due(now),
                Publication.channel_id.in_(manual.scalar_subquery()),
                _post_status() == PostStatus.APPROVED,
            )
            .values(status=PublicationStatus.PUBLISHING, lease_until=None, updated_at=now)
        )
        return await rows_changed(self.session, stmt)

    async def deliveries(
        self, ids: Sequence[uuid.UUID]
    ) -> Sequence[tuple[Publication, Post, Channel]]:
        stmt = (
            select(Publication, Post, Channel)
            .join(Post, Post.id == Publication.post_id)
            .join(Channel, Channel.id == Publication.channel_id)
            .where(Publication.id.in_(ids))
        )
        return [(row[0], row[1], row[2]) for row in (await self.session.execute(stmt)).all()]

    async def record_published(
        self, publication_id: uuid.UUID, external_id: str | None, url: str, now: datetime
    ) -> Publication | None:
        """Mark it published unless something else already settled it (then None).

        Not fenced on the attempt: whichever delivery the receiver accepted, it went out once.
        """
        stmt = (
            update(Publication)
            .where(
                Publication.id == publication_id,
                Publication.status == PublicationStatus.PUBLISHING,
            )
            .values(
                status=PublicationStatus.PUBLISHED,
                external_id=external_id,
                url=url,
                published_at=now,
                lease_until=None,
                updated_at=now,
            )
            .returning(Publication)
            .execution_options(populate_existing=True, synchronize_session=False)
        )
        result = await self.session.execute(stmt)
        publication: Publication | None = result.scalar_one_or_none()
        return publication

    async def record_failed_attempt(
        self, publication_id: uuid.UUID, attempt: int, values: dict[str, Any]
    ) -> bool:
        """Store a failed attempt, only if this worker's claim is still the latest one.

        Fenced on ``attempts``: if the lease ran out and another worker re-claimed the row,
        that worker owns its outcome and this stale result is dropped.
        """
        stmt = (
            update(Publication)
            .where(
                Publication.id == publication_id,
                Publication.status == PublicationStatus.PUBLISHING,
                Publication.attempts == attempt,
            )
            .values(**values)
        )
        return bool(await rows_changed(self.session, stmt))

    async def fail(self, publication_id: uuid.UUID, values: dict[str, Any]) -> bool:
        """Settle a row this transaction holds locked as failed (still claimable statuses only)."""
        stmt = (
            update(Publication)
            .where(
                Publication.id == publication_id,
                Publication.status.in_((PublicationStatus.SCHEDULED, PublicationStatus.PUBLISHING)),
            )
            .values(status=PublicationStatus.FAILED, **values)
        )
        return bool(await rows_changed(self.session, stmt))
