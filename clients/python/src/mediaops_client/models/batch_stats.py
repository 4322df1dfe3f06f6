from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BatchStats")


@_attrs_define
class BatchStats:
    """A batch's numbers, counted now.

    Attributes:
        batch_id (UUID): The batch counted.
        issued (int): Codes generated.
        claimed (int): Codes claimed (the stock counter).
        redeemed (int): Redemptions currently applied.
        rolled_back (int): Redemptions rolled back (orders refunded).
        voided (int): Codes voided.
        discount_total (int): Discounts of the applied redemptions, minor units of `currency` (fen).
        gmv (int): Final amounts paid on the applied redemptions, minor units of `currency` (fen).
        currency (str): ISO 4217 currency of the amounts (the batch's).
    """

    batch_id: UUID
    issued: int
    claimed: int
    redeemed: int
    rolled_back: int
    voided: int
    discount_total: int
    gmv: int
    currency: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        batch_id = str(self.batch_id)

        issued = self.issued

        claimed = self.claimed

        redeemed = self.redeemed

        rolled_back = self.rolled_back

        voided = self.voided

        discount_total = self.discount_total

        gmv = self.gmv

        currency = self.currency

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "batch_id": batch_id,
                "issued": issued,
                "claimed": claimed,
                "redeemed": redeemed,
                "rolled_back": rolled_back,
                "voided": voided,
                "discount_total": discount_total,
                "gmv": gmv,
                "currency": currency,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        batch_id = UUID(d.pop("batch_id"))

        issued = d.pop("issued")

        claimed = d.pop("claimed")

        redeemed = d.pop("redeemed")

        rolled_back = d.pop("rolled_back")

        voided = d.pop("voided")

        discount_total = d.pop("discount_total")

        gmv = d.pop("gmv")

        currency = d.pop("currency")

        batch_stats = cls(
            batch_id=batch_id,
            issued=issued,
            claimed=claimed,
            redeemed=redeemed,
            rolled_back=rolled_back,
            voided=voided,
            discount_total=discount_total,
            gmv=gmv,
            currency=currency,
        )

        batch_stats.additional_properties = d
        return batch_stats

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
