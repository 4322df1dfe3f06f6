import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Header, Path, Query, Response, status

from content_svc.channels.dependencies import ChannelDep
from content_svc.inbox import service
from content_svc.inbox.dependencies import CannedReplyDep, ReplySendersDep, ThreadDep
from content_svc.inbox.exceptions import (
    CannedReplyNameTaken,
    CannedReplyNotFound,
    CannedReplyVersionNotFound,
    IllegalThreadTransition,
    InboxChannelNotFound,
    InboxPublicationNotFound,
    MessageTooLong,
    NoReplySender,
    PublicationAndCodeDisagree,
    PublicationOnAnotherChannel,
    ReceivedInTheFuture,
    ThreadClosed,
    UnknownCannedReplyVersion,
)
from content_svc.inbox.models import (
    DEFAULT_REPLY_SLA_MINUTES,
    InboxThread,
    ReplyStatus,
    ThreadKind,
    ThreadStatus,
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
    CannedReplyCreate,
    CannedReplyRead,
    CannedReplyUpdate,
    CannedReplyVersionRead,
    InboxSettingsRead,
    InboxSettingsWrite,
    MessageCreate,
    MessageRead,
    ReplyCreate,
    ReplyRead,
    ReplyResult,
    ThreadRead,
    ThreadTransition,
    ThreadUpdate,
)
from content_svc.inbox.service import InboundMessage
from content_svc.scopes import READ, WRITE
from servicekit.apidoc import problems
from servicekit.context import ContextDep
from servicekit.pagination import Page, PageDep
from servicekit.unitofwork import UnitOfWork, UnitOfWorkDep
from servicekit.versioning import etag

router = APIRouter(prefix="/v1/inbox", tags=["inbox"])

IfMatch = Annotated[str | None, Header()]

_DUPLICATE: dict[int | str, dict[str, Any]] = {
    200: {
        "model": MessageRead,
        "description": "The channel already had a message of this external_message_id: the "
        "stored one, unchanged (a platform's retry).",
    }
}


@router.post(
    "/messages",
    status_code=status.HTTP_201_CREATED,
    dependencies=WRITE,
    responses=_DUPLICATE
    | problems(
        InboxChannelNotFound,
        InboxPublicationNotFound,
        PublicationOnAnotherChannel,
        PublicationAndCodeDisagree,
        ReceivedInTheFuture,
        MessageTooLong,
    ),
)
async def receive_message(
    body: MessageCreate, uow: UnitOfWorkDep, response: Response
) -> MessageRead:
    """Take in a comment or private message that came in on a channel: it joins its thread
    (made on its first message), reopens it, and starts the SLA clock if nothing waited.

    Idempotent on the platform's message id: the same `external_message_id` on the channel
    again answers 200 with the stored message and changes nothing. A `comment` or `message`
    event goes to metrics-svc."""
    received = await service.receive(
        uow,
        InboundMessage(
            channel_id=body.channel_id,
            kind=body.kind,
            external_message_id=body.external_message_id,
            external_thread_id=body.external_thread_id,
            author_id=body.author.id,
            author_name=body.author.name,
            text=body.text,
            publication_id=body.publication_id,
            tracking_code=body.tracking_code,
            received_at=body.received_at,
        ),
    )
    if received.duplicate:
        response.status_code = status.HTTP_200_OK
    return MessageRead.model_validate(received.message)


# --- threads ------------------------------------------------------------------------------


@router.get("/threads", dependencies=READ)
async def list_threads(
    uow: UnitOfWorkDep,
    page: PageDep,
    channel_id: Annotated[uuid.UUID | None, Query(description="Only on this channel")] = None,
    publication_id: Annotated[
        uuid.UUID | None, Query(description="Only about this publication")
    ] = None,
    status: Annotated[ThreadStatus | None, Query(description="Only in this status")] = None,
    kind: Annotated[ThreadKind | None, Query(description="Only comments or messages")] = None,
    assignee_id: Annotated[
        str | None, Query(max_length=128, description="Only threads this operator answers")
    ] = None,
    tag: Annotated[
        str | None, Query(min_length=1, max_length=50, description="Only with this tag")
    ] = None,
    overdue: Annotated[
        bool | None,
        Query(description="true: only open threads past their reply_due_at; false: the others"),
    ] = None,
) -> Page[ThreadRead]:
    """The workspace's inbox threads, oldest first, a page at a time, filtered by channel,
    publication, status, kind, assignee, tag and overdue (judged by the database's clock)."""
    threads = uow.repo(ThreadRepository)
    stmt = threads.list_threads(
        channel_id=channel_id,
        publication_id=publication_id,
        status=status,
        kind=kind,
        assignee_id=assignee_id,
        tag=tag,
        overdue=overdue,
    )
    rows, next_cursor = await threads.paginate(stmt, page)
    now = await threads.now()
    return Page(items=[ThreadRead.of(r, now) for r in rows], next_cursor=next_cursor)


async def _thread_read(uow: UnitOfWork, response: Response, thread: InboxThread) -> ThreadRead:
    response.headers["ETag"] = etag(thread.version)
    return ThreadRead.of(thread, await uow.repo(ThreadRepository).now())


@router.get("/threads/{thread_id}", dependencies=READ)
async def get_thread(thread: ThreadDep, uow: UnitOfWorkDep, response: Response) -> ThreadRead:
    """One thread: its status, assignee, what waits and since when, and whether it is overdue;
    `ETag` carries its version for `If-Match`."""
    return await _thread_read(uow, response, thread)


@router.patch("/threads/{thread_id}", dependencies=WRITE)
async def update_thread(
    thread: ThreadDep,
    body: ThreadUpdate,
    uow: UnitOfWorkDep,
    response: Response,
    if_match: IfMatch = None,
) -> ThreadRead:
    """Assign the thread to an operator (or nobody) and tag it; send the `ETag` you read as
    `If-Match` so another operator's change is not overwritten."""
    thread = await service.update_thread(uow, thread, body, if_match)
    return await _thread_read(uow, response, thread)


@router.post(
    "/threads/{thread_id}/transitions",
    dependencies=WRITE,
    responses=problems(IllegalThreadTransition),
)
async def transition_thread(
    thread: ThreadDep,
    body: ThreadTransition,
    uow: UnitOfWorkDep,
    response: Response,
    if_match: IfMatch = None,
) -> ThreadRead:
    """Close a thread that needs no answer, or reopen one (its SLA counts again). `answered`
    comes only from a sent reply; a new inbound message reopens a thread by itself."""
    thread = await service.transition_thread(uow, thread, body, if_match)
    return await _thread_read(uow, response, thread)


@router.get("/threads/{thread_id}/messages", dependencies=READ)
async def list_thread_messages(
    thread: ThreadDep, uow: UnitOfWorkDep, page: PageDep
) -> Page[MessageRead]:
    """The thread's inbound messages, in the order MediaOps stored them, a page at a time."""
    messages = uow.repo(MessageRepository)
    rows, next_cursor = await messages.paginate(messages.list_messages(thread.id), page)
    return Page(items=[MessageRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.get("/threads/{thread_id}/replies", dependencies=READ)
async def list_replies(
    thread: ThreadDep,
    uow: UnitOfWorkDep,
    page: PageDep,
    status: Annotated[ReplyStatus | None, Query(description="Only sent or failed ones")] = None,
) -> Page[ReplyRead]:
    """The replies sent (or tried) on the thread, oldest first, with their outcome."""
    replies = uow.repo(ReplyRepository)
    rows, next_cursor = await replies.paginate(replies.list_replies(thread.id, status), page)
    return Page(items=[ReplyRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.post(
    "/threads/{thread_id}/replies",
    status_code=status.HTTP_201_CREATED,
    dependencies=WRITE,
    responses=problems(
        CannedReplyNotFound, UnknownCannedReplyVersion, ThreadClosed, NoReplySender, MessageTooLong
    ),
)
async def send_reply(
    thread: ThreadDep,
    body: ReplyCreate,
    uow: UnitOfWorkDep,
    ctx: ContextDep,
    senders: ReplySendersDep,
    response: Response,
    if_match: IfMatch = None,
) -> ReplyResult:
    """Answer the thread through its channel's reply sender (`manual`: recorded as answered by
    hand; `webhook`: POSTed, signed, to the channel's webhook; a platform's own API where one is
    installed) and record the outcome.

    Sent: the thread reads answered. Failed: the reply is recorded with `status: failed` and
    its `error`, the thread stays as it was; send again (with a new Idempotency-Key). Send the
    thread's `ETag` as `If-Match`: when another operator's reply (or a new message) came first,
    the answer is a 412 and nothing is sent. An `Idempotency-Key` sent again (even at once)
    replays the first answer and never sends twice. The answer's `ETag` is the thread's."""
    reply, thread = await service.send_reply(uow, thread, body, if_match, ctx.actor_id, senders)
    response.headers["ETag"] = etag(thread.version)
    now = await uow.repo(ThreadRepository).now()
    return ReplyResult(reply=ReplyRead.model_validate(reply), thread=ThreadRead.of(thread, now))


# --- canned replies -----------------------------------------------------------------------


@router.post(
    "/canned-replies",
    status_code=status.HTTP_201_CREATED,
    dependencies=WRITE,
    responses=problems(CannedReplyNameTaken),
)
async def create_canned_reply(
    body: CannedReplyCreate, uow: UnitOfWorkDep, ctx: ContextDep, response: Response
) -> CannedReplyRead:
    """Write a canned reply (a snippet operators answer with); it starts at version 1.

    Answers it with `ETag` and `Location`."""
    canned = await service.create_canned_reply(uow, body, ctx.actor_id)
    response.headers["ETag"] = etag(canned.version)
    response.headers["Location"] = f"/v1/inbox/canned-replies/{canned.id}"
    return CannedReplyRead.of(canned)


@router.get("/canned-replies", dependencies=READ)
async def list_canned_replies(
    uow: UnitOfWorkDep,
    page: PageDep,
    tag: Annotated[
        str | None, Query(min_length=1, max_length=50, description="Only with this tag")
    ] = None,
) -> Page[CannedReplyRead]:
    """The workspace's canned replies at their current versions, oldest first."""
    canned_replies = uow.repo(CannedReplyRepository)
    rows, next_cursor = await canned_replies.paginate(canned_replies.list_canned_replies(tag), page)
    return Page(items=[CannedReplyRead.of(r) for r in rows], next_cursor=next_cursor)


@router.get("/canned-replies/{canned_reply_id}", dependencies=READ)
async def get_canned_reply(canned: CannedReplyDep, response: Response) -> CannedReplyRead:
    """One canned reply at its current version; `ETag` carries the version."""
    response.headers["ETag"] = etag(canned.version)
    return CannedReplyRead.of(canned)


@router.patch(
    "/canned-replies/{canned_reply_id}",
    dependencies=WRITE,
    responses=problems(CannedReplyNameTaken),
)
async def update_canned_reply(
    canned: CannedReplyDep,
    body: CannedReplyUpdate,
    uow: UnitOfWorkDep,
    ctx: ContextDep,
    response: Response,
    if_match: IfMatch = None,
) -> CannedReplyRead:
    """Change a canned reply: a new version (the earlier ones stay, and replies can still use
    them by number). Send the `ETag` you read as `If-Match`."""
    canned = await service.update_canned_reply(uow, canned, body, if_match, ctx.actor_id)
    response.headers["ETag"] = etag(canned.version)
    return CannedReplyRead.of(canned)


@router.get("/canned-replies/{canned_reply_id}/versions", dependencies=READ)
async def list_canned_reply_versions(
    canned: CannedReplyDep, uow: UnitOfWorkDep, page: PageDep
) -> Page[CannedReplyVersionRead]:
    """Every version of a canned reply, 1 first."""
    versions = uow.repo(CannedReplyVersionRepository)
    rows, next_cursor = await versions.paginate(versions.list_versions(canned.id), page)
    return Page(
        items=[CannedReplyVersionRead.model_validate(r) for r in rows], next_cursor=next_cursor
    )


@router.get(
    "/canned-replies/{canned_reply_id}/versions/{version}",
    dependencies=READ,
    responses=problems(CannedReplyVersionNotFound),
)
async def get_canned_reply_version(
    canned: CannedReplyDep,
    uow: UnitOfWorkDep,
    version: Annotated[int, Path(ge=1, le=1_000_000, description="The version's number")],
) -> CannedReplyVersionRead:
    """A canned reply as it stood at one version."""
    found = await uow.repo(CannedReplyVersionRepository).get_version(canned.id, version)
    if found is None:
        raise CannedReplyVersionNotFound(canned.id, version, canned.version)
    return CannedReplyVersionRead.model_validate(found)


# --- a channel's inbox settings -----------------------------------------------------------


async def _settings_read(uow: UnitOfWork, channel_id: uuid.UUID) -> InboxSettingsRead:
    setting = await uow.repo(ChannelSettingRepository).for_channel(channel_id)
    return InboxSettingsRead(
        channel_id=channel_id,
        reply_sla_minutes=setting.reply_sla_minutes if setting else DEFAULT_REPLY_SLA_MINUTES,
        is_default=setting is None,
    )


@router.get("/channel-settings/{channel_id}", dependencies=READ)
async def get_channel_settings(channel: ChannelDep, uow: UnitOfWorkDep) -> InboxSettingsRead:
    """A channel's inbox settings: its reply SLA, its own or the default."""
    return await _settings_read(uow, channel.id)


@router.put("/channel-settings/{channel_id}", dependencies=WRITE)
async def put_channel_settings(
    channel: ChannelDep, body: InboxSettingsWrite, uow: UnitOfWorkDep
) -> InboxSettingsRead:
    """Set a channel's reply SLA; the threads waiting now are due by it too."""
    await service.set_reply_sla(uow, channel, body.reply_sla_minutes)
    return await _settings_read(uow, channel.id)
