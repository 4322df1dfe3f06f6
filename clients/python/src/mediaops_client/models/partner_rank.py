from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.partner_platform import PartnerPlatform

T = TypeVar("T", bound="PartnerRank")


@_attrs_define
class PartnerRank:
    """One partner's collaborations in the window, added up, and its place.

    Attributes:
        rank (int | None): 1 = the best return; null when the numbers are unavailable (no ranking).
        partner_id (UUID): The partner.
        platform (PartnerPlatform): The platform a partner's account is on: the words content-svc's channels use
            (``tests/test_platform_vocabulary.py`` at the repository's root holds them equal), so a
            partner and the channel its post goes out on speak of a platform alike.
        handle (str): Its handle.
        display_name (str): The account's name as its audience sees it, 1 to 200 characters.
        collaborations (int): Its collaborations counted: published or paid, due in the window, in the ranking's
            currency.
        cost (int): Their agreed prices added up, minor units.
        leads (int | None): Leads their publications brought in the window.
        joins (int | None): Group joins they brought.
        claims (int | None): Coupon claims they brought.
        redemptions (int | None): Coupon redemptions they brought.
        gmv (int | None): GMV they brought, minor units (fen).
        net_return (int | None): gmv - cost, minor units.
        roi (float | None): (gmv - cost) / cost over them; null when cost is 0.
        cost_per_lead (int | None): cost / leads in minor units, rounded to the nearest unit; null with no lead.
    """

    rank: int | None
    partner_id: UUID
    platform: PartnerPlatform
    handle: str
    display_name: str
    collaborations: int
    cost: int
    leads: int | None
    joins: int | None
    claims: int | None
    redemptions: int | None
    gmv: int | None
    net_return: int | None
    roi: float | None
    cost_per_lead: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        rank: int | None
        rank = self.rank

        partner_id = str(self.partner_id)

        platform = self.platform.value

        handle = self.handle

        display_name = self.display_name

        collaborations = self.collaborations

        cost = self.cost

        leads: int | None
        leads = self.leads

        joins: int | None
        joins = self.joins

        claims: int | None
        claims = self.claims

        redemptions: int | None
        redemptions = self.redemptions

        gmv: int | None
        gmv = self.gmv

        net_return: int | None
        net_return = self.net_return

        roi: float | None
        roi = self.roi

        cost_per_lead: int | None
        cost_per_lead = self.cost_per_lead

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "rank": rank,
                "partner_id": partner_id,
                "platform": platform,
                "handle": handle,
                "display_name": display_name,
                "collaborations": collaborations,
                "cost": cost,
                "leads": leads,
                "joins": joins,
                "claims": claims,
                "redemptions": redemptions,
                "gmv": gmv,
                "net_return": net_return,
                "roi": roi,
                "cost_per_lead": cost_per_lead,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_rank(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rank = _parse_rank(d.pop("rank"))

        partner_id = UUID(d.pop("partner_id"))

        platform = PartnerPlatform(d.pop("platform"))

        handle = d.pop("handle")

        display_name = d.pop("display_name")

        collaborations = d.pop("collaborations")

        cost = d.pop("cost")

        def _parse_leads(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        leads = _parse_leads(d.pop("leads"))

        def _parse_joins(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        joins = _parse_joins(d.pop("joins"))

        def _parse_claims(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        claims = _parse_claims(d.pop("claims"))

        def _parse_redemptions(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        redemptions = _parse_redemptions(d.pop("redemptions"))

        def _parse_gmv(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        gmv = _parse_gmv(d.pop("gmv"))

        def _parse_net_return(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        net_return = _parse_net_return(d.pop("net_return"))

        def _parse_roi(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        roi = _parse_roi(d.pop("roi"))

        def _parse_cost_per_lead(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        cost_per_lead = _parse_cost_per_lead(d.pop("cost_per_lead"))

        partner_rank = cls(
            rank=rank,
            partner_id=partner_id,
            platform=platform,
            handle=handle,
            display_name=display_name,
            collaborations=collaborations,
            cost=cost,
            leads=leads,
            joins=joins,
            claims=claims,
            redemptions=redemptions,
            gmv=gmv,
            net_return=net_return,
            roi=roi,
            cost_per_lead=cost_per_lead,
        )

        partner_rank.additional_properties = d
        return partner_rank

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
