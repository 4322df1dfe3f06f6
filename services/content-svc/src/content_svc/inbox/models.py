"""The engagement inbox's tables: threads of comments and private messages per channel, the
inbound messages and the replies of each thread, canned replies (versioned snippets) and each
channel's reply SLA."""

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    Double,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from content_svc.base import Base
from servicekit.models import WorkspaceModel
from servicekit.vocabulary import sql_in

# A channel without its own SLA: a message waits this long before its thread reads overdue.
DEFAULT_REPLY_SLA_MINUTES = 120
# The longest SLA a channel may set: thirty days.
MAX_REPLY_SLA_MINUTES = 43_200


class ThreadKind(StrEnum):
    """What a thread is on its platform: the comments under a piece, or private messages."""

    COMMENT = "comment"
    MESSAGE = "message"


class ThreadStatus(StrEnum):
    """open (waiting for the team) → answered (a reply went out) | closed (nothing to do); a
    new inbound message reopens either."""

    OPEN = "open"
    ANSWERED = "answered"
    CLOSED = "closed"


class ThreadTarget(StrEnum):
    """The statuses an operator moves a thread to by hand (answered comes only from a reply)."""

    OPEN = ThreadStatus.OPEN
    CLOSED = ThreadStatus.CLOSED


class ReplyStatus(StrEnum):
    """How sending a reply went: the channel's reply sender took it, or it failed (`error`)."""

    SENT = "sent"
    FAILED = "failed"


class InboxThread(WorkspaceModel, Base):
    """One conversation on one channel: a comment thread or a private chat, keyed by the
    platform's own id of it."""

    __tablename__ = "inbox_thread"
    __table_args__ = (
        UniqueConstraint("workspace_id", "channel_id", "kind", "external_thread_id"),
        CheckConstraint(sql_in("kind", ThreadKind), name="kind_known"),
        CheckConstraint(sql_in("status", ThreadStatus), name="status_known"),
        # What the overdue filter reads: open threads whose reply is due before now().
        Index(
            "ix_inbox_thread_workspace_id_status_reply_due_at",
            "workspace_id",
            "status",
            "reply_due_at",
        ),
    )

    channel_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("channel.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    external_thread_id: Mapped[str] = mapped_column(String(200))
    # The publication the conversation is about, when a message named it; kept once set.
    publication_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("publication.id"), default=None, index=True
    )
    status: Mapped[str] = mapped_column(String(16), default=ThreadStatus.OPEN)
    assignee_id: Mapped[str | None] = mapped_column(String(128), default=None, index=True)
    tags: Mapped[list[str]] = mapped_column(ARRAY(String(50)), default=list)
    # The author and the start of the latest inbound message: whom a reply goes to.
    last_author_id: Mapped[str] = mapped_column(String(128))
    last_author_name: Mapped[str | None] = mapped_column(String(200), default=None)
    last_message_preview: Mapped[str] = mapped_column(String(200))
    last_message_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_reply_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    message_count: Mapped[int] = mapped_column(Integer, default=0)
    reply_count: Mapped[int] = mapped_column(Integer, default=0)
    # When the oldest inbound message no reply has answered yet arrived (null: none waits), and
    # when its answer is due by the channel's SLA; overdue = open and reply_due_at < now().
    awaiting_since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    reply_due_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class InboxMessage(WorkspaceModel, Base):
    """One inbound comment or private message, stored once per platform message id."""

    __tablename__ = "inbox_message"
    __table_args__ = (UniqueConstraint("workspace_id", "channel_id", "external_message_id"),)

    thread_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("inbox_thread.id", ondelete="CASCADE"), index=True
    )
    channel_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("channel.id"))
    external_message_id: Mapped[str] = mapped_column(String(200))
    author_id: Mapped[str] = mapped_column(String(128))
    author_name: Mapped[str | None] = mapped_column(String(200), default=None)
    text: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    publication_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("publication.id"), default=None
    )


class CannedReply(WorkspaceModel, Base):
    """A snippet operators answer with; every change of it is a new numbered version."""

    __tablename__ = "canned_reply"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)

    name: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    tags: Mapped[list[str]] = mapped_column(ARRAY(String(50)), default=list)
    created_by: Mapped[str | None] = mapped_column(String(128), default=None)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class CannedReplyVersion(WorkspaceModel, Base):
    """A canned reply as it stood at one version, kept so a reply can name what it sent."""

    __tablename__ = "canned_reply_version"
    __table_args__ = (UniqueConstraint("canned_reply_id", "version"),)

    canned_reply_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("canned_reply.id", ondelete="CASCADE")
    )
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    tags: Mapped[list[str]] = mapped_column(ARRAY(String(50)), default=list)
    created_by: Mapped[str | None] = mapped_column(String(128), default=None)


class InboxReply(WorkspaceModel, Base):
    """One reply an operator sent (or tried to) through the channel's reply sender."""

    __tablename__ = "inbox_reply"
    __table_args__ = (CheckConstraint(sql_in("status", ReplyStatus), name="status_known"),)

    thread_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("inbox_thread.id", ondelete="CASCADE"), index=True
    )
    # The latest inbound message when the reply went out: what it answers.
    in_reply_to_message_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("inbox_message.id", ondelete="SET NULL"), default=None
    )
    text: Mapped[str] = mapped_column(Text)
    canned_reply_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("canned_reply.id"), default=None
    )
    canned_reply_version: Mapped[int | None] = mapped_column(Integer, default=None)
    author_id: Mapped[str | None] = mapped_column(String(128), default=None)
    # The channel's publisher kind at the time: which reply sender took it.
    sender: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    error: Mapped[str | None] = mapped_column(Text, default=None)
    external_id: Mapped[str | None] = mapped_column(String(500), default=None)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    # Seconds between the oldest message this reply answered and the reply (null: it answered
    # nothing that was waiting, a follow-up).
    response_seconds: Mapped[float | None] = mapped_column(Double, default=None)


class InboxChannelSetting(WorkspaceModel, Base):
    """A channel's inbox settings: how soon an inbound message must be answered."""

    __tablename__ = "inbox_channel_setting"
    __table_args__ = (
        UniqueConstraint("workspace_id", "channel_id"),
        CheckConstraint(
            f"reply_sla_minutes BETWEEN 1 AND {MAX_REPLY_SLA_MINUTES}", name="reply_sla_range"
        ),
    )

    channel_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("channel.id", ondelete="CASCADE")
    )
    reply_sla_minutes: Mapped[int] = mapped_column(Integer)
