from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.media_ref import MediaRef


T = TypeVar("T", bound="PostCreate")


@_attrs_define
class PostCreate:
    """A new post, written by the caller; it starts as a `draft` and its content is stored as
    revision 1.

        Attributes:
            title (str): The headline (1 to 500 characters; a channel's own limit may be lower).
            body (str | Unset): The text, in Markdown. Default: ''.
            summary (str | Unset): A short lead some platforms show under the title (up to 2,000 characters). Default: ''.
            tags (list[str] | Unset): Up to 30 tags of 1 to 50 characters; repeats are dropped, the order kept.
            media (list[MediaRef] | Unset): Up to 50 media references, in the order they appear.
            topic_id (None | Unset | UUID): The topic (选题) this post was written for; null: none. One of the workspace's.
    """

    title: str
    body: str | Unset = ""
    summary: str | Unset = ""
    tags: list[str] | Unset = UNSET
    media: list[MediaRef] | Unset = UNSET
    topic_id: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        body = self.body

        summary = self.summary

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        media: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.media, Unset):
            media = []
            for media_item_data in self.media:
                media_item = media_item_data.to_dict()
                media.append(media_item)

        topic_id: None | str | Unset
        if isinstance(self.topic_id, Unset):
            topic_id = UNSET
        elif isinstance(self.topic_id, UUID):
            topic_id = str(self.topic_id)
        else:
            topic_id = self.topic_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "title": title,
            }
        )
        if body is not UNSET:
            field_dict["body"] = body
        if summary is not UNSET:
            field_dict["summary"] = summary
        if tags is not UNSET:
            field_dict["tags"] = tags
        if media is not UNSET:
            field_dict["media"] = media
        if topic_id is not UNSET:
            field_dict["topic_id"] = topic_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.media_ref import MediaRef

        d = dict(src_dict)
        title = d.pop("title")

        body = d.pop("body", UNSET)

        summary = d.pop("summary", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        _media = d.pop("media", UNSET)
        media: list[MediaRef] | Unset = UNSET
        if _media is not UNSET:
            media = []
            for media_item_data in _media:
                media_item = MediaRef.from_dict(media_item_data)

                media.append(media_item)

        def _parse_topic_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                topic_id_type_0 = UUID(data)

                return topic_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        topic_id = _parse_topic_id(d.pop("topic_id", UNSET))

        post_create = cls(
            title=title,
            body=body,
            summary=summary,
            tags=tags,
            media=media,
            topic_id=topic_id,
        )

        return post_create
