from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.thread_kind import ThreadKind
from ..models.thread_status import ThreadStatus

T = TypeVar("T", bound="ThreadRead")


@_attrs_define
class ThreadRead:
    """A conversation on a channel and where it stands: who answers it, and whether its answer
    is overdue.

        Attributes:
            id (UUID): The thread's id, set by MediaOps.
            channel_id (UUID): The channel it is on.
            kind (ThreadKind): What a thread is on its platform: the comments under a piece, or private messages.
            external_thread_id (str): The platform's id of the conversation.
            publication_id (None | UUID): The publication it is about, once a message named one.
            status (ThreadStatus): open (waiting for the team) → answered (a reply went out) | closed (nothing to do); a
                new inbound message reopens either.
            assignee_id (None | str): The operator who answers it (a token's `sub`); null: nobody yet.
            tags (list[str]): The thread's tags, in the order written.
            last_author_id (str): The author of the latest inbound message: whom a reply goes to.
            last_author_name (None | str): Their display name, if one was sent.
            last_message_preview (str): The first 200 characters of the latest inbound message.
            last_message_at (datetime.datetime): When the latest inbound message came in.
            last_reply_at (datetime.datetime | None): When the latest reply went out; null before the first.
            message_count (int): Inbound messages in the thread.
            reply_count (int): Replies sent (failed attempts not counted).
            awaiting_since (datetime.datetime | None): When the oldest inbound message no reply has answered yet came in;
                null when none waits.
            reply_due_at (datetime.datetime | None): awaiting_since plus the channel's reply SLA: when the answer is due.
            overdue (bool): Open, and reply_due_at has passed by the database's clock.
            version (int): Goes up by one on every change (an inbound message, a reply, an edit); answered as the ETag, sent
                back as If-Match on replies and edits.
            created_at (datetime.datetime): When its first message came in (RFC 3339, UTC).
            updated_at (datetime.datetime): When it last changed (RFC 3339, UTC).
    """

    id: UUID
    channel_id: UUID
    kind: ThreadKind
    external_thread_id: str
    publication_id: None | UUID
    status: ThreadStatus
    assignee_id: None | str
    tags: list[str]
    last_author_id: str
    last_author_name: None | str
    last_message_preview: str
    last_message_at: datetime.datetime
    last_reply_at: datetime.datetime | None
    message_count: int
    reply_count: int
    awaiting_since: datetime.datetime | None
    reply_due_at: datetime.datetime | None
    overdue: bool
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        channel_id = str(self.channel_id)

        kind = self.kind.value

        external_thread_id = self.external_thread_id

        publication_id: None | str
        if isinstance(self.publication_id, UUID):
            publication_id = str(self.publication_id)
        else:
            publication_id = self.publication_id

        status = self.status.value

        assignee_id: None | str
        assignee_id = self.assignee_id

        tags = self.tags

        last_author_id = self.last_author_id

        last_author_name: None | str
        last_author_name = self.last_author_name

        last_message_preview = self.last_message_preview

        last_message_at = self.last_message_at.isoformat()

        last_reply_at: None | str
        if isinstance(self.last_reply_at, datetime.datetime):
            last_reply_at = self.last_reply_at.isoformat()
        else:
            last_reply_at = self.last_reply_at

        message_count = self.message_count

        reply_count = self.reply_count

        awaiting_since: None | str
        if isinstance(self.awaiting_since, datetime.datetime):
            awaiting_since = self.awaiting_since.isoformat()
        else:
            awaiting_since = self.awaiting_since

        reply_due_at: None | str
        if isinstance(self.reply_due_at, datetime.datetime):
            reply_due_at = self.reply_due_at.isoformat()
        else:
            reply_due_at = self.reply_due_at

        overdue = self.overdue

        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "channel_id": channel_id,
                "kind": kind,
                "external_thread_id": external_thread_id,
                "publication_id": publication_id,
                "status": status,
                "assignee_id": assignee_id,
                "tags": tags,
                "last_author_id": last_author_id,
                "last_author_name": last_author_name,
                "last_message_preview": last_message_preview,
                "last_message_at": last_message_at,
                "last_reply_at": last_reply_at,
                "message_count": message_count,
                "reply_count": reply_count,
                "awaiting_since": awaiting_since,
                "reply_due_at": reply_due_at,
                "overdue": overdue,
                "version": version,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        channel_id = UUID(d.pop("channel_id"))

        kind = ThreadKind(d.pop("kind"))

        external_thread_id = d.pop("external_thread_id")

        def _parse_publication_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                publication_id_type_0 = UUID(data)

                return publication_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        publication_id = _parse_publication_id(d.pop("publication_id"))

        status = ThreadStatus(d.pop("status"))

        def _parse_assignee_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        assignee_id = _parse_assignee_id(d.pop("assignee_id"))

        tags = cast(list[str], d.pop("tags"))

        last_author_id = d.pop("last_author_id")

        def _parse_last_author_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_author_name = _parse_last_author_name(d.pop("last_author_name"))

        last_message_preview = d.pop("last_message_preview")

        last_message_at = datetime.datetime.fromisoformat(d.pop("last_message_at"))

        def _parse_last_reply_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_reply_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_reply_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_reply_at = _parse_last_reply_at(d.pop("last_reply_at"))

        message_count = d.pop("message_count")

        reply_count = d.pop("reply_count")

        def _parse_awaiting_since(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                awaiting_since_type_0 = datetime.datetime.fromisoformat(data)

                return awaiting_since_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        awaiting_since = _parse_awaiting_since(d.pop("awaiting_since"))

        def _parse_reply_due_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reply_due_at_type_0 = datetime.datetime.fromisoformat(data)

                return reply_due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        reply_due_at = _parse_reply_due_at(d.pop("reply_due_at"))

        overdue = d.pop("overdue")

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        thread_read = cls(
            id=id,
            channel_id=channel_id,
            kind=kind,
            external_thread_id=external_thread_id,
            publication_id=publication_id,
            status=status,
            assignee_id=assignee_id,
            tags=tags,
            last_author_id=last_author_id,
            last_author_name=last_author_name,
            last_message_preview=last_message_preview,
            last_message_at=last_message_at,
            last_reply_at=last_reply_at,
            message_count=message_count,
            reply_count=reply_count,
            awaiting_since=awaiting_since,
            reply_due_at=reply_due_at,
            overdue=overdue,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
        )

        thread_read.additional_properties = d
        return thread_read

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
