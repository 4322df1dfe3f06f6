from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.reply_status import ReplyStatus

T = TypeVar("T", bound="ReplyRead")


@_attrs_define
class ReplyRead:
    """A reply sent to a thread through its channel's reply sender, and how that went.

    Attributes:
        id (UUID): The reply's id, set by MediaOps; sent to the receiver as X-MediaOps-Delivery.
        thread_id (UUID): The thread it answers.
        in_reply_to_message_id (None | UUID): The latest inbound message when it went out: what it answers.
        text (str): What it said.
        canned_reply_id (None | UUID): The canned reply it used; null when written by hand.
        canned_reply_version (int | None): Which version of the canned reply.
        author_id (None | str): The operator who sent it (a token's `sub`).
        sender (str): The channel's publisher kind when it was sent, whose reply sender took it.
        status (ReplyStatus): How sending a reply went: the channel's reply sender took it, or it failed (`error`).
        error (None | str): Why sending failed; null when it was sent.
        external_id (None | str): The platform's id of the reply, when its sender reported one.
        sent_at (datetime.datetime | None): When it went out; null when it failed.
        response_seconds (float | None): Seconds from the oldest message it answered to the reply (the response time
            metrics-svc averages); null for a follow-up that answered nothing waiting.
        created_at (datetime.datetime): When it was sent or tried (RFC 3339, UTC).
    """

    id: UUID
    thread_id: UUID
    in_reply_to_message_id: None | UUID
    text: str
    canned_reply_id: None | UUID
    canned_reply_version: int | None
    author_id: None | str
    sender: str
    status: ReplyStatus
    error: None | str
    external_id: None | str
    sent_at: datetime.datetime | None
    response_seconds: float | None
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        thread_id = str(self.thread_id)

        in_reply_to_message_id: None | str
        if isinstance(self.in_reply_to_message_id, UUID):
            in_reply_to_message_id = str(self.in_reply_to_message_id)
        else:
            in_reply_to_message_id = self.in_reply_to_message_id

        text = self.text

        canned_reply_id: None | str
        if isinstance(self.canned_reply_id, UUID):
            canned_reply_id = str(self.canned_reply_id)
        else:
            canned_reply_id = self.canned_reply_id

        canned_reply_version: int | None
        canned_reply_version = self.canned_reply_version

        author_id: None | str
        author_id = self.author_id

        sender = self.sender

        status = self.status.value

        error: None | str
        error = self.error

        external_id: None | str
        external_id = self.external_id

        sent_at: None | str
        if isinstance(self.sent_at, datetime.datetime):
            sent_at = self.sent_at.isoformat()
        else:
            sent_at = self.sent_at

        response_seconds: float | None
        response_seconds = self.response_seconds

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "thread_id": thread_id,
                "in_reply_to_message_id": in_reply_to_message_id,
                "text": text,
                "canned_reply_id": canned_reply_id,
                "canned_reply_version": canned_reply_version,
                "author_id": author_id,
                "sender": sender,
                "status": status,
                "error": error,
                "external_id": external_id,
                "sent_at": sent_at,
                "response_seconds": response_seconds,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        thread_id = UUID(d.pop("thread_id"))

        def _parse_in_reply_to_message_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                in_reply_to_message_id_type_0 = UUID(data)

                return in_reply_to_message_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        in_reply_to_message_id = _parse_in_reply_to_message_id(d.pop("in_reply_to_message_id"))

        text = d.pop("text")

        def _parse_canned_reply_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                canned_reply_id_type_0 = UUID(data)

                return canned_reply_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        canned_reply_id = _parse_canned_reply_id(d.pop("canned_reply_id"))

        def _parse_canned_reply_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        canned_reply_version = _parse_canned_reply_version(d.pop("canned_reply_version"))

        def _parse_author_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        author_id = _parse_author_id(d.pop("author_id"))

        sender = d.pop("sender")

        status = ReplyStatus(d.pop("status"))

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        def _parse_external_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        external_id = _parse_external_id(d.pop("external_id"))

        def _parse_sent_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                sent_at_type_0 = datetime.datetime.fromisoformat(data)

                return sent_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        sent_at = _parse_sent_at(d.pop("sent_at"))

        def _parse_response_seconds(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        response_seconds = _parse_response_seconds(d.pop("response_seconds"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        reply_read = cls(
            id=id,
            thread_id=thread_id,
            in_reply_to_message_id=in_reply_to_message_id,
            text=text,
            canned_reply_id=canned_reply_id,
            canned_reply_version=canned_reply_version,
            author_id=author_id,
            sender=sender,
            status=status,
            error=error,
            external_id=external_id,
            sent_at=sent_at,
            response_seconds=response_seconds,
            created_at=created_at,
        )

        reply_read.additional_properties = d
        return reply_read

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
