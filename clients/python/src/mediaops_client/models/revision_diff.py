from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RevisionDiff")


@_attrs_define
class RevisionDiff:
    """What one revision changed in the title and body, as unified diffs.

    Attributes:
        post_id (UUID): The post the revisions belong to.
        number (int): The revision shown (the newer side of the diff).
        previous_number (int | None): null for revision 1 (diffed against empty)
        title_diff (str): unified diff of the title
        body_diff (str): unified diff of the body
        diff (str): title_diff followed by body_diff
    """

    post_id: UUID
    number: int
    previous_number: int | None
    title_diff: str
    body_diff: str
    diff: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        post_id = str(self.post_id)

        number = self.number

        previous_number: int | None
        previous_number = self.previous_number

        title_diff = self.title_diff

        body_diff = self.body_diff

        diff = self.diff

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "post_id": post_id,
                "number": number,
                "previous_number": previous_number,
                "title_diff": title_diff,
                "body_diff": body_diff,
                "diff": diff,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        post_id = UUID(d.pop("post_id"))

        number = d.pop("number")

        def _parse_previous_number(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        previous_number = _parse_previous_number(d.pop("previous_number"))

        title_diff = d.pop("title_diff")

        body_diff = d.pop("body_diff")

        diff = d.pop("diff")

        revision_diff = cls(
            post_id=post_id,
            number=number,
            previous_number=previous_number,
            title_diff=title_diff,
            body_diff=body_diff,
            diff=diff,
        )

        revision_diff.additional_properties = d
        return revision_diff

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
