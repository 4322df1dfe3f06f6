from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CannedReplyCreate")


@_attrs_define
class CannedReplyCreate:
    """A snippet operators answer with; it starts at version 1.

    Attributes:
        name (str): What operators call it (1 to 200 characters), unique.
        text (str): What the reply says (1 to 5,000 characters).
        tags (list[str] | Unset): Up to 30 tags of 1 to 50 characters each.
    """

    name: str
    text: str
    tags: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        text = self.text

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "text": text,
            }
        )
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        text = d.pop("text")

        tags = cast(list[str], d.pop("tags", UNSET))

        canned_reply_create = cls(
            name=name,
            text=text,
            tags=tags,
        )

        return canned_reply_create
