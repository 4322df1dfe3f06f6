from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.redemption_status import RedemptionStatus

if TYPE_CHECKING:
    from ..models.campaign_source_read import CampaignSourceRead


T = TypeVar("T", bound="RedemptionRead")


@_attrs_define
class RedemptionRead:
    """A coupon applied to an order, and the discount it gave.

    Attributes:
        id (UUID): The redemption's id (the rollback route takes it).
        coupon_id (UUID): The coupon redeemed.
        batch_id (UUID): The coupon's batch.
        code (str): The coupon's code.
        customer_id (str): The customer who redeemed it (its owner).
        order_id (str): The order it was applied to, as sent.
        order_amount (int): The order's amount before the discount, minor units (fen).
        discount_amount (int): The discount, minor units (fen): the fixed amount off, or the percentage of order_amount
            rounded down to the fen and capped by max_discount; never more than the order.
        final_amount (int): What the customer pays: order_amount - discount_amount, minor units (fen).
        currency (str): ISO 4217 currency of the amounts (the batch's).
        status (RedemptionStatus): A redemption stands (applied) until its order is refunded (rolled_back).
        rolled_back_at (datetime.datetime | None): When it was rolled back, UTC; null while applied.
        created_at (datetime.datetime): When the coupon was redeemed, UTC.
        source (CampaignSourceRead | None): Where the purchase came from (the request's source, else the claim's); null
            when neither named one.
    """

    id: UUID
    coupon_id: UUID
    batch_id: UUID
    code: str
    customer_id: str
    order_id: str
    order_amount: int
    discount_amount: int
    final_amount: int
    currency: str
    status: RedemptionStatus
    rolled_back_at: datetime.datetime | None
    created_at: datetime.datetime
    source: CampaignSourceRead | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.campaign_source_read import CampaignSourceRead

        id = str(self.id)

        coupon_id = str(self.coupon_id)

        batch_id = str(self.batch_id)

        code = self.code

        customer_id = self.customer_id

        order_id = self.order_id

        order_amount = self.order_amount

        discount_amount = self.discount_amount

        final_amount = self.final_amount

        currency = self.currency

        status = self.status.value

        rolled_back_at: None | str
        if isinstance(self.rolled_back_at, datetime.datetime):
            rolled_back_at = self.rolled_back_at.isoformat()
        else:
            rolled_back_at = self.rolled_back_at

        created_at = self.created_at.isoformat()

        source: dict[str, Any] | None
        if isinstance(self.source, CampaignSourceRead):
            source = self.source.to_dict()
        else:
            source = self.source

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "coupon_id": coupon_id,
                "batch_id": batch_id,
                "code": code,
                "customer_id": customer_id,
                "order_id": order_id,
                "order_amount": order_amount,
                "discount_amount": discount_amount,
                "final_amount": final_amount,
                "currency": currency,
                "status": status,
                "rolled_back_at": rolled_back_at,
                "created_at": created_at,
                "source": source,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.campaign_source_read import CampaignSourceRead

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        coupon_id = UUID(d.pop("coupon_id"))

        batch_id = UUID(d.pop("batch_id"))

        code = d.pop("code")

        customer_id = d.pop("customer_id")

        order_id = d.pop("order_id")

        order_amount = d.pop("order_amount")

        discount_amount = d.pop("discount_amount")

        final_amount = d.pop("final_amount")

        currency = d.pop("currency")

        status = RedemptionStatus(d.pop("status"))

        def _parse_rolled_back_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                rolled_back_at_type_0 = datetime.datetime.fromisoformat(data)

                return rolled_back_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        rolled_back_at = _parse_rolled_back_at(d.pop("rolled_back_at"))

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

        redemption_read = cls(
            id=id,
            coupon_id=coupon_id,
            batch_id=batch_id,
            code=code,
            customer_id=customer_id,
            order_id=order_id,
            order_amount=order_amount,
            discount_amount=discount_amount,
            final_amount=final_amount,
            currency=currency,
            status=status,
            rolled_back_at=rolled_back_at,
            created_at=created_at,
            source=source,
        )

        redemption_read.additional_properties = d
        return redemption_read

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
