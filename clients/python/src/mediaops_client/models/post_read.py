from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.post_status import PostStatus

if TYPE_CHECKING:
    from ..models.media_ref import MediaRef


T = TypeVar("T", bound="PostRead")


@_attrs_define
class PostRead:
    """A post, its current content and where it stands in review.

    Attributes:
        id (UUID): The post's id, set by MediaOps.
        topic_id (None | UUID): The topic (选题) this post was written for; null: none.
        title (str): The headline.
        body (str): The text, in Markdown.
        summary (str): A short lead some platforms show under the title.
        tags (list[str]): The post's tags, in the order written.
        media (list[MediaRef]): Media references, in the order they appear.
        author_id (None | str): Who wrote it: the creating token's `sub`.
        status (PostStatus): Where a post stands in review: draft → in_review → approved | changes_requested;
            changes_requested → in_review | draft; approved → archived | draft.
        version (int): Goes up by one on every change; answered as the ETag, sent back as If-Match.
        created_at (datetime.datetime): When it was created (RFC 3339, UTC).
        updated_at (datetime.datetime): When it last changed (RFC 3339, UTC).
    """

    id: UUID
    topic_id: None | UUID
    title: str
    body: str
    summary: str
    tags: list[str]
    media: list[MediaRef]
    author_id: None | str
    status: PostStatus
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        topic_id: None | str
        if isinstance(self.topic_id, UUID):
            topic_id = str(self.topic_id)
        else:
            topic_id = self.topic_id

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

        status = self.status.value

        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "topic_id": topic_id,
                "title": title,
                "body": body,
                "summary": summary,
                "tags": tags,
                "media": media,
                "author_id": author_id,
                "status": status,
                "version": version,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.media_ref import MediaRef

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        def _parse_topic_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                topic_id_type_0 = UUID(data)

                return topic_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        topic_id = _parse_topic_id(d.pop("topic_id"))

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

        status = PostStatus(d.pop("status"))

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        post_read = cls(
            id=id,
            topic_id=topic_id,
            title=title,
            body=body,
            summary=summary,
            tags=tags,
            media=media,
            author_id=author_id,
            status=status,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
        )

        post_read.additional_properties = d
        return post_read

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
