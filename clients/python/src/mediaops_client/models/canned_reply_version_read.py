from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CannedReplyVersionRead")


@_attrs_define
class CannedReplyVersionRead:
    """A canned reply as it stood at one version.

    Attributes:
        canned_reply_id (UUID): The canned reply this is a version of.
        version (int): Its number: 1, 2, 3 …
        name (str): The name at this version.
        text (str): The text at this version.
        tags (list[str]): The tags at this version.
        created_by (None | str): Who made this version (a token's `sub`).
        created_at (datetime.datetime): When this version was made (RFC 3339, UTC).
    """

    canned_reply_id: UUID
    version: int
    name: str
    text: str
    tags: list[str]
    created_by: None | str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        canned_reply_id = str(self.canned_reply_id)

        version = self.version

        name = self.name

        text = self.text

        tags = self.tags

        created_by: None | str
        created_by = self.created_by

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "canned_reply_id": canned_reply_id,
                "version": version,
                "name": name,
                "text": text,
                "tags": tags,
                "created_by": created_by,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        canned_reply_id = UUID(d.pop("canned_reply_id"))

        version = d.pop("version")

        name = d.pop("name")

        text = d.pop("text")

        tags = cast(list[str], d.pop("tags"))

        def _parse_created_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        created_by = _parse_created_by(d.pop("created_by"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        canned_reply_version_read = cls(
            canned_reply_id=canned_reply_id,
            version=version,
            name=name,
            text=text,
            tags=tags,
            created_by=created_by,
            created_at=created_at,
        )

        canned_reply_version_read.additional_properties = d
        return canned_reply_version_read

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
