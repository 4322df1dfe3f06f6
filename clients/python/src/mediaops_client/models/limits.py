from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Limits")


@_attrs_define
class Limits:
    """Effective limits, in characters (title, body, summary) and items (media, tags); null
    means no limit is enforced.

    A publication that breaks one is refused with a 422 naming the rule.

        Attributes:
            title_max (int | None): Most characters in a title; null: no limit.
            body_max (int | None): Most characters in a body; null: no limit.
            summary_max (int | None): Most characters in a summary; null: no limit.
            media_max (int | None): Most media items per piece; null: no limit.
            tags_max (int | None): Most tags per piece; null: no limit.
    """

    title_max: int | None
    body_max: int | None
    summary_max: int | None
    media_max: int | None
    tags_max: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        title_max: int | None
        title_max = self.title_max

        body_max: int | None
        body_max = self.body_max

        summary_max: int | None
        summary_max = self.summary_max

        media_max: int | None
        media_max = self.media_max

        tags_max: int | None
        tags_max = self.tags_max

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "title_max": title_max,
                "body_max": body_max,
                "summary_max": summary_max,
                "media_max": media_max,
                "tags_max": tags_max,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_title_max(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        title_max = _parse_title_max(d.pop("title_max"))

        def _parse_body_max(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        body_max = _parse_body_max(d.pop("body_max"))

        def _parse_summary_max(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        summary_max = _parse_summary_max(d.pop("summary_max"))

        def _parse_media_max(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        media_max = _parse_media_max(d.pop("media_max"))

        def _parse_tags_max(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        tags_max = _parse_tags_max(d.pop("tags_max"))

        limits = cls(
            title_max=title_max,
            body_max=body_max,
            summary_max=summary_max,
            media_max=media_max,
            tags_max=tags_max,
        )

        limits.additional_properties = d
        return limits

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
