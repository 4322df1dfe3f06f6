from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CannedReplyRead")


@_attrs_define
class CannedReplyRead:
    """A canned reply at its current version.

    Attributes:
        id (UUID): The canned reply's id, set by MediaOps.
        name (str): What operators call it.
        text (str): What the reply says, at the current version.
        tags (list[str]): Its tags, in the order written.
        version (int): The current version: 1 at creation, one more on every change; the ETag.
        created_by (None | str): Who wrote it first (a token's `sub`).
        created_at (datetime.datetime): When it was created (RFC 3339, UTC).
        updated_at (datetime.datetime): When its current version was made (RFC 3339, UTC).
    """

    id: UUID
    name: str
    text: str
    tags: list[str]
    version: int
    created_by: None | str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        text = self.text

        tags = self.tags

        version = self.version

        created_by: None | str
        created_by = self.created_by

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "text": text,
                "tags": tags,
                "version": version,
                "created_by": created_by,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        text = d.pop("text")

        tags = cast(list[str], d.pop("tags"))

        version = d.pop("version")

        def _parse_created_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        created_by = _parse_created_by(d.pop("created_by"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        canned_reply_read = cls(
            id=id,
            name=name,
            text=text,
            tags=tags,
            version=version,
            created_by=created_by,
            created_at=created_at,
            updated_at=updated_at,
        )

        canned_reply_read.additional_properties = d
        return canned_reply_read

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
