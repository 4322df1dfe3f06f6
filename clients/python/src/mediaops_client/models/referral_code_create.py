from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="ReferralCodeCreate")


@_attrs_define
class ReferralCodeCreate:
    """Who asks for a referral code, in which campaign.

    Attributes:
        campaign_id (UUID): The campaign the referral runs in. It must be of the caller's workspace.
        participant_id (str): Who shares the code: the person's id in the shop or user system (1 to 128 characters), the
            same id their coupons are claimed for.
    """

    campaign_id: UUID
    participant_id: str

    def to_dict(self) -> dict[str, Any]:
        campaign_id = str(self.campaign_id)

        participant_id = self.participant_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "campaign_id": campaign_id,
                "participant_id": participant_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        campaign_id = UUID(d.pop("campaign_id"))

        participant_id = d.pop("participant_id")

        referral_code_create = cls(
            campaign_id=campaign_id,
            participant_id=participant_id,
        )

        return referral_code_create
