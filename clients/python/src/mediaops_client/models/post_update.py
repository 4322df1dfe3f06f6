from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.media_ref import MediaRef


T = TypeVar("T", bound="PostUpdate")


@_attrs_define
class PostUpdate:
    """Every field optional; only the fields sent are changed. ``topic_id: null`` unlinks.

    A change of content (title, body, summary, tags, media) stores a new revision, and sends
    an approved post back to draft.

        Attributes:
            title (None | str | Unset): The headline (1 to 500 characters; a channel's own limit may be lower).
            body (None | str | Unset): The text, in Markdown.
            summary (None | str | Unset): A short lead some platforms show under the title (up to 2,000 characters).
            tags (list[str] | None | Unset): Up to 30 tags of 1 to 50 characters; repeats are dropped, the order kept.
                Replaces the list.
            media (list[MediaRef] | None | Unset): Up to 50 media references, in the order they appear. Replaces the list.
            topic_id (None | Unset | UUID): The topic (选题) this post was written for; null: none. null unlinks it.
    """

    title: None | str | Unset = UNSET
    body: None | str | Unset = UNSET
    summary: None | str | Unset = UNSET
    tags: list[str] | None | Unset = UNSET
    media: list[MediaRef] | None | Unset = UNSET
    topic_id: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        body: None | str | Unset
        if isinstance(self.body, Unset):
            body = UNSET
        else:
            body = self.body

        summary: None | str | Unset
        if isinstance(self.summary, Unset):
            summary = UNSET
        else:
            summary = self.summary

        tags: list[str] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = self.tags

        else:
            tags = self.tags

        media: list[dict[str, Any]] | None | Unset
        if isinstance(self.media, Unset):
            media = UNSET
        elif isinstance(self.media, list):
            media = []
            for media_type_0_item_data in self.media:
                media_type_0_item = media_type_0_item_data.to_dict()
                media.append(media_type_0_item)

        else:
            media = self.media

        topic_id: None | str | Unset
        if isinstance(self.topic_id, Unset):
            topic_id = UNSET
        elif isinstance(self.topic_id, UUID):
            topic_id = str(self.topic_id)
        else:
            topic_id = self.topic_id

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if title is not UNSET:
            field_dict["title"] = title
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

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        def _parse_body(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        body = _parse_body(d.pop("body", UNSET))

        def _parse_summary(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        summary = _parse_summary(d.pop("summary", UNSET))

        def _parse_tags(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tags_type_0 = cast(list[str], data)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        def _parse_media(data: object) -> list[MediaRef] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                media_type_0 = []
                _media_type_0 = data
                for media_type_0_item_data in _media_type_0:
                    media_type_0_item = MediaRef.from_dict(media_type_0_item_data)

                    media_type_0.append(media_type_0_item)

                return media_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[MediaRef] | None | Unset, data)

        media = _parse_media(d.pop("media", UNSET))

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

        post_update = cls(
            title=title,
            body=body,
            summary=summary,
            tags=tags,
            media=media,
            topic_id=topic_id,
        )

        return post_update
