from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.media_kind import MediaKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="MediaRef")


@_attrs_define
class MediaRef:
    """A picture, video, audio or file the post carries, by its address (MediaOps stores no
    media itself).

        Attributes:
            url (str): The media's full http(s) address (up to 2,000 characters).
            kind (MediaKind): What a media reference of a post points at.
            alt (None | str | Unset): Text describing it, for screen readers and platforms that show one.
    """

    url: str
    kind: MediaKind
    alt: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        kind = self.kind.value

        alt: None | str | Unset
        if isinstance(self.alt, Unset):
            alt = UNSET
        else:
            alt = self.alt

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "url": url,
                "kind": kind,
            }
        )
        if alt is not UNSET:
            field_dict["alt"] = alt

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        url = d.pop("url")

        kind = MediaKind(d.pop("kind"))

        def _parse_alt(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        alt = _parse_alt(d.pop("alt", UNSET))

        media_ref = cls(
            url=url,
            kind=kind,
            alt=alt,
        )

        return media_ref
