from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.post_status import PostStatus

T = TypeVar("T", bound="CommentRead")


@_attrs_define
class CommentRead:
    """A review comment, written on its own or with a workflow step.

    Attributes:
        id (UUID): The comment's id, set by MediaOps.
        post_id (UUID): The post it is on.
        revision_number (int | None): The revision it is about.
        body (str): The remark.
        author_id (None | str): Who wrote it (a token's `sub`).
        transition_to (None | PostStatus): The status the post moved to when the comment came with a transition; null
            for a comment on its own.
        created_at (datetime.datetime): When it was written (RFC 3339, UTC).
    """

    id: UUID
    post_id: UUID
    revision_number: int | None
    body: str
    author_id: None | str
    transition_to: None | PostStatus
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        post_id = str(self.post_id)

        revision_number: int | None
        revision_number = self.revision_number

        body = self.body

        author_id: None | str
        author_id = self.author_id

        transition_to: None | str
        if isinstance(self.transition_to, PostStatus):
            transition_to = self.transition_to.value
        else:
            transition_to = self.transition_to

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "post_id": post_id,
                "revision_number": revision_number,
                "body": body,
                "author_id": author_id,
                "transition_to": transition_to,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        post_id = UUID(d.pop("post_id"))

        def _parse_revision_number(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        revision_number = _parse_revision_number(d.pop("revision_number"))

        body = d.pop("body")

        def _parse_author_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        author_id = _parse_author_id(d.pop("author_id"))

        def _parse_transition_to(data: object) -> None | PostStatus:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                transition_to_type_0 = PostStatus(data)

                return transition_to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PostStatus, data)

        transition_to = _parse_transition_to(d.pop("transition_to"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        comment_read = cls(
            id=id,
            post_id=post_id,
            revision_number=revision_number,
            body=body,
            author_id=author_id,
            transition_to=transition_to,
            created_at=created_at,
        )

        comment_read.additional_properties = d
        return comment_read

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
