from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="MarkPublished")


@_attrs_define
class MarkPublished:
    """Where an operator published the piece by hand.

    Attributes:
        url (str): Where the piece can be read on the platform.
        external_id (None | str | Unset): The platform's own id of the piece, if it shows one.
    """

    url: str
    external_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        external_id: None | str | Unset
        if isinstance(self.external_id, Unset):
            external_id = UNSET
        else:
            external_id = self.external_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "url": url,
            }
        )
        if external_id is not UNSET:
            field_dict["external_id"] = external_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        url = d.pop("url")

        def _parse_external_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        external_id = _parse_external_id(d.pop("external_id", UNSET))

        mark_published = cls(
            url=url,
            external_id=external_id,
        )

        return mark_published
