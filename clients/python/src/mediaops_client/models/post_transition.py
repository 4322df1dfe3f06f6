from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.post_status import PostStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="PostTransition")


@_attrs_define
class PostTransition:
    """A step of the review workflow, with an optional review comment.

    Attributes:
        to (PostStatus): Where a post stands in review: draft → in_review → approved | changes_requested;
            changes_requested → in_review | draft; approved → archived | draft.
        comment (None | str | Unset): A review comment stored on the latest revision (1 to 10,000 characters).
    """

    to: PostStatus
    comment: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        to = self.to.value

        comment: None | str | Unset
        if isinstance(self.comment, Unset):
            comment = UNSET
        else:
            comment = self.comment

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "to": to,
            }
        )
        if comment is not UNSET:
            field_dict["comment"] = comment

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        to = PostStatus(d.pop("to"))

        def _parse_comment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        comment = _parse_comment(d.pop("comment", UNSET))

        post_transition = cls(
            to=to,
            comment=comment,
        )

        return post_transition
