from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RewardRuleRead")


@_attrs_define
class RewardRuleRead:
    """A reward rule of a campaign.

    Attributes:
        id (UUID): The rule's id.
        campaign_id (UUID): The campaign the referral runs in.
        invites_required (int): Accepted invites a referrer needs for the reward.
        batch_id (UUID): The coupon batch the reward comes from.
        created_at (datetime.datetime): When the rule was created, UTC.
    """

    id: UUID
    campaign_id: UUID
    invites_required: int
    batch_id: UUID
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        campaign_id = str(self.campaign_id)

        invites_required = self.invites_required

        batch_id = str(self.batch_id)

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "campaign_id": campaign_id,
                "invites_required": invites_required,
                "batch_id": batch_id,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        campaign_id = UUID(d.pop("campaign_id"))

        invites_required = d.pop("invites_required")

        batch_id = UUID(d.pop("batch_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        reward_rule_read = cls(
            id=id,
            campaign_id=campaign_id,
            invites_required=invites_required,
            batch_id=batch_id,
            created_at=created_at,
        )

        reward_rule_read.additional_properties = d
        return reward_rule_read

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
