from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.media_ref import MediaRef


T = TypeVar("T", bound="RevisionRead")


@_attrs_define
class RevisionRead:
    """The post's content as one edit left it; revisions are never changed.

    Attributes:
        post_id (UUID): The post this is a revision of.
        number (int): 1 for the content the post was created with, then +1.
        title (str): The headline in this revision.
        body (str): The Markdown text in this revision.
        summary (str): The summary in this revision.
        tags (list[str]): The tags in this revision.
        media (list[MediaRef]): The media references in this revision.
        author_id (None | str): Who made this edit (a token's `sub`).
        created_at (datetime.datetime): When the edit was made (RFC 3339, UTC).
    """

    post_id: UUID
    number: int
    title: str
    body: str
    summary: str
    tags: list[str]
    media: list[MediaRef]
    author_id: None | str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        post_id = str(self.post_id)

        number = self.number

        title = self.title

        body = self.body

        summary = self.summary

        tags = self.tags

        media = []
        for media_item_data in self.media:
            media_item = media_item_data.to_dict()
            media.append(media_item)

        author_id: None | str
        author_id = self.author_id

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "post_id": post_id,
                "number": number,
                "title": title,
                "body": body,
                "summary": summary,
                "tags": tags,
                "media": media,
                "author_id": author_id,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.media_ref import MediaRef

        d = dict(src_dict)
        post_id = UUID(d.pop("post_id"))

        number = d.pop("number")

        title = d.pop("title")

        body = d.pop("body")

        summary = d.pop("summary")

        tags = cast(list[str], d.pop("tags"))

        media = []
        _media = d.pop("media")
        for media_item_data in _media:
            media_item = MediaRef.from_dict(media_item_data)

            media.append(media_item)

        def _parse_author_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        author_id = _parse_author_id(d.pop("author_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        revision_read = cls(
            post_id=post_id,
            number=number,
            title=title,
            body=body,
            summary=summary,
            tags=tags,
            media=media,
            author_id=author_id,
            created_at=created_at,
        )

        revision_read.additional_properties = d
        return revision_read

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
