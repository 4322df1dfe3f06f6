from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ConversionCounts")


@_attrs_define
class ConversionCounts:
    """The scope's conversion events (leads, joins, claims, redemptions, purchases, refunds)
    by whether a publication was credited.

        Attributes:
            attributed (int): Conversions credited to a publication.
            unattributed (int): Conversions credited to none (no publication of their own, and no actor or no touch before
                them).
    """

    attributed: int
    unattributed: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attributed = self.attributed

        unattributed = self.unattributed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attributed": attributed,
                "unattributed": unattributed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        attributed = d.pop("attributed")

        unattributed = d.pop("unattributed")

        conversion_counts = cls(
            attributed=attributed,
            unattributed=unattributed,
        )

        conversion_counts.additional_properties = d
        return conversion_counts

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
