from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.thread_kind import ThreadKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.author import Author


T = TypeVar("T", bound="MessageCreate")


@_attrs_define
class MessageCreate:
    """A comment or private message that came in on a channel (from the platform's push, a
    bridge, or a person copying it in); stored once per `external_message_id`.

        Attributes:
            channel_id (UUID): The channel it came in on; one of the workspace's.
            kind (ThreadKind): What a thread is on its platform: the comments under a piece, or private messages.
            external_message_id (str): The platform's id of this message (1 to 200 characters): the same id sent again is
                the same message, answered 200 and stored once.
            author (Author): Who wrote an inbound message, as the platform names them.
            text (str): What it says, as written (1 to 10,000 characters).
            external_thread_id (None | str | Unset): The platform's id of the conversation it belongs to; messages with the
                same one share a thread. Omitted: a private message's thread is its author (one chat per person), a comment's
                its own id (each comment a thread).
            publication_id (None | Unset | UUID): The publication it answers, when known; on the same channel.
            tracking_code (None | str | Unset): Instead of publication_id: the tracking code of the publication it answers
                (any case).
            received_at (datetime.datetime | None | Unset): When the platform received it (RFC 3339 with an offset), at most
                five minutes ahead of the server's clock; omitted: now. The SLA counts from here.
    """

    channel_id: UUID
    kind: ThreadKind
    external_message_id: str
    author: Author
    text: str
    external_thread_id: None | str | Unset = UNSET
    publication_id: None | Unset | UUID = UNSET
    tracking_code: None | str | Unset = UNSET
    received_at: datetime.datetime | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        channel_id = str(self.channel_id)

        kind = self.kind.value

        external_message_id = self.external_message_id

        author = self.author.to_dict()

        text = self.text

        external_thread_id: None | str | Unset
        if isinstance(self.external_thread_id, Unset):
            external_thread_id = UNSET
        else:
            external_thread_id = self.external_thread_id

        publication_id: None | str | Unset
        if isinstance(self.publication_id, Unset):
            publication_id = UNSET
        elif isinstance(self.publication_id, UUID):
            publication_id = str(self.publication_id)
        else:
            publication_id = self.publication_id

        tracking_code: None | str | Unset
        if isinstance(self.tracking_code, Unset):
            tracking_code = UNSET
        else:
            tracking_code = self.tracking_code

        received_at: None | str | Unset
        if isinstance(self.received_at, Unset):
            received_at = UNSET
        elif isinstance(self.received_at, datetime.datetime):
            received_at = self.received_at.isoformat()
        else:
            received_at = self.received_at

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "channel_id": channel_id,
                "kind": kind,
                "external_message_id": external_message_id,
                "author": author,
                "text": text,
            }
        )
        if external_thread_id is not UNSET:
            field_dict["external_thread_id"] = external_thread_id
        if publication_id is not UNSET:
            field_dict["publication_id"] = publication_id
        if tracking_code is not UNSET:
            field_dict["tracking_code"] = tracking_code
        if received_at is not UNSET:
            field_dict["received_at"] = received_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.author import Author

        d = dict(src_dict)
        channel_id = UUID(d.pop("channel_id"))

        kind = ThreadKind(d.pop("kind"))

        external_message_id = d.pop("external_message_id")

        author = Author.from_dict(d.pop("author"))

        text = d.pop("text")

        def _parse_external_thread_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        external_thread_id = _parse_external_thread_id(d.pop("external_thread_id", UNSET))

        def _parse_publication_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                publication_id_type_0 = UUID(data)

                return publication_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        publication_id = _parse_publication_id(d.pop("publication_id", UNSET))

        def _parse_tracking_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tracking_code = _parse_tracking_code(d.pop("tracking_code", UNSET))

        def _parse_received_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                received_at_type_0 = datetime.datetime.fromisoformat(data)

                return received_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        received_at = _parse_received_at(d.pop("received_at", UNSET))

        message_create = cls(
            channel_id=channel_id,
            kind=kind,
            external_message_id=external_message_id,
            author=author,
            text=text,
            external_thread_id=external_thread_id,
            publication_id=publication_id,
            tracking_code=tracking_code,
            received_at=received_at,
        )

        return message_create
