"""Inbox rules: inbound comments and private messages thread up per channel, stored once per
platform message id; a thread is open until a reply goes out (answered) or an operator closes
it, and a new inbound message reopens it; its answer is due the channel's SLA after the oldest
message waiting; replies go out through the channel's reply sender and are recorded with their
outcome.

``receive`` is the one way a message comes in, for the API (``POST /v1/inbox/messages``) and
for a platform's push alike (content-svc README, "Engagement inbox: the interface for platform
integrations").
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import structlog
from sqlalchemy.exc import IntegrityError

from content_svc.channels.models import Channel
from content_svc.channels.repository import ChannelRepository
from content_svc.events import DomainEvent
from content_svc.inbox.exceptions import (
    CannedReplyNameTaken,
    CannedReplyNotFound,
    IllegalThreadTransition,
    InboxChannelNotFound,
    InboxPublicationNotFound,
    MessageTooLong,
    NoReplySender,
    PublicationAndCodeDisagree,
    PublicationOnAnotherChannel,
    ReceivedInTheFuture,
    ThreadClosed,
    ThreadNotFound,
    UnknownCannedReplyVersion,
)
from content_svc.inbox.models import (
    DEFAULT_REPLY_SLA_MINUTES,
    CannedReply,
    CannedReplyVersion,
    InboxMessage,
    InboxReply,
    InboxThread,
    ReplyStatus,
    ThreadKind,
    ThreadStatus,
    ThreadTarget,
)
from content_svc.inbox.repository import (
    CannedReplyRepository,
    CannedReplyVersionRepository,
    ChannelSettingRepository,
    MessageRepository,
    ReplyRepository,
    ThreadRepository,
)
from content_svc.inbox.schemas import (
    MAX_MESSAGE_CHARS,
    MAX_REPLY_CHARS,
    CannedReplyCreate,
    CannedReplyUpdate,
    ReplyCreate,
    ThreadTransition,
    ThreadUpdate,
)
from content_svc.inbox.senders import (
    OutgoingReply,
    ReplyFailed,
    ReplySender,
    ReplySenders,
    ReplySent,
)
from content_svc.publications.models import Publication
from content_svc.publications.repository import PublicationRepository
from content_svc.publishing.publishers import MAX_ERROR, storable
from servicekit.models import utcnow
from servicekit.unitofwork import UnitOfWork
from servicekit.versioning import check_if_match

log = structlog.get_logger("content_svc.inbox")

# A platform's clock a little ahead of ours is not "in the future".
FUTURE_TOLERANCE = timedelta(minutes=5)

ALLOWED_TRANSITIONS: dict[ThreadStatus, tuple[ThreadTarget, ...]] = {
    ThreadStatus.OPEN: (ThreadTarget.CLOSED,),
    ThreadStatus.ANSWERED: (ThreadTarget.OPEN, ThreadTarget.CLOSED),
    ThreadStatus.CLOSED: (ThreadTarget.OPEN,),
}

_RECEIVED_EVENT = {
    ThreadKind.COMMENT: DomainEvent.INBOX_COMMENT_RECEIVED,
    ThreadKind.MESSAGE: DomainEvent.INBOX_MESSAGE_RECEIVED,
}


@dataclass(frozen=True, slots=True)
class InboundMessage:
    """A comment or private message as a platform (or the API) hands it in.

    ``author_id`` is the platform's id of the author (a WeChat openid); ``external_thread_id``
    None: a private message's thread is its author, a comment's its own message id.
    ``publication_id`` or ``tracking_code`` tie it to the publication it answers, when known.
    ``received_at`` None: now."""

    channel_id: uuid.UUID
    kind: ThreadKind
    external_message_id: str
    author_id: str
    text: str
    author_name: str | None = None
    external_thread_id: str | None = None
    publication_id: uuid.UUID | None = None
    tracking_code: str | None = None
    received_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Received:
    """What ``receive`` did: the stored message and its thread; ``duplicate`` when the channel
    already had a message of that platform id (nothing changed then)."""

    message: InboxMessage
    thread: InboxThread
    duplicate: bool


async def receive(uow: UnitOfWork, inbound: InboundMessage) -> Received:
    """Store an inbound message in its thread, once per channel and platform message id.

    Raises ``InboxChannelNotFound`` / ``InboxPublicationNotFound`` (404) for ids the workspace
    does not have, ``PublicationOnAnotherChannel``, ``PublicationAndCodeDisagree``,
    ``MessageTooLong``, ``ReceivedInTheFuture`` (422). Records a ``comment`` or ``message``
    event for metrics-svc with the change, never for a duplicate."""
    if len(inbound.text) > MAX_MESSAGE_CHARS:
        raise MessageTooLong("text", len(inbound.text), MAX_MESSAGE_CHARS)
    now = utcnow()
    received_at = inbound.received_at or now
    if received_at > now + FUTURE_TOLERANCE:
        raise ReceivedInTheFuture(
            received_at.isoformat(), (now + FUTURE_TOLERANCE).isoformat(timespec="seconds")
        )
    channel = await uow.repo(ChannelRepository).get_or_raise(
        inbound.channel_id, InboxChannelNotFound
    )
    publication = await _publication(uow, inbound, channel)
    messages = uow.repo(MessageRepository)
    threads = uow.repo(ThreadRepository)
    existing = await messages.find_external(channel.id, inbound.external_message_id)
    if existing is not None:
        return await _duplicate(threads, existing)
    kind = ThreadKind(inbound.kind)
    external_thread_id = inbound.external_thread_id or (
        inbound.author_id if kind == ThreadKind.MESSAGE else inbound.external_message_id
    )
    sla = await reply_sla_minutes(uow, channel.id)
    # A savepoint: a concurrent push of the same message can win the race between the look-up
    # above and the insert below; its thread update is then undone with this one's insert.
    savepoint = await uow.session.begin_nested()
    thread_id = await threads.upsert_for_message(
        channel_id=channel.id,
        kind=kind,
        external_thread_id=external_thread_id,
        publication_id=publication.id if publication else None,
        author_id=inbound.author_id,
        author_name=inbound.author_name,
        text_=inbound.text,
        received_at=received_at,
        sla_minutes=sla,
    )
    message_id = await messages.insert_once(
        {
            "id": uuid.uuid4(),
            "thread_id": thread_id,
            "channel_id": channel.id,
            "external_message_id": inbound.external_message_id,
            "author_id": inbound.author_id,
            "author_name": inbound.author_name,
            "text": inbound.text,
            "received_at": received_at,
            "publication_id": publication.id if publication else None,
            "created_at": utcnow(),
            "updated_at": utcnow(),
        }
    )
    if message_id is None:
        await savepoint.rollback()
        stored = await messages.find_external(channel.id, inbound.external_message_id)
        assert stored is not None  # the conflict that refused the insert is this row
        return await _duplicate(threads, stored)
    await savepoint.commit()
    message = await messages.get(message_id)
    thread = await threads.lock(thread_id)
    # Both written just now, in this transaction.
    assert message is not None
    assert thread is not None
    await uow.record(
        _RECEIVED_EVENT[kind],
        {
            "channel_id": str(channel.id),
            "publication_id": str(publication.id) if publication else None,
            "post_id": str(publication.post_id) if publication else None,
            "actor_id": inbound.author_id,
            "platform": channel.platform,
            "thread_id": str(thread.id),
            "message_id": str(message.id),
            "external_message_id": inbound.external_message_id,
        },
        occurred_at=received_at,
    )
    return Received(message, thread, duplicate=False)


async def _duplicate(threads: ThreadRepository, message: InboxMessage) -> Received:
    thread = await threads.get(message.thread_id)
    assert thread is not None  # the foreign key keeps a message's thread
    return Received(message, thread, duplicate=True)


async def _publication(
    uow: UnitOfWork, inbound: InboundMessage, channel: Channel
) -> Publication | None:
    publications = uow.repo(PublicationRepository)
    by_id = by_code = None
    if inbound.publication_id is not None:
        by_id = await publications.get_or_raise(
            inbound.publication_id,
            lambda pid: InboxPublicationNotFound(f"id {pid}"),
        )
    if inbound.tracking_code is not None:
        code = inbound.tracking_code.strip().upper()
        found = await publications.find_by_tracking_code(code)
        if found is None:
            raise InboxPublicationNotFound(f"tracking code {code}")
        by_code = found[0]
    if by_id is not None and by_code is not None and by_id.id != by_code.id:
        raise PublicationAndCodeDisagree()
    publication = by_id or by_code
    if publication is not None and publication.channel_id != channel.id:
        raise PublicationOnAnotherChannel(publication.id, publication.channel_id)
    return publication


async def reply_sla_minutes(uow: UnitOfWork, channel_id: uuid.UUID) -> int:
    setting = await uow.repo(ChannelSettingRepository).for_channel(channel_id)
    return setting.reply_sla_minutes if setting is not None else DEFAULT_REPLY_SLA_MINUTES


async def set_reply_sla(uow: UnitOfWork, channel: Channel, minutes: int) -> None:
    """Set the channel's SLA; the threads waiting now are due by it too."""
    await uow.repo(ChannelSettingRepository).put(channel.id, minutes)
    await uow.repo(ThreadRepository).set_channel_sla(channel.id, minutes)


# --- threads ------------------------------------------------------------------------------


async def _lock(uow: UnitOfWork, thread: InboxThread) -> InboxThread:
    return await uow.repo(ThreadRepository).get_or_raise(thread.id, ThreadNotFound, lock=True)


async def update_thread(
    uow: UnitOfWork, thread: InboxThread, data: ThreadUpdate, if_match: str | None
) -> InboxThread:
    thread = await _lock(uow, thread)
    check_if_match(if_match, thread.version)
    changes = data.model_dump(exclude_unset=True)
    changed = {k: v for k, v in changes.items() if getattr(thread, k) != v}
    if changed:
        await uow.repo(ThreadRepository).update(thread, changed)
    return thread


async def transition_thread(
    uow: UnitOfWork, thread: InboxThread, data: ThreadTransition, if_match: str | None
) -> InboxThread:
    thread = await _lock(uow, thread)
    check_if_match(if_match, thread.version)
    allowed = ALLOWED_TRANSITIONS[ThreadStatus(thread.status)]
    target = ThreadTarget(data.to)
    if target not in allowed:
        raise IllegalThreadTransition(thread.status, target, allowed)
    threads = uow.repo(ThreadRepository)
    changes: dict[str, Any] = {"status": ThreadStatus(target)}
    if target == ThreadTarget.CLOSED:
        changes |= {"awaiting_since": None, "reply_due_at": None}
    else:
        # Reopened by hand: it needs an answer, from the oldest message no reply answered, or
        # from now when every message was answered.
        awaiting = await threads.oldest_unanswered(thread) or await threads.now()
        sla = await reply_sla_minutes(uow, thread.channel_id)
        changes |= {"awaiting_since": awaiting, "reply_due_at": awaiting + timedelta(minutes=sla)}
    return await threads.update(thread, changes)


# --- replies ------------------------------------------------------------------------------


async def _reply_text(
    uow: UnitOfWork, data: ReplyCreate
) -> tuple[str, uuid.UUID | None, int | None]:
    if data.canned_reply_id is None:
        assert data.text is not None  # the schema asks for one of the two
        return data.text, None, None
    canned = await uow.repo(CannedReplyRepository).get_or_raise(
        data.canned_reply_id, CannedReplyNotFound
    )
    version = data.canned_reply_version or canned.version
    if version > canned.version:
        raise UnknownCannedReplyVersion(version, canned.version)
    if version == canned.version:
        return canned.text, canned.id, version
    stored = await uow.repo(CannedReplyVersionRepository).get_version(canned.id, version)
    if stored is None:
        raise UnknownCannedReplyVersion(version, canned.version)
    return stored.text, canned.id, version


async def send_reply(
    uow: UnitOfWork,
    thread: InboxThread,
    data: ReplyCreate,
    if_match: str | None,
    actor_id: str | None,
    senders: ReplySenders,
) -> tuple[InboxReply, InboxThread]:
    """Send a reply through the channel's reply sender and record it, sent or failed.

    The thread's row is locked first, so replies to one thread go out one after the other and
    ``If-Match`` is checked against what the previous one committed: two operators answering
    the same version, one sends and the other gets a 412 without sending. A sent reply marks the
    thread answered and records a ``reply`` event (with the seconds the answered message
    waited) or, when nothing waited, an ``inbox.follow_up_sent`` one; a failed reply leaves the
    thread as it was."""
    text, canned_id, canned_version = await _reply_text(uow, data)
    if len(text) > MAX_REPLY_CHARS:
        raise MessageTooLong("text", len(text), MAX_REPLY_CHARS)
    threads = uow.repo(ThreadRepository)
    thread = await _lock(uow, thread)
    check_if_match(if_match, thread.version)
    if thread.status == ThreadStatus.CLOSED:
        raise ThreadClosed()
    channel = await uow.repo(ChannelRepository).get(thread.channel_id)
    assert channel is not None  # the foreign key and the workspace filter guarantee it
    sender = senders.for_kind(channel.publisher_kind)
    if sender is None:
        raise NoReplySender(channel.publisher_kind, senders.kinds)
    latest = await uow.repo(MessageRepository).latest(thread.id)
    reply_id = uuid.uuid4()
    outcome = await _send(
        uow,
        sender,
        OutgoingReply(
            reply_id=reply_id,
            workspace_id=uow.workspace_id,
            channel=channel,
            thread_id=thread.id,
            kind=thread.kind,
            external_thread_id=thread.external_thread_id,
            in_reply_to=latest.external_message_id if latest else None,
            to_author_id=thread.last_author_id,
            publication_id=thread.publication_id,
            text=text,
        ),
    )
    reply = InboxReply(
        id=reply_id,
        thread_id=thread.id,
        in_reply_to_message_id=latest.id if latest else None,
        text=text,
        canned_reply_id=canned_id,
        canned_reply_version=canned_version,
        author_id=actor_id,
        sender=channel.publisher_kind,
    )
    if isinstance(outcome, ReplyFailed):
        reply.status = ReplyStatus.FAILED
        reply.error = storable(str(outcome), MAX_ERROR)
        await uow.repo(ReplyRepository).add(reply)
        return reply, thread
    sent_at = await threads.clock()
    waited = (sent_at - thread.awaiting_since).total_seconds() if thread.awaiting_since else None
    reply.status = ReplyStatus.SENT
    reply.external_id = outcome.external_id
    reply.sent_at = sent_at
    reply.response_seconds = max(waited, 0.0) if waited is not None else None
    await uow.repo(ReplyRepository).add(reply)
    thread = await threads.update(
        thread,
        {
            "status": ThreadStatus.ANSWERED,
            "awaiting_since": None,
            "reply_due_at": None,
            "last_reply_at": sent_at,
            "reply_count": thread.reply_count + 1,
        },
    )
    await _record_reply(uow, thread, reply, channel)
    return reply, thread


async def _send(
    uow: UnitOfWork, sender: ReplySender, outgoing: OutgoingReply
) -> ReplySent | ReplyFailed:
    """The sender's outcome; never raises: a failure is an outcome, recorded on the reply."""
    try:
        sent = await sender.send(uow, outgoing)
    except ReplyFailed as exc:
        return exc
    except Exception as exc:  # a bug in a sender must fail the reply, not lose its record
        log.exception("reply sender crashed", thread_id=str(outgoing.thread_id))
        return ReplyFailed(f"reply sender error: {type(exc).__name__}")
    return sent


async def _record_reply(
    uow: UnitOfWork, thread: InboxThread, reply: InboxReply, channel: Channel
) -> None:
    post_id = None
    if thread.publication_id is not None:
        publication = await uow.repo(PublicationRepository).get(thread.publication_id)
        post_id = str(publication.post_id) if publication else None
    # No actor_id: a reply is the brand's, not an audience member's (as a publish is).
    payload: dict[str, Any] = {
        "channel_id": str(channel.id),
        "publication_id": str(thread.publication_id) if thread.publication_id else None,
        "post_id": post_id,
        "platform": channel.platform,
        "thread_id": str(thread.id),
        "reply_id": str(reply.id),
        "kind": thread.kind,
        "operator_id": reply.author_id,
        "canned_reply_id": str(reply.canned_reply_id) if reply.canned_reply_id else None,
    }
    if reply.response_seconds is None:
        await uow.record(DomainEvent.INBOX_FOLLOW_UP_SENT, payload, occurred_at=reply.sent_at)
        return
    await uow.record(
        DomainEvent.INBOX_REPLY_SENT,
        payload | {"value": reply.response_seconds},
        occurred_at=reply.sent_at,
    )


# --- canned replies -----------------------------------------------------------------------


def _version_of(canned: CannedReply, actor_id: str | None) -> CannedReplyVersion:
    return CannedReplyVersion(
        canned_reply_id=canned.id,
        version=canned.version,
        name=canned.name,
        text=canned.text,
        tags=list(canned.tags),
        created_by=actor_id,
    )


async def create_canned_reply(
    uow: UnitOfWork, data: CannedReplyCreate, actor_id: str | None
) -> CannedReply:
    canned_replies = uow.repo(CannedReplyRepository)
    if await canned_replies.name_taken(data.name):
        raise CannedReplyNameTaken(data.name)
    canned = CannedReply(name=data.name, text=data.text, tags=data.tags, created_by=actor_id)
    try:
        async with uow.session.begin_nested():
            await canned_replies.add(canned)
    except IntegrityError as exc:  # a concurrent create of the same name won the race
        raise CannedReplyNameTaken(data.name) from exc
    await uow.repo(CannedReplyVersionRepository).add(_version_of(canned, actor_id))
    return canned


async def update_canned_reply(
    uow: UnitOfWork,
    canned: CannedReply,
    data: CannedReplyUpdate,
    if_match: str | None,
    actor_id: str | None,
) -> CannedReply:
    """Apply the change as a new version (nothing changes, no version is made)."""
    canned_replies = uow.repo(CannedReplyRepository)
    canned = await canned_replies.get_or_raise(canned.id, CannedReplyNotFound, lock=True)
    check_if_match(if_match, canned.version)
    changes = data.model_dump(exclude_unset=True)
    changed = {k: v for k, v in changes.items() if getattr(canned, k) != v}
    if not changed:
        return canned
    if "name" in changed and await canned_replies.name_taken(changed["name"], exclude=canned.id):
        raise CannedReplyNameTaken(changed["name"])
    await canned_replies.update(canned, changed)
    await uow.repo(CannedReplyVersionRepository).add(_version_of(canned, actor_id))
    return canned
