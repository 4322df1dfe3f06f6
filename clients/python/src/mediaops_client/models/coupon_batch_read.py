from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.discount_type import DiscountType

T = TypeVar("T", bound="CouponBatchRead")


@_attrs_define
class CouponBatchRead:
    """
    Attributes:
        id (UUID):
        campaign_id (None | UUID):
        name (str):
        discount_type (DiscountType): How a batch's discount is reckoned: an amount off, or a percentage with a cap.
        amount_off (int | None):
        percent_off (None | str):
        max_discount (int | None):
        min_spend (int):
        currency (str):
        total_quantity (int):
        claimed_count (int):
        per_customer_limit (int):
        valid_from (datetime.datetime | None):
        valid_until (datetime.datetime | None):
        valid_days (int | None):
        code_prefix (str):
        code_length (int):
        created_at (datetime.datetime):
    """

    id: UUID
    campaign_id: None | UUID
    name: str
    discount_type: DiscountType
    amount_off: int | None
    percent_off: None | str
    max_discount: int | None
    min_spend: int
    currency: str
    total_quantity: int
    claimed_count: int
    per_customer_limit: int
    valid_from: datetime.datetime | None
    valid_until: datetime.datetime | None
    valid_days: int | None
    code_prefix: str
    code_length: int
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        campaign_id: None | str
        if isinstance(self.campaign_id, UUID):
            campaign_id = str(self.campaign_id)
        else:
            campaign_id = self.campaign_id

        name = self.name

        discount_type = self.discount_type.value

        amount_off: int | None
        amount_off = self.amount_off

        percent_off: None | str
        percent_off = self.percent_off

        max_discount: int | None
        max_discount = self.max_discount

        min_spend = self.min_spend

        currency = self.currency

        total_quantity = self.total_quantity

        claimed_count = self.claimed_count

        per_customer_limit = self.per_customer_limit

        valid_from: None | str
        if isinstance(self.valid_from, datetime.datetime):
            valid_from = self.valid_from.isoformat()
        else:
            valid_from = self.valid_from

        valid_until: None | str
        if isinstance(self.valid_until, datetime.datetime):
            valid_until = self.valid_until.isoformat()
        else:
            valid_until = self.valid_until

        valid_days: int | None
        valid_days = self.valid_days

        code_prefix = self.code_prefix

        code_length = self.code_length

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "campaign_id": campaign_id,
                "name": name,
                "discount_type": discount_type,
                "amount_off": amount_off,
                "percent_off": percent_off,
                "max_discount": max_discount,
                "min_spend": min_spend,
                "currency": currency,
                "total_quantity": total_quantity,
                "claimed_count": claimed_count,
                "per_customer_limit": per_customer_limit,
                "valid_from": valid_from,
                "valid_until": valid_until,
                "valid_days": valid_days,
                "code_prefix": code_prefix,
                "code_length": code_length,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        def _parse_campaign_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                campaign_id_type_0 = UUID(data)

                return campaign_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        campaign_id = _parse_campaign_id(d.pop("campaign_id"))

        name = d.pop("name")

        discount_type = DiscountType(d.pop("discount_type"))

        def _parse_amount_off(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        amount_off = _parse_amount_off(d.pop("amount_off"))

        def _parse_percent_off(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        percent_off = _parse_percent_off(d.pop("percent_off"))

        def _parse_max_discount(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        max_discount = _parse_max_discount(d.pop("max_discount"))

        min_spend = d.pop("min_spend")

        currency = d.pop("currency")

        total_quantity = d.pop("total_quantity")

        claimed_count = d.pop("claimed_count")

        per_customer_limit = d.pop("per_customer_limit")

        def _parse_valid_from(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_from_type_0 = datetime.datetime.fromisoformat(data)

                return valid_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        valid_from = _parse_valid_from(d.pop("valid_from"))

        def _parse_valid_until(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_until_type_0 = datetime.datetime.fromisoformat(data)

                return valid_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        valid_until = _parse_valid_until(d.pop("valid_until"))

        def _parse_valid_days(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        valid_days = _parse_valid_days(d.pop("valid_days"))

        code_prefix = d.pop("code_prefix")

        code_length = d.pop("code_length")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        coupon_batch_read = cls(
            id=id,
            campaign_id=campaign_id,
            name=name,
            discount_type=discount_type,
            amount_off=amount_off,
            percent_off=percent_off,
            max_discount=max_discount,
            min_spend=min_spend,
            currency=currency,
            total_quantity=total_quantity,
            claimed_count=claimed_count,
            per_customer_limit=per_customer_limit,
            valid_from=valid_from,
            valid_until=valid_until,
            valid_days=valid_days,
            code_prefix=code_prefix,
            code_length=code_length,
            created_at=created_at,
        )

        coupon_batch_read.additional_properties = d
        return coupon_batch_read

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
