from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.campaign_source_in import CampaignSourceIn


T = TypeVar("T", bound="RedeemCreate")


@_attrs_define
class RedeemCreate:
    """The order a claimed coupon is applied to.

    Attributes:
        customer_id (str): Who redeems: must be the customer who claimed the code. The customer's id in the shop or user
            system (1 to 128 characters): the same id claims, redeems and appears in metrics as the actor.
        order_id (str): The order's id in the shop (1 to 128 characters), kept with the redemption and sent to metrics-
            svc with the purchase.
        order_amount (int): The order's amount before the discount, in minor units of the batch's currency (fen: 25900 =
            ¥259.00), an integer; at least the batch's min_spend.
        currency (None | str | Unset): The order's ISO 4217 currency; when given it must be the batch's. Omit to take
            the batch's.
        source (CampaignSourceIn | None | Unset): The publication that brought the purchase; without it, the claim's
            source is used.
    """

    customer_id: str
    order_id: str
    order_amount: int
    currency: None | str | Unset = UNSET
    source: CampaignSourceIn | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.campaign_source_in import CampaignSourceIn

        customer_id = self.customer_id

        order_id = self.order_id

        order_amount = self.order_amount

        currency: None | str | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        else:
            currency = self.currency

        source: dict[str, Any] | None | Unset
        if isinstance(self.source, Unset):
            source = UNSET
        elif isinstance(self.source, CampaignSourceIn):
            source = self.source.to_dict()
        else:
            source = self.source

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "customer_id": customer_id,
                "order_id": order_id,
                "order_amount": order_amount,
            }
        )
        if currency is not UNSET:
            field_dict["currency"] = currency
        if source is not UNSET:
            field_dict["source"] = source

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.campaign_source_in import CampaignSourceIn

        d = dict(src_dict)
        customer_id = d.pop("customer_id")

        order_id = d.pop("order_id")

        order_amount = d.pop("order_amount")

        def _parse_currency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        currency = _parse_currency(d.pop("currency", UNSET))

        def _parse_source(data: object) -> CampaignSourceIn | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                source_type_0 = CampaignSourceIn.from_dict(data)

                return source_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CampaignSourceIn | None | Unset, data)

        source = _parse_source(d.pop("source", UNSET))

        redeem_create = cls(
            customer_id=customer_id,
            order_id=order_id,
            order_amount=order_amount,
            currency=currency,
            source=source,
        )

        return redeem_create
