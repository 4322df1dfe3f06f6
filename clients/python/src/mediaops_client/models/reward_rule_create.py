from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="RewardRuleCreate")


@_attrs_define
class RewardRuleCreate:
    """A reward rule: a coupon for every referrer who reaches N accepted invites.

    Attributes:
        campaign_id (UUID): The campaign the referral runs in. It must be of the caller's workspace.
        invites_required (int): Accepted invites a referrer needs for the reward (1 to 10,000); rewarded once per
            referrer.
        batch_id (UUID): The coupon batch the reward's coupon is claimed from, for the referrer.
    """

    campaign_id: UUID
    invites_required: int
    batch_id: UUID

    def to_dict(self) -> dict[str, Any]:
        campaign_id = str(self.campaign_id)

        invites_required = self.invites_required

        batch_id = str(self.batch_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "campaign_id": campaign_id,
                "invites_required": invites_required,
                "batch_id": batch_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        campaign_id = UUID(d.pop("campaign_id"))

        invites_required = d.pop("invites_required")

        batch_id = UUID(d.pop("batch_id"))

        reward_rule_create = cls(
            campaign_id=campaign_id,
            invites_required=invites_required,
            batch_id=batch_id,
        )

        return reward_rule_create
