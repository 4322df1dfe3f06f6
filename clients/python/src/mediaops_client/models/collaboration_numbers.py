from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.numbers_status import NumbersStatus

T = TypeVar("T", bound="CollaborationNumbers")


@_attrs_define
class CollaborationNumbers:
    """What a collaboration's publication brought in the window, from metrics-svc's
    attribution, against its cost.

        Attributes:
            status (NumbersStatus): Whether a collaboration's (or a ranking's) numbers could be read from metrics-svc.
            reason (None | str): When unavailable or no_publication: why there are no numbers; else null.
            leads (int | None): lead events made with the publication's tracking code in the window.
            joins (int | None): join_group events made with it (group members it brought).
            claims (int | None): coupon_claim events made with it.
            redemptions (int | None): coupon_redeem events made with it.
            gmv (int | None): Purchases made with it minus refunds, in minor units (fen): metrics-svc's GMV (yuan) times
                100. Amounts are summed as sent, in the currency they were sold in.
            net_return (int | None): gmv - cost, minor units.
            roi (float | None): (gmv - cost) / cost: 0.99 = the post brought 99% more than it cost; null when cost is 0.
            cost_per_lead (int | None): cost / leads in minor units, rounded to the nearest unit; null with no lead.
    """

    status: NumbersStatus
    reason: None | str
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
        status = self.status.value

        reason: None | str
        reason = self.reason

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
                "status": status,
                "reason": reason,
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
        status = NumbersStatus(d.pop("status"))

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

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

        collaboration_numbers = cls(
            status=status,
            reason=reason,
            leads=leads,
            joins=joins,
            claims=claims,
            redemptions=redemptions,
            gmv=gmv,
            net_return=net_return,
            roi=roi,
            cost_per_lead=cost_per_lead,
        )

        collaboration_numbers.additional_properties = d
        return collaboration_numbers

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
