import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, not_, select, update
from sqlalchemy.dialects.postgresql import insert

from content_svc.inbox.models import (
    CannedReply,
    CannedReplyVersion,
    InboxChannelSetting,
    InboxMessage,
    InboxReply,
    InboxThread,
    ReplyStatus,
    ThreadKind,
    ThreadStatus,
)
from servicekit.models import utcnow
from servicekit.repository import WorkspaceRepository, rows_changed

# The preview of the latest inbound message a thread keeps (its column's length).
PREVIEW_CHARS = 200


def _minutes(minutes: int | ColumnElement[int]) -> ColumnElement[Any]:
    return func.make_interval(0, 0, 0, 0, 0, minutes)


def overdue_now() -> ColumnElement[bool]:
    """Open, and the answer was due before now() (the transaction's time)."""
    return and_(
        InboxThread.status == ThreadStatus.OPEN,
        InboxThread.reply_due_at.is_not(None),
        InboxThread.reply_due_at < func.now(),
    )


class ThreadRepository(WorkspaceRepository[InboxThread]):
    model = InboxThread

    async def now(self) -> datetime:
        """The transaction's time, by the database's clock: what ``overdue`` is judged at, in
        reads as in the filter."""
        found: datetime = (await self.session.execute(select(func.now()))).scalar_one()
        return found

    async def clock(self) -> datetime:
        """The database's clock right now (not the transaction's start): when a reply went out."""
        found: datetime = (await self.session.execute(select(func.clock_timestamp()))).scalar_one()
        return found

    def list_threads(
        self,
        *,
        channel_id: uuid.UUID | None = None,
        publication_id: uuid.UUID | None = None,
        status: ThreadStatus | None = None,
        kind: ThreadKind | None = None,
        assignee_id: str | None = None,
        tag: str | None = None,
        overdue: bool | None = None,
    ) -> Select[InboxThread]:
        stmt = self.select(
            channel_id=channel_id,
            publication_id=publication_id,
            status=status,
            kind=kind,
            assignee_id=assignee_id,
        )
        if tag is not None:
            stmt = stmt.where(InboxThread.tags.contains([tag]))
        if overdue is not None:
            stmt = stmt.where(overdue_now() if overdue else not_(overdue_now()))
        return stmt

    async def upsert_for_message(
        self,
        *,
        channel_id: uuid.UUID,
        kind: str,
        external_thread_id: str,
        publication_id: uuid.UUID | None,
        author_id: str,
        author_name: str | None,
        text_: str,
        received_at: datetime,
        sla_minutes: int,
    ) -> uuid.UUID:
        """The thread a new inbound message belongs to, created or brought up to date in one
        statement; its id.

        One ``INSERT … ON CONFLICT DO UPDATE``: two first messages of one conversation at once
        make one thread (the second waits on the first's row and updates it). An existing
        thread is reopened; what waits for an answer starts at the oldest unanswered message;
        the latest author and preview follow the newest message, whatever order they arrive in.
        """
        preview = text_[:PREVIEW_CHARS]
        values: dict[str, Any] = {
            "id": uuid.uuid4(),
            "workspace_id": self.workspace_id,
            "channel_id": channel_id,
            "kind": kind,
            "external_thread_id": external_thread_id,
            "publication_id": publication_id,
            "status": ThreadStatus.OPEN,
            "tags": [],
            "last_author_id": author_id,
            "last_author_name": author_name,
            "last_message_preview": preview,
            "last_message_at": received_at,
            "message_count": 1,
            "reply_count": 0,
            "awaiting_since": received_at,
            "reply_due_at": received_at + timedelta(minutes=sla_minutes),
            "version": 1,
            "created_at": utcnow(),
            "updated_at": utcnow(),
        }
        stmt = insert(InboxThread).values(**values)
        new = stmt.excluded
        t = InboxThread
        newest = new.last_message_at >= t.last_message_at
        awaiting = func.least(
            func.coalesce(t.awaiting_since, new.awaiting_since), new.awaiting_since
        )
        upsert = stmt.on_conflict_do_update(
            index_elements=["workspace_id", "channel_id", "kind", "external_thread_id"],
            set_={
                "status": ThreadStatus.OPEN,
                "publication_id": func.coalesce(t.publication_id, new.publication_id),
                "last_author_id": _if(newest, new.last_author_id, t.last_author_id),
                "last_author_name": _if(newest, new.last_author_name, t.last_author_name),
                "last_message_preview": _if(
                    newest, new.last_message_preview, t.last_message_preview
                ),
                "last_message_at": func.greatest(t.last_message_at, new.last_message_at),
                "message_count": t.message_count + 1,
                "awaiting_since": awaiting,
                "reply_due_at": awaiting + _minutes(sla_minutes),
                "version": t.version + 1,
                "updated_at": utcnow(),
            },
        ).returning(InboxThread.id)
        thread_id: uuid.UUID = (await self.session.execute(upsert)).scalar_one()
        return thread_id

    async def oldest_unanswered(self, thread: InboxThread) -> datetime | None:
        """When the oldest inbound message after the thread's latest reply came in (None when
        no message came in since)."""
        stmt = select(func.min(InboxMessage.received_at)).where(
            InboxMessage.workspace_id == self.workspace_id,
            InboxMessage.thread_id == thread.id,
        )
        if thread.last_reply_at is not None:
            stmt = stmt.where(InboxMessage.received_at > thread.last_reply_at)
        found: datetime | None = await self.session.scalar(stmt)
        return found

    async def set_channel_sla(self, channel_id: uuid.UUID, sla_minutes: int) -> int:
        """Move the due time of every thread of the channel that waits for an answer to the
        new SLA, in one statement; how many."""
        stmt = (
            update(InboxThread)
            .where(
                InboxThread.workspace_id == self.workspace_id,
                InboxThread.channel_id == channel_id,
                InboxThread.awaiting_since.is_not(None),
            )
            .values(reply_due_at=InboxThread.awaiting_since + _minutes(sla_minutes))
            .execution_options(synchronize_session=False)
        )
        return await rows_changed(self.session, stmt)


def _if(condition: ColumnElement[bool], then: Any, otherwise: Any) -> ColumnElement[Any]:
    return case((condition, then), else_=otherwise)


class MessageRepository(WorkspaceRepository[InboxMessage]):
    model = InboxMessage

    async def find_external(
        self, channel_id: uuid.UUID, external_message_id: str
    ) -> InboxMessage | None:
        stmt = self.select(channel_id=channel_id, external_message_id=external_message_id)
        return (await self.session.scalars(stmt)).one_or_none()

    async def insert_once(self, values: dict[str, Any]) -> uuid.UUID | None:
        """Insert a message unless the channel already has its platform id (None then)."""
        stmt = (
            insert(InboxMessage)
            .values(workspace_id=self.workspace_id, **values)
            .on_conflict_do_nothing(
                index_elements=["workspace_id", "channel_id", "external_message_id"]
            )
            .returning(InboxMessage.id)
        )
        found: uuid.UUID | None = (await self.session.execute(stmt)).scalar_one_or_none()
        return found

    def list_messages(self, thread_id: uuid.UUID) -> Select[InboxMessage]:
        return self.select(thread_id=thread_id)

    async def latest(self, thread_id: uuid.UUID) -> InboxMessage | None:
        stmt = (
            self.select(thread_id=thread_id)
            .order_by(InboxMessage.received_at.desc(), InboxMessage.created_at.desc())
            .limit(1)
        )
        return (await self.session.scalars(stmt)).first()


class ReplyRepository(WorkspaceRepository[InboxReply]):
    model = InboxReply

    def list_replies(
        self, thread_id: uuid.UUID, status: ReplyStatus | None = None
    ) -> Select[InboxReply]:
        return self.select(thread_id=thread_id, status=status)


class CannedReplyRepository(WorkspaceRepository[CannedReply]):
    model = CannedReply

    def list_canned_replies(self, tag: str | None = None) -> Select[CannedReply]:
        stmt = self.select()
        if tag is not None:
            stmt = stmt.where(CannedReply.tags.contains([tag]))
        return stmt

    async def name_taken(self, name: str, *, exclude: uuid.UUID | None = None) -> bool:
        stmt = self.select(CannedReply.name == name)
        if exclude is not None:
            stmt = stmt.where(CannedReply.id != exclude)
        return (await self.session.execute(stmt.limit(1))).first() is not None


class CannedReplyVersionRepository(WorkspaceRepository[CannedReplyVersion]):
    model = CannedReplyVersion

    def list_versions(self, canned_reply_id: uuid.UUID) -> Select[CannedReplyVersion]:
        return self.select(canned_reply_id=canned_reply_id)

    async def get_version(
        self, canned_reply_id: uuid.UUID, version: int
    ) -> CannedReplyVersion | None:
        stmt = self.select(canned_reply_id=canned_reply_id, version=version)
        return (await self.session.scalars(stmt)).one_or_none()


class ChannelSettingRepository(WorkspaceRepository[InboxChannelSetting]):
    model = InboxChannelSetting

    async def for_channel(self, channel_id: uuid.UUID) -> InboxChannelSetting | None:
        stmt = self.select(channel_id=channel_id)
        return (await self.session.scalars(stmt)).one_or_none()

    async def put(self, channel_id: uuid.UUID, reply_sla_minutes: int) -> None:
        """Set the channel's SLA, created or replaced in one statement (two operators saving
        at once: the later one stands)."""
        stmt = insert(InboxChannelSetting).values(
            id=uuid.uuid4(),
            workspace_id=self.workspace_id,
            channel_id=channel_id,
            reply_sla_minutes=reply_sla_minutes,
            created_at=utcnow(),
            updated_at=utcnow(),
        )
        upsert = stmt.on_conflict_do_update(
            index_elements=["workspace_id", "channel_id"],
            set_={"reply_sla_minutes": stmt.excluded.reply_sla_minutes, "updated_at": utcnow()},
        )
        await self.session.execute(upsert)
