from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.campaign_status import CampaignStatus

T = TypeVar("T", bound="CampaignStats")


@_attrs_define
class CampaignStats:
    """A campaign's coupon, lead and referral numbers, counted now.

    Attributes:
        campaign_id (UUID): The campaign counted.
        status (CampaignStatus): Where a campaign stands: stored as an operator chose it, read with the clock applied.
        batches (int): Coupon batches of the campaign.
        issued (int): Codes generated in those batches.
        claimed (int): Codes claimed by customers.
        redeemed (int): Redemptions currently applied (rolled back ones not).
        rolled_back (int): Redemptions rolled back (orders refunded).
        discount_total (int): Discounts of the applied redemptions, minor units (fen for CNY).
        gmv (int): Final amounts paid on the applied redemptions, minor units (fen for CNY).
        leads (int): Leads the campaign captured.
        referral_seeds (int): Participants who got a referral code without being invited (generation 0).
        referral_invitees (int): Invites accepted in the campaign.
    """

    campaign_id: UUID
    status: CampaignStatus
    batches: int
    issued: int
    claimed: int
    redeemed: int
    rolled_back: int
    discount_total: int
    gmv: int
    leads: int
    referral_seeds: int
    referral_invitees: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        campaign_id = str(self.campaign_id)

        status = self.status.value

        batches = self.batches

        issued = self.issued

        claimed = self.claimed

        redeemed = self.redeemed

        rolled_back = self.rolled_back

        discount_total = self.discount_total

        gmv = self.gmv

        leads = self.leads

        referral_seeds = self.referral_seeds

        referral_invitees = self.referral_invitees

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "campaign_id": campaign_id,
                "status": status,
                "batches": batches,
                "issued": issued,
                "claimed": claimed,
                "redeemed": redeemed,
                "rolled_back": rolled_back,
                "discount_total": discount_total,
                "gmv": gmv,
                "leads": leads,
                "referral_seeds": referral_seeds,
                "referral_invitees": referral_invitees,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        campaign_id = UUID(d.pop("campaign_id"))

        status = CampaignStatus(d.pop("status"))

        batches = d.pop("batches")

        issued = d.pop("issued")

        claimed = d.pop("claimed")

        redeemed = d.pop("redeemed")

        rolled_back = d.pop("rolled_back")

        discount_total = d.pop("discount_total")

        gmv = d.pop("gmv")

        leads = d.pop("leads")

        referral_seeds = d.pop("referral_seeds")

        referral_invitees = d.pop("referral_invitees")

        campaign_stats = cls(
            campaign_id=campaign_id,
            status=status,
            batches=batches,
            issued=issued,
            claimed=claimed,
            redeemed=redeemed,
            rolled_back=rolled_back,
            discount_total=discount_total,
            gmv=gmv,
            leads=leads,
            referral_seeds=referral_seeds,
            referral_invitees=referral_invitees,
        )

        campaign_stats.additional_properties = d
        return campaign_stats

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
