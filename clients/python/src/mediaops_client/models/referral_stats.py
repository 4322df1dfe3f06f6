from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.generation_stats import GenerationStats


T = TypeVar("T", bound="ReferralStats")


@_attrs_define
class ReferralStats:
    """How far a campaign's fission spread.

    Attributes:
        campaign_id (UUID): The campaign counted.
        seeds (int): Participants nobody invited (generation 0).
        invitees (int): Invites accepted, all generations.
        multiplication_rate (float): invitees ÷ seeds, rounded to 4 decimals (裂变倍增率); 0 without seeds.
        rewards_issued (int): Rewards whose coupon was issued.
        generations (list[GenerationStats]): Participants and invitees per generation, generation 0 first.
    """

    campaign_id: UUID
    seeds: int
    invitees: int
    multiplication_rate: float
    rewards_issued: int
    generations: list[GenerationStats]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        campaign_id = str(self.campaign_id)

        seeds = self.seeds

        invitees = self.invitees

        multiplication_rate = self.multiplication_rate

        rewards_issued = self.rewards_issued

        generations = []
        for generations_item_data in self.generations:
            generations_item = generations_item_data.to_dict()
            generations.append(generations_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "campaign_id": campaign_id,
                "seeds": seeds,
                "invitees": invitees,
                "multiplication_rate": multiplication_rate,
                "rewards_issued": rewards_issued,
                "generations": generations,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.generation_stats import GenerationStats

        d = dict(src_dict)
        campaign_id = UUID(d.pop("campaign_id"))

        seeds = d.pop("seeds")

        invitees = d.pop("invitees")

        multiplication_rate = d.pop("multiplication_rate")

        rewards_issued = d.pop("rewards_issued")

        generations = []
        _generations = d.pop("generations")
        for generations_item_data in _generations:
            generations_item = GenerationStats.from_dict(generations_item_data)

            generations.append(generations_item)

        referral_stats = cls(
            campaign_id=campaign_id,
            seeds=seeds,
            invitees=invitees,
            multiplication_rate=multiplication_rate,
            rewards_issued=rewards_issued,
            generations=generations,
        )

        referral_stats.additional_properties = d
        return referral_stats

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
