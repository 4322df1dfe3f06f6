from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ChannelAttribution")


@_attrs_define
class ChannelAttribution:
    """The report's publications added up per channel.

    Attributes:
        impressions (int): impression events
        clicks (int): click events
        leads (int): lead events (contact details captured)
        joins (int): join_group events
        claims (int): coupon_claim events
        redemptions (int): coupon_redeem events
        gmv (float): sum(purchase.value) - sum(refund.value)
        ctr (float | None): clicks / impressions
        lead_rate (float | None): leads / clicks
        join_rate (float | None): joins / leads
        claim_rate (float | None): claims / joins
        redemption_rate (float | None): redemptions / claims
        channel_id (None | str): null: publications whose channel is unknown.
        publications (int): How many of the report's publications it holds.
    """

    impressions: int
    clicks: int
    leads: int
    joins: int
    claims: int
    redemptions: int
    gmv: float
    ctr: float | None
    lead_rate: float | None
    join_rate: float | None
    claim_rate: float | None
    redemption_rate: float | None
    channel_id: None | str
    publications: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        impressions = self.impressions

        clicks = self.clicks

        leads = self.leads

        joins = self.joins

        claims = self.claims

        redemptions = self.redemptions

        gmv = self.gmv

        ctr: float | None
        ctr = self.ctr

        lead_rate: float | None
        lead_rate = self.lead_rate

        join_rate: float | None
        join_rate = self.join_rate

        claim_rate: float | None
        claim_rate = self.claim_rate

        redemption_rate: float | None
        redemption_rate = self.redemption_rate

        channel_id: None | str
        channel_id = self.channel_id

        publications = self.publications

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "impressions": impressions,
                "clicks": clicks,
                "leads": leads,
                "joins": joins,
                "claims": claims,
                "redemptions": redemptions,
                "gmv": gmv,
                "ctr": ctr,
                "lead_rate": lead_rate,
                "join_rate": join_rate,
                "claim_rate": claim_rate,
                "redemption_rate": redemption_rate,
                "channel_id": channel_id,
                "publications": publications,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        impressions = d.pop("impressions")

        clicks = d.pop("clicks")

        leads = d.pop("leads")

        joins = d.pop("joins")

        claims = d.pop("claims")

        redemptions = d.pop("redemptions")

        gmv = d.pop("gmv")

        def _parse_ctr(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        ctr = _parse_ctr(d.pop("ctr"))

        def _parse_lead_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        lead_rate = _parse_lead_rate(d.pop("lead_rate"))

        def _parse_join_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        join_rate = _parse_join_rate(d.pop("join_rate"))

        def _parse_claim_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        claim_rate = _parse_claim_rate(d.pop("claim_rate"))

        def _parse_redemption_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        redemption_rate = _parse_redemption_rate(d.pop("redemption_rate"))

        def _parse_channel_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        channel_id = _parse_channel_id(d.pop("channel_id"))

        publications = d.pop("publications")

        channel_attribution = cls(
            impressions=impressions,
            clicks=clicks,
            leads=leads,
            joins=joins,
            claims=claims,
            redemptions=redemptions,
            gmv=gmv,
            ctr=ctr,
            lead_rate=lead_rate,
            join_rate=join_rate,
            claim_rate=claim_rate,
            redemption_rate=redemption_rate,
            channel_id=channel_id,
            publications=publications,
        )

        channel_attribution.additional_properties = d
        return channel_attribution

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
