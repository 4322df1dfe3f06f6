import uuid
from datetime import datetime
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from content_svc.examples import (
    CANNED_EDITED_TEXT,
    CANNED_NAME,
    CANNED_REPLY_ID,
    CHANNEL_ID,
    COMMENT_EXTERNAL_ID,
    COMMENT_THREAD,
    CREATED_AT,
    MESSAGE_ID,
    OPERATOR,
    PUBLICATION_ID,
    READER_COMMENT,
    READER_ID,
    READER_NAME,
    RECEIVED_AT,
    REPLIED_AT,
    REPLY_DUE_AT,
    REPLY_ID,
    REPLY_TEXT,
    THREAD_ID,
    TRACKING_CODE,
    UPDATED_AT,
)
from content_svc.inbox.models import (
    DEFAULT_REPLY_SLA_MINUTES,
    MAX_REPLY_SLA_MINUTES,
    CannedReply,
    InboxThread,
    ReplyStatus,
    ThreadKind,
    ThreadStatus,
    ThreadTarget,
)
from servicekit.bodies import RequestBody
from servicekit.timebounds import Instant

# Characters (a Chinese character is one) an inbound message and a reply may hold.
MAX_MESSAGE_CHARS = 10_000
MAX_REPLY_CHARS = 5_000

ExternalId = Annotated[str, StringConstraints(min_length=1, max_length=200)]
AuthorId = Annotated[str, StringConstraints(min_length=1, max_length=128)]
ActorId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
Tags = Annotated[list[Tag], Field(max_length=30)]
MessageText = Annotated[str, StringConstraints(min_length=1, max_length=MAX_MESSAGE_CHARS)]
ReplyText = Annotated[str, StringConstraints(min_length=1, max_length=MAX_REPLY_CHARS)]
Code = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32)]
SlaMinutes = Annotated[int, Field(ge=1, le=MAX_REPLY_SLA_MINUTES)]

_TAGS = "Up to 30 tags of 1 to 50 characters each."
_ASSIGNEE = "The operator who answers it (a token's `sub`); null: nobody yet."
_CANNED_TEXT = f"What the reply says (1 to {MAX_REPLY_CHARS:,} characters)."


class Author(RequestBody):
    """Who wrote an inbound message, as the platform names them."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"id": READER_ID, "name": READER_NAME}]}
    )

    id: AuthorId = Field(
        description="The platform's id of the author (a WeChat openid, a Weibo uid; 1 to 128 "
        "characters): replies go to them, and metrics count them as the event's actor."
    )
    name: Annotated[str, StringConstraints(max_length=200)] | None = Field(
        None, description="Their display name on the platform, if it shows one."
    )


class MessageCreate(RequestBody):
    """A comment or private message that came in on a channel (from the platform's push, a
    bridge, or a person copying it in); stored once per `external_message_id`."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "channel_id": CHANNEL_ID,
                    "kind": "comment",
                    "external_message_id": COMMENT_EXTERNAL_ID,
                    "external_thread_id": COMMENT_THREAD,
                    "author": {"id": READER_ID, "name": READER_NAME},
                    "text": READER_COMMENT,
                    "tracking_code": TRACKING_CODE,
                    "received_at": RECEIVED_AT,
                }
            ]
        }
    )

    channel_id: uuid.UUID = Field(description="The channel it came in on; one of the workspace's.")
    kind: ThreadKind = Field(
        description="`comment` (public, under a piece) or `message` (private)."
    )
    external_message_id: ExternalId = Field(
        description="The platform's id of this message (1 to 200 characters): the same id sent "
        "again is the same message, answered 200 and stored once."
    )
    external_thread_id: ExternalId | None = Field(
        None,
        description="The platform's id of the conversation it belongs to; messages with the "
        "same one share a thread. Omitted: a private message's thread is its author (one chat "
        "per person), a comment's its own id (each comment a thread).",
    )
    author: Author = Field(description="Who wrote it.")
    text: MessageText = Field(
        description=f"What it says, as written (1 to {MAX_MESSAGE_CHARS:,} characters)."
    )
    publication_id: uuid.UUID | None = Field(
        None, description="The publication it answers, when known; on the same channel."
    )
    tracking_code: Code | None = Field(
        None,
        description="Instead of publication_id: the tracking code of the publication it answers "
        "(any case).",
    )
    received_at: Instant | None = Field(
        None,
        description="When the platform received it (RFC 3339 with an offset), at most five "
        "minutes ahead of the server's clock; omitted: now. The SLA counts from here.",
    )


class MessageRead(BaseModel):
    """One inbound comment or private message of a thread."""

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": MESSAGE_ID,
                    "thread_id": THREAD_ID,
                    "channel_id": CHANNEL_ID,
                    "external_message_id": COMMENT_EXTERNAL_ID,
                    "author_id": READER_ID,
                    "author_name": READER_NAME,
                    "text": READER_COMMENT,
                    "received_at": RECEIVED_AT,
                    "publication_id": PUBLICATION_ID,
                    "created_at": RECEIVED_AT,
                }
            ]
        },
    )

    id: uuid.UUID = Field(description="The message's id, set by MediaOps.")
    thread_id: uuid.UUID = Field(description="The thread it belongs to.")
    channel_id: uuid.UUID = Field(description="The channel it came in on.")
    external_message_id: str = Field(description="The platform's id of the message.")
    author_id: str = Field(description="The platform's id of its author.")
    author_name: str | None = Field(description="The author's display name, if one was sent.")
    text: str = Field(description="What it says.")
    received_at: datetime = Field(description="When the platform received it (RFC 3339, UTC).")
    publication_id: uuid.UUID | None = Field(
        description="The publication it answers, when it named one."
    )
    created_at: datetime = Field(description="When MediaOps stored it (RFC 3339, UTC).")


_THREAD_EXAMPLE: dict[str, Any] = {
    "id": THREAD_ID,
    "channel_id": CHANNEL_ID,
    "kind": "comment",
    "external_thread_id": COMMENT_THREAD,
    "publication_id": PUBLICATION_ID,
    "status": "open",
    "assignee_id": OPERATOR,
    "tags": ["敏感肌", "产品咨询"],
    "last_author_id": READER_ID,
    "last_author_name": READER_NAME,
    "last_message_preview": READER_COMMENT,
    "last_message_at": RECEIVED_AT,
    "last_reply_at": None,
    "message_count": 1,
    "reply_count": 0,
    "awaiting_since": RECEIVED_AT,
    "reply_due_at": REPLY_DUE_AT,
    "overdue": False,
    "version": 2,
    "created_at": RECEIVED_AT,
    "updated_at": UPDATED_AT,
}


class ThreadRead(BaseModel):
    """A conversation on a channel and where it stands: who answers it, and whether its answer
    is overdue."""

    model_config = ConfigDict(json_schema_extra={"examples": [_THREAD_EXAMPLE]})

    id: uuid.UUID = Field(description="The thread's id, set by MediaOps.")
    channel_id: uuid.UUID = Field(description="The channel it is on.")
    kind: ThreadKind = Field(description="`comment` or `message`.")
    external_thread_id: str = Field(description="The platform's id of the conversation.")
    publication_id: uuid.UUID | None = Field(
        description="The publication it is about, once a message named one."
    )
    status: ThreadStatus = Field(
        description="open (waiting for the team) → answered (a reply went out) | closed; a new "
        "inbound message reopens it. Moved by replies and POST …/transitions."
    )
    assignee_id: str | None = Field(description=_ASSIGNEE)
    tags: list[str] = Field(description="The thread's tags, in the order written.")
    last_author_id: str = Field(
        description="The author of the latest inbound message: whom a reply goes to."
    )
    last_author_name: str | None = Field(description="Their display name, if one was sent.")
    last_message_preview: str = Field(
        description="The first 200 characters of the latest inbound message."
    )
    last_message_at: datetime = Field(description="When the latest inbound message came in.")
    last_reply_at: datetime | None = Field(
        description="When the latest reply went out; null before the first."
    )
    message_count: int = Field(description="Inbound messages in the thread.")
    reply_count: int = Field(description="Replies sent (failed attempts not counted).")
    awaiting_since: datetime | None = Field(
        description="When the oldest inbound message no reply has answered yet came in; null "
        "when none waits."
    )
    reply_due_at: datetime | None = Field(
        description="awaiting_since plus the channel's reply SLA: when the answer is due."
    )
    overdue: bool = Field(description="Open, and reply_due_at has passed by the database's clock.")
    version: int = Field(
        description="Goes up by one on every change (an inbound message, a reply, an edit); "
        "answered as the ETag, sent back as If-Match on replies and edits."
    )
    created_at: datetime = Field(description="When its first message came in (RFC 3339, UTC).")
    updated_at: datetime = Field(description="When it last changed (RFC 3339, UTC).")

    @classmethod
    def of(cls, thread: InboxThread, now: datetime) -> Self:
        """The thread as read at ``now`` (the database's clock: its transaction time)."""
        fields = {name: getattr(thread, name) for name in cls.model_fields if name != "overdue"}
        return cls(**fields, overdue=is_overdue(thread, now))


def is_overdue(thread: InboxThread, now: datetime) -> bool:
    return (
        thread.status == ThreadStatus.OPEN
        and thread.reply_due_at is not None
        and thread.reply_due_at < now
    )


class ThreadUpdate(RequestBody):
    """Who answers the thread and how it is tagged; only the fields sent change (the status
    moves by transitions and replies)."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"assignee_id": OPERATOR, "tags": ["敏感肌", "产品咨询"]}]}
    )

    assignee_id: ActorId | None = Field(None, description=_ASSIGNEE + " Send null to unassign.")
    tags: Tags | None = Field(None, description=_TAGS + " Replaces the list.")

    @model_validator(mode="after")
    def _tags_not_null(self) -> Self:
        if "tags" in self.model_fields_set and self.tags is None:
            raise ValueError("tags cannot be null; send [] to clear them")
        return self


class ThreadTransition(RequestBody):
    """A move of a thread by hand: close it (nothing to answer) or reopen it."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"to": "closed"}]})

    to: ThreadTarget = Field(
        description="closed (from open or answered), or open (from answered or closed: the "
        "SLA counts again, from the oldest unanswered message or from now)."
    )


class ReplyCreate(RequestBody):
    """A reply to the thread: its own text, or a canned reply (at its current version or a
    named one)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"text": REPLY_TEXT},
                {"canned_reply_id": CANNED_REPLY_ID, "canned_reply_version": 2},
            ]
        }
    )

    text: ReplyText | None = Field(
        None, description=f"What to answer (1 to {MAX_REPLY_CHARS:,} characters)."
    )
    canned_reply_id: uuid.UUID | None = Field(
        None, description="Instead of text: answer with this canned reply of the workspace."
    )
    canned_reply_version: int | None = Field(
        None, ge=1, description="Which version of the canned reply; omitted: its current one."
    )

    @model_validator(mode="after")
    def _text_or_canned(self) -> Self:
        if (self.text is None) == (self.canned_reply_id is None):
            raise ValueError("give text or canned_reply_id, one of them")
        if self.canned_reply_version is not None and self.canned_reply_id is None:
            raise ValueError("canned_reply_version needs canned_reply_id")
        return self


_REPLY_EXAMPLE: dict[str, Any] = {
    "id": REPLY_ID,
    "thread_id": THREAD_ID,
    "in_reply_to_message_id": MESSAGE_ID,
    "text": REPLY_TEXT,
    "canned_reply_id": CANNED_REPLY_ID,
    "canned_reply_version": 2,
    "author_id": OPERATOR,
    "sender": "webhook",
    "status": "sent",
    "error": None,
    "external_id": "reply-6861203746194227377",
    "sent_at": REPLIED_AT,
    "response_seconds": 1284.0,
    "created_at": REPLIED_AT,
}


class ReplyRead(BaseModel):
    """A reply sent to a thread through its channel's reply sender, and how that went."""

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={"examples": [_REPLY_EXAMPLE]},
    )

    id: uuid.UUID = Field(
        description="The reply's id, set by MediaOps; sent to the receiver as X-MediaOps-Delivery."
    )
    thread_id: uuid.UUID = Field(description="The thread it answers.")
    in_reply_to_message_id: uuid.UUID | None = Field(
        description="The latest inbound message when it went out: what it answers."
    )
    text: str = Field(description="What it said.")
    canned_reply_id: uuid.UUID | None = Field(
        description="The canned reply it used; null when written by hand."
    )
    canned_reply_version: int | None = Field(description="Which version of the canned reply.")
    author_id: str | None = Field(description="The operator who sent it (a token's `sub`).")
    sender: str = Field(
        description="The channel's publisher kind when it was sent, whose reply sender took it."
    )
    status: ReplyStatus = Field(
        description="sent, or failed (`error` says why; the thread is unchanged, send again)."
    )
    error: str | None = Field(description="Why sending failed; null when it was sent.")
    external_id: str | None = Field(
        description="The platform's id of the reply, when its sender reported one."
    )
    sent_at: datetime | None = Field(description="When it went out; null when it failed.")
    response_seconds: float | None = Field(
        description="Seconds from the oldest message it answered to the reply (the response "
        "time metrics-svc averages); null for a follow-up that answered nothing waiting."
    )
    created_at: datetime = Field(description="When it was sent or tried (RFC 3339, UTC).")


_CANNED: dict[str, Any] = {
    "name": CANNED_NAME,
    "text": REPLY_TEXT,
    "tags": ["敏感肌"],
}


class CannedReplyCreate(RequestBody):
    """A snippet operators answer with; it starts at version 1."""

    model_config = ConfigDict(json_schema_extra={"examples": [_CANNED]})

    name: Name = Field(description="What operators call it (1 to 200 characters), unique.")
    text: ReplyText = Field(description=_CANNED_TEXT)
    tags: Tags = Field(default_factory=list, description=_TAGS)


class CannedReplyUpdate(RequestBody):
    """Every field optional; a change makes a new version (the earlier ones stay readable and
    usable by number)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"text": CANNED_EDITED_TEXT}]})

    name: Name | None = Field(None, description="New name, unique in the workspace.")
    text: ReplyText | None = Field(None, description=_CANNED_TEXT)
    tags: Tags | None = Field(None, description=_TAGS + " Replaces the list.")

    @model_validator(mode="after")
    def _no_nulls(self) -> Self:
        nulls = sorted(n for n in self.model_fields_set if getattr(self, n) is None)
        if nulls:
            raise ValueError(f"{', '.join(nulls)} cannot be null; omit a field to keep it")
        return self


class CannedReplyRead(BaseModel):
    """A canned reply at its current version."""

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {"id": CANNED_REPLY_ID}
                | _CANNED
                | {
                    "version": 2,
                    "created_by": OPERATOR,
                    "created_at": CREATED_AT,
                    "updated_at": UPDATED_AT,
                }
            ]
        },
    )

    id: uuid.UUID = Field(description="The canned reply's id, set by MediaOps.")
    name: str = Field(description="What operators call it.")
    text: str = Field(description="What the reply says, at the current version.")
    tags: list[str] = Field(description="Its tags, in the order written.")
    version: int = Field(
        description="The current version: 1 at creation, one more on every change; the ETag."
    )
    created_by: str | None = Field(description="Who wrote it first (a token's `sub`).")
    created_at: datetime = Field(description="When it was created (RFC 3339, UTC).")
    updated_at: datetime = Field(description="When its current version was made (RFC 3339, UTC).")

    @classmethod
    def of(cls, canned: CannedReply) -> Self:
        return cls.model_validate(canned)


class CannedReplyVersionRead(BaseModel):
    """A canned reply as it stood at one version."""

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "canned_reply_id": CANNED_REPLY_ID,
                    "version": 1,
                    **_CANNED,
                    "created_by": OPERATOR,
                    "created_at": CREATED_AT,
                }
            ]
        },
    )

    canned_reply_id: uuid.UUID = Field(description="The canned reply this is a version of.")
    version: int = Field(description="Its number: 1, 2, 3 …")
    name: str = Field(description="The name at this version.")
    text: str = Field(description="The text at this version.")
    tags: list[str] = Field(description="The tags at this version.")
    created_by: str | None = Field(description="Who made this version (a token's `sub`).")
    created_at: datetime = Field(description="When this version was made (RFC 3339, UTC).")


class InboxSettingsWrite(RequestBody):
    """A channel's inbox settings."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"reply_sla_minutes": 30}]})

    reply_sla_minutes: SlaMinutes = Field(
        description=f"How soon an inbound message must be answered, in minutes (1 to "
        f"{MAX_REPLY_SLA_MINUTES:,}); open threads waiting longer read overdue. Applies to the "
        "threads waiting now as well."
    )


class InboxSettingsRead(BaseModel):
    """A channel's inbox settings, its own or the default."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"channel_id": CHANNEL_ID, "reply_sla_minutes": 30, "is_default": False}]
        }
    )

    channel_id: uuid.UUID = Field(description="The channel these are for.")
    reply_sla_minutes: int = Field(
        description="How soon an inbound message must be answered, in minutes."
    )
    is_default: bool = Field(
        description=f"True while the channel has no SLA of its own (the default is "
        f"{DEFAULT_REPLY_SLA_MINUTES} minutes)."
    )


class ReplyResult(BaseModel):
    """A reply as sent (or failed), and its thread afterwards (answered, with its new
    version, when it was sent)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "reply": _REPLY_EXAMPLE,
                    "thread": _THREAD_EXAMPLE
                    | {
                        "status": "answered",
                        "last_reply_at": REPLIED_AT,
                        "reply_count": 1,
                        "awaiting_since": None,
                        "reply_due_at": None,
                        "version": 3,
                        "updated_at": REPLIED_AT,
                    },
                }
            ]
        }
    )

    reply: ReplyRead = Field(description="The reply, with `status` sent or failed.")
    thread: ThreadRead = Field(
        description="The thread after it; send its `version` as If-Match on the next reply."
    )
