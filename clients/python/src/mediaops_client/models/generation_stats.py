from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="GenerationStats")


@_attrs_define
class GenerationStats:
    """One generation of a campaign's referral tree.

    Attributes:
        generation (int): 0 for a seed (a participant nobody invited); an invitee is one more than its referrer.
        participants (int): Referral codes handed out in this generation.
        invitees (int): Invites accepted into this generation.
    """

    generation: int
    participants: int
    invitees: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        generation = self.generation

        participants = self.participants

        invitees = self.invitees

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "generation": generation,
                "participants": participants,
                "invitees": invitees,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        generation = d.pop("generation")

        participants = d.pop("participants")

        invitees = d.pop("invitees")

        generation_stats = cls(
            generation=generation,
            participants=participants,
            invitees=invitees,
        )

        generation_stats.additional_properties = d
        return generation_stats

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
