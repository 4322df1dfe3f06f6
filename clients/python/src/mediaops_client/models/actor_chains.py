from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ActorChains")


@_attrs_define
class ActorChains:
    """The campaign's (or group's) converting actors: those with at least one conversion
    credited to a publication, and those with none (conversions without an actor_id are in
    ``conversions`` only).

        Attributes:
            converted (int): Distinct actors with at least one conversion.
            attributed (int): Of them, those with at least one conversion credited to a publication.
            unattributed (int): Of them, those with none credited.
    """

    converted: int
    attributed: int
    unattributed: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        converted = self.converted

        attributed = self.attributed

        unattributed = self.unattributed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "converted": converted,
                "attributed": attributed,
                "unattributed": unattributed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        converted = d.pop("converted")

        attributed = d.pop("attributed")

        unattributed = d.pop("unattributed")

        actor_chains = cls(
            converted=converted,
            attributed=attributed,
            unattributed=unattributed,
        )

        actor_chains.additional_properties = d
        return actor_chains

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
