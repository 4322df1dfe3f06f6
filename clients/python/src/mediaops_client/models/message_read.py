from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MessageRead")


@_attrs_define
class MessageRead:
    """One inbound comment or private message of a thread.

    Attributes:
        id (UUID): The message's id, set by MediaOps.
        thread_id (UUID): The thread it belongs to.
        channel_id (UUID): The channel it came in on.
        external_message_id (str): The platform's id of the message.
        author_id (str): The platform's id of its author.
        author_name (None | str): The author's display name, if one was sent.
        text (str): What it says.
        received_at (datetime.datetime): When the platform received it (RFC 3339, UTC).
        publication_id (None | UUID): The publication it answers, when it named one.
        created_at (datetime.datetime): When MediaOps stored it (RFC 3339, UTC).
    """

    id: UUID
    thread_id: UUID
    channel_id: UUID
    external_message_id: str
    author_id: str
    author_name: None | str
    text: str
    received_at: datetime.datetime
    publication_id: None | UUID
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        thread_id = str(self.thread_id)

        channel_id = str(self.channel_id)

        external_message_id = self.external_message_id

        author_id = self.author_id

        author_name: None | str
        author_name = self.author_name

        text = self.text

        received_at = self.received_at.isoformat()

        publication_id: None | str
        if isinstance(self.publication_id, UUID):
            publication_id = str(self.publication_id)
        else:
            publication_id = self.publication_id

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "thread_id": thread_id,
                "channel_id": channel_id,
                "external_message_id": external_message_id,
                "author_id": author_id,
                "author_name": author_name,
                "text": text,
                "received_at": received_at,
                "publication_id": publication_id,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        thread_id = UUID(d.pop("thread_id"))

        channel_id = UUID(d.pop("channel_id"))

        external_message_id = d.pop("external_message_id")

        author_id = d.pop("author_id")

        def _parse_author_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        author_name = _parse_author_name(d.pop("author_name"))

        text = d.pop("text")

        received_at = datetime.datetime.fromisoformat(d.pop("received_at"))

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

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        message_read = cls(
            id=id,
            thread_id=thread_id,
            channel_id=channel_id,
            external_message_id=external_message_id,
            author_id=author_id,
            author_name=author_name,
            text=text,
            received_at=received_at,
            publication_id=publication_id,
            created_at=created_at,
        )

        message_read.additional_properties = d
        return message_read

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
