from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CommentCreate")


@_attrs_define
class CommentCreate:
    """A reviewer's remark on one revision of the post.

    Attributes:
        body (str): The remark (1 to 10,000 characters).
        revision_number (int | None | Unset): The revision it is about; omitted: the latest.
    """

    body: str
    revision_number: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        body = self.body

        revision_number: int | None | Unset
        if isinstance(self.revision_number, Unset):
            revision_number = UNSET
        else:
            revision_number = self.revision_number

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "body": body,
            }
        )
        if revision_number is not UNSET:
            field_dict["revision_number"] = revision_number

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        body = d.pop("body")

        def _parse_revision_number(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        revision_number = _parse_revision_number(d.pop("revision_number", UNSET))

        comment_create = cls(
            body=body,
            revision_number=revision_number,
        )

        return comment_create
