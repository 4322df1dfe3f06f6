from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="LimitsOverride")


@_attrs_define
class LimitsOverride:
    """Limits this channel sets over its platform profile; an explicit ``null`` lifts one.

    Lengths count Unicode characters (a Chinese character is one).

        Attributes:
            title_max (int | None | Unset): Most characters in a title on this channel; null lifts the platform's limit,
                omitted keeps it.
            body_max (int | None | Unset): Most characters in a body on this channel; null lifts the platform's limit,
                omitted keeps it.
            summary_max (int | None | Unset): Most characters in a summary on this channel; null lifts the platform's limit,
                omitted keeps it.
            media_max (int | None | Unset): Most media items per piece on this channel; null lifts the platform's limit,
                omitted keeps it.
            tags_max (int | None | Unset): Most tags per piece on this channel; null lifts the platform's limit, omitted
                keeps it.
    """

    title_max: int | None | Unset = UNSET
    body_max: int | None | Unset = UNSET
    summary_max: int | None | Unset = UNSET
    media_max: int | None | Unset = UNSET
    tags_max: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        title_max: int | None | Unset
        if isinstance(self.title_max, Unset):
            title_max = UNSET
        else:
            title_max = self.title_max

        body_max: int | None | Unset
        if isinstance(self.body_max, Unset):
            body_max = UNSET
        else:
            body_max = self.body_max

        summary_max: int | None | Unset
        if isinstance(self.summary_max, Unset):
            summary_max = UNSET
        else:
            summary_max = self.summary_max

        media_max: int | None | Unset
        if isinstance(self.media_max, Unset):
            media_max = UNSET
        else:
            media_max = self.media_max

        tags_max: int | None | Unset
        if isinstance(self.tags_max, Unset):
            tags_max = UNSET
        else:
            tags_max = self.tags_max

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if title_max is not UNSET:
            field_dict["title_max"] = title_max
        if body_max is not UNSET:
            field_dict["body_max"] = body_max
        if summary_max is not UNSET:
            field_dict["summary_max"] = summary_max
        if media_max is not UNSET:
            field_dict["media_max"] = media_max
        if tags_max is not UNSET:
            field_dict["tags_max"] = tags_max

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_title_max(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        title_max = _parse_title_max(d.pop("title_max", UNSET))

        def _parse_body_max(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        body_max = _parse_body_max(d.pop("body_max", UNSET))

        def _parse_summary_max(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        summary_max = _parse_summary_max(d.pop("summary_max", UNSET))

        def _parse_media_max(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        media_max = _parse_media_max(d.pop("media_max", UNSET))

        def _parse_tags_max(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        tags_max = _parse_tags_max(d.pop("tags_max", UNSET))

        limits_override = cls(
            title_max=title_max,
            body_max=body_max,
            summary_max=summary_max,
            media_max=media_max,
            tags_max=tags_max,
        )

        return limits_override
