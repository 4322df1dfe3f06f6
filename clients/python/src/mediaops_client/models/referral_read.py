from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.campaign_source_read import CampaignSourceRead
    from ..models.reward_read import RewardRead


T = TypeVar("T", bound="ReferralRead")


@_attrs_define
class ReferralRead:
    """An accepted invite: who invited whom, and the rewards it triggered.

    Attributes:
        id (UUID): The referral's id.
        campaign_id (UUID): The campaign the referral runs in.
        referrer_id (str): The participant whose code was accepted.
        invitee_id (str): The person who accepted it.
        generation (int): The invitee's generation: 0 for a seed (a participant nobody invited); an invitee is one more
            than its referrer.
        created_at (datetime.datetime): When the invite was accepted, UTC.
        source (CampaignSourceRead | None): Where the invitee came from; null when the accept named no source.
        duplicate (bool | Unset): true when this invitee had already accepted this code (the answer is the earlier
            referral, status 200, nothing changed). Default: False.
        rewards (list[RewardRead] | Unset): Rewards this accept triggered for the referrer (a rule's invites_required
            reached); empty for most accepts.
    """

    id: UUID
    campaign_id: UUID
    referrer_id: str
    invitee_id: str
    generation: int
    created_at: datetime.datetime
    source: CampaignSourceRead | None
    duplicate: bool | Unset = False
    rewards: list[RewardRead] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.campaign_source_read import CampaignSourceRead

        id = str(self.id)

        campaign_id = str(self.campaign_id)

        referrer_id = self.referrer_id

        invitee_id = self.invitee_id

        generation = self.generation

        created_at = self.created_at.isoformat()

        source: dict[str, Any] | None
        if isinstance(self.source, CampaignSourceRead):
            source = self.source.to_dict()
        else:
            source = self.source

        duplicate = self.duplicate

        rewards: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.rewards, Unset):
            rewards = []
            for rewards_item_data in self.rewards:
                rewards_item = rewards_item_data.to_dict()
                rewards.append(rewards_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "campaign_id": campaign_id,
                "referrer_id": referrer_id,
                "invitee_id": invitee_id,
                "generation": generation,
                "created_at": created_at,
                "source": source,
            }
        )
        if duplicate is not UNSET:
            field_dict["duplicate"] = duplicate
        if rewards is not UNSET:
            field_dict["rewards"] = rewards

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.campaign_source_read import CampaignSourceRead
        from ..models.reward_read import RewardRead

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        campaign_id = UUID(d.pop("campaign_id"))

        referrer_id = d.pop("referrer_id")

        invitee_id = d.pop("invitee_id")

        generation = d.pop("generation")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_source(data: object) -> CampaignSourceRead | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                source_type_0 = CampaignSourceRead.from_dict(data)

                return source_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CampaignSourceRead | None, data)

        source = _parse_source(d.pop("source"))

        duplicate = d.pop("duplicate", UNSET)

        _rewards = d.pop("rewards", UNSET)
        rewards: list[RewardRead] | Unset = UNSET
        if _rewards is not UNSET:
            rewards = []
            for rewards_item_data in _rewards:
                rewards_item = RewardRead.from_dict(rewards_item_data)

                rewards.append(rewards_item)

        referral_read = cls(
            id=id,
            campaign_id=campaign_id,
            referrer_id=referrer_id,
            invitee_id=invitee_id,
            generation=generation,
            created_at=created_at,
            source=source,
            duplicate=duplicate,
            rewards=rewards,
        )

        referral_read.additional_properties = d
        return referral_read

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
