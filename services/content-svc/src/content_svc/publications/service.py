"""Publication rules: only approved posts, within the channel's limits, on time; the state machine
scheduled → publishing → published | failed, cancelled (see PUBLISHING.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from content_svc.channels import best_times
from content_svc.channels.models import Channel, PublisherKind
from content_svc.channels.profiles import LIMIT_FIELDS, Limits, effective_limits
from content_svc.channels.repository import ChannelRepository
from content_svc.events import DomainEvent
from content_svc.insights import BestTimesLookup
from content_svc.posts.models import Post, PostStatus
from content_svc.publications.exceptions import (
    BreaksChannelLimits,
    IllegalPublicationTransition,
    NoBestSlot,
    NotAManualChannel,
    PostNotApproved,
    PublishedChannelNotFound,
    PublishedPostNotFound,
    ScheduledTooEarly,
    ScheduledTooLate,
)
from content_svc.publications.models import Publication, PublicationStatus, Schedule
from content_svc.publications.repository import PublicationRepository
from content_svc.publications.schemas import MarkPublished, PublicationCreate
from servicekit.models import utcnow
from servicekit.unitofwork import UnitOfWork

# A client clock a little behind ours, or a request that took a while, is not "in the past".
PAST_TOLERANCE = timedelta(minutes=5)
# Far enough for any real plan; beyond it a date is a typo (or 9999-12-31), and such dates
# overflow time zone arithmetic in the calendar.
MAX_AHEAD = timedelta(days=730)

CANCELLABLE = (PublicationStatus.SCHEDULED, PublicationStatus.FAILED)
RETRYABLE = (PublicationStatus.FAILED,)
MANUALLY_PUBLISHABLE = (PublicationStatus.SCHEDULED, PublicationStatus.PUBLISHING)

# What each limit rule (a field of channels.profiles.Limits) measures: the field of the
# rendered piece whose length it bounds, and the unit that length counts.
MEASURED: dict[str, tuple[str, str]] = {
    "title_max": ("title", "characters"),
    "body_max": ("body", "characters"),
    "summary_max": ("summary", "characters"),
    "media_max": ("media", "items"),
    "tags_max": ("tags", "items"),
}


@dataclass(frozen=True, slots=True)
class Rendered:
    """What goes out on the channel: the post with this publication's overrides applied."""

    title: str
    body: str
    summary: str
    tags: list[str]
    media: list[dict[str, Any]]


def render(post: Post, title_override: str | None, body_override: str | None) -> Rendered:
    return Rendered(
        title=title_override if title_override is not None else post.title,
        body=body_override if body_override is not None else post.body,
        summary=post.summary or "",
        tags=list(post.tags or []),
        media=list(post.media or []),
    )


def limit_violations(channel: Channel, piece: Rendered) -> list[str]:
    """Every limit ``piece`` breaks on ``channel``, as sentences naming the rule.

    Lengths are ``len()`` of the text: Unicode code points, so a Chinese character counts one.
    """
    limits: Limits = effective_limits(channel.platform, channel.limit_overrides)
    overridden = channel.limit_overrides or {}
    violations = []
    for rule in LIMIT_FIELDS:
        field, unit = MEASURED[rule]
        size = len(getattr(piece, field))
        allowed = getattr(limits, rule)
        if allowed is None or size <= allowed:
            continue
        verb = "is" if unit == "characters" else "has"
        who = (
            f"channel {channel.handle!r} allows at most {allowed} ({rule} override)"
            if rule in overridden
            else f"{channel.platform} allows at most {allowed}"
        )
        violations.append(f"{field} {verb} {size} {unit}; {who}")
    return violations


async def create_publication(
    uow: UnitOfWork,
    data: PublicationCreate,
    actor_id: str | None,
    best_times_lookup: BestTimesLookup,
) -> Publication:
    now = utcnow()
    channel = await uow.repo(ChannelRepository).get_or_raise(
        data.channel_id, PublishedChannelNotFound
    )
    # Before the post is locked: the look-up may wait on metrics-svc (its timeout at most).
    scheduled_at = data.scheduled_at or now
    if data.schedule == Schedule.NEXT_BEST_SLOT:
        best = await best_times.best_times(channel, best_times_lookup, now)
        if best.next_best_slot is None:
            raise NoBestSlot(best.reason or best_times.TOO_LITTLE_HISTORY)
        scheduled_at = best.next_best_slot
    publications = uow.repo(PublicationRepository)
    post = await publications.get_post(data.post_id)
    if post is None:
        raise PublishedPostNotFound(data.post_id)
    if post.status != PostStatus.APPROVED:
        raise PostNotApproved(post.id, post.status)
    if scheduled_at < now - PAST_TOLERANCE:
        raise ScheduledTooEarly(
            scheduled_at.isoformat(), (now - PAST_TOLERANCE).isoformat(timespec="seconds")
        )
    if scheduled_at > now + MAX_AHEAD:
        raise ScheduledTooLate(
            scheduled_at.isoformat(),
            MAX_AHEAD.days,
            (now + MAX_AHEAD).isoformat(timespec="seconds"),
        )
    violations = limit_violations(channel, render(post, data.title_override, data.body_override))
    if violations:
        raise BreaksChannelLimits(violations)
    return await publications.add_with_tracking_code(
        Publication(
            post_id=post.id,
            channel_id=channel.id,
            title_override=data.title_override,
            body_override=data.body_override,
            status=PublicationStatus.SCHEDULED,
            scheduled_at=scheduled_at,
            next_attempt_at=scheduled_at,
            attempts=0,
            created_by=actor_id,
        )
    )


async def _transition(
    uow: UnitOfWork,
    publication: Publication,
    action: str,
    allowed_from: tuple[PublicationStatus, ...],
    values: dict[str, Any],
) -> Publication:
    publications = uow.repo(PublicationRepository)
    changed = await publications.transition(
        publication, allowed_from, {**values, "updated_at": utcnow()}
    )
    if changed is None:
        # Re-read for the message: it names the status the row is in now.
        await publications.reload(publication)
        raise IllegalPublicationTransition(action, publication.status, allowed_from)
    return changed


async def cancel_publication(uow: UnitOfWork, publication: Publication) -> Publication:
    return await _transition(
        uow,
        publication,
        "cancel",
        CANCELLABLE,
        {"status": PublicationStatus.CANCELLED, "lease_until": None},
    )


async def retry_publication(uow: UnitOfWork, publication: Publication) -> Publication:
    # A retry is a fresh decision by a person: the attempt budget starts again, the delivery id
    # stays (the receiver may have seen an earlier attempt and must be able to de-duplicate).
    return await _transition(
        uow,
        publication,
        "retry",
        RETRYABLE,
        {
            "status": PublicationStatus.SCHEDULED,
            "attempts": 0,
            "next_attempt_at": utcnow(),
            "lease_until": None,
        },
    )


async def mark_published(
    uow: UnitOfWork, publication: Publication, data: MarkPublished
) -> Publication:
    channel = await uow.repo(ChannelRepository).get(publication.channel_id)
    assert channel is not None  # the foreign key and the workspace filter guarantee it
    if channel.publisher_kind != PublisherKind.MANUAL:
        raise NotAManualChannel(channel.publisher_kind)
    now = utcnow()
    published = await _transition(
        uow,
        publication,
        "mark-published",
        MANUALLY_PUBLISHABLE,
        {
            "status": PublicationStatus.PUBLISHED,
            "url": str(data.url),
            "external_id": data.external_id,
            "published_at": now,
            "lease_until": None,
        },
    )
    await uow.record(
        DomainEvent.PUBLICATION_PUBLISHED, published_event(published, channel.platform)
    )
    return published


def published_event(publication: Publication, platform: str) -> dict[str, Any]:
    """The ``publication.published`` payload, in the key names the outbox relay lifts into a
    metrics ``publish`` event (ids as strings): ``publication_id``, ``post_id``, ``channel_id``
    become the event's ties, every other key its props. No ``actor_id``: a publish is the
    brand's, not an audience member's, and metrics counts actors for funnels and retention."""
    published_at = publication.published_at
    return {
        "publication_id": str(publication.id),
        "post_id": str(publication.post_id),
        "channel_id": str(publication.channel_id),
        "platform": platform,
        "tracking_code": publication.tracking_code,
        "external_id": publication.external_id,
        "url": publication.url,
        "attempts": publication.attempts,
        "published_at": published_at.isoformat() if published_at else None,
    }
