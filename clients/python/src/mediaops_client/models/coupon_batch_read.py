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
    """A coupon batch and its stock counter.

    Attributes:
        id (UUID): The batch's id.
        campaign_id (None | UUID): The campaign the batch belongs to: its codes are claimed and redeemed only while the
            campaign runs. Null for a batch of its own.
        name (str): What operators call the batch, e.g. 满200减30, 1 to 200 characters.
        discount_type (DiscountType): How a batch's discount is reckoned: an amount off, or a percentage with a cap.
        amount_off (int | None): Fixed batches: the amount off in minor units of `currency` (fen: 3000 = ¥30). Null for
            percent.
        percent_off (None | str): Percent batches: the percentage off as a decimal string ("15.00" = 15% off). Null for
            fixed.
        max_discount (int | None): Percent batches: the most one discount may be, in minor units (fen); no cap if null.
        min_spend (int): The least order amount a code applies to, in minor units (fen: 20000 = ¥200); 0 = none.
        currency (str): ISO 4217 code of every amount of the batch and of the orders it applies to.
        total_quantity (int): How many codes the batch has (its stock), 1 to 10,000,000.
        generated_count (int): Codes made so far: `total_quantity` once made (a job makes big batches).
        claimed_count (int): Codes claimed so far (the stock counter).
        per_customer_limit (int): How many codes of the batch one customer may claim.
        valid_from (datetime.datetime | None): Fixed validity: codes are redeemable from this time (with `valid_until`).
            UTC; null for valid_days.
        valid_until (datetime.datetime | None): Fixed validity: codes are redeemable until this time, and claimable
            before it. UTC; null for valid_days.
        valid_days (int | None): Rolling validity instead of a fixed window: each code is valid this many days from its
            claim. Null for a fixed window.
        code_prefix (str): Text every code starts with (up to 8 characters of the code alphabet, optionally ending in
            -), upper case, e.g. DX.
        code_length (int): Random characters after the prefix, from 23456789ABCDEFGHJKMNPQRSTUVWXYZ (no 0/O, 1/I/L).
        created_at (datetime.datetime): When the batch was created, UTC.
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
    generated_count: int
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

        generated_count = self.generated_count

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
                "generated_count": generated_count,
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

        generated_count = d.pop("generated_count")

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
            generated_count=generated_count,
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
