from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.discount_type import DiscountType
from ..types import UNSET, Unset

T = TypeVar("T", bound="CouponBatchCreate")


@_attrs_define
class CouponBatchCreate:
    """A coupon batch: its discount, stock, validity and code format. Validity is either a
    fixed window (`valid_from` and `valid_until`) or `valid_days` after each claim.

        Attributes:
            name (str): What operators call the batch, e.g. 满200减30, 1 to 200 characters.
            discount_type (DiscountType): How a batch's discount is reckoned: an amount off, or a percentage with a cap.
            total_quantity (int): How many codes the batch has (its stock), 1 to 10,000,000. Up to 100,000 the codes are
                made in the request (201); above, by a job (202 with the job, `Location: /v1/jobs/{id}`).
            campaign_id (None | Unset | UUID): The campaign the batch belongs to: its codes are claimed and redeemed only
                while the campaign runs. Null for a batch of its own.
            amount_off (int | None | Unset): Fixed batches: the amount off in minor units of `currency` (fen: 3000 = ¥30).
                Required for fixed.
            percent_off (float | None | str | Unset): Percent batches: the percentage off, more than 0 and less than 100
                with up to 2 decimals, as a number or a string (15 or "15" = 15% off, 85折). Required for percent.
            max_discount (int | None | Unset): Percent batches: the most one discount may be, in minor units (fen); no cap
                if null.
            min_spend (int | Unset): The least order amount a code applies to, in minor units (fen: 20000 = ¥200); 0 = none.
                Default: 0.
            currency (str | Unset): ISO 4217 code of every amount of the batch and of the orders it applies to. Default:
                'CNY'.
            per_customer_limit (int | Unset): How many codes of the batch one customer may claim. Default: 1.
            valid_from (datetime.datetime | None | Unset): Fixed validity: codes are redeemable from this time (with
                `valid_until`). RFC 3339 with an offset.
            valid_until (datetime.datetime | None | Unset): Fixed validity: codes are redeemable until this time, and
                claimable before it. RFC 3339 with an offset.
            valid_days (int | None | Unset): Rolling validity instead of a fixed window: each code is valid this many days
                from its claim.
            code_prefix (str | Unset): Text every code starts with (up to 8 characters of the code alphabet, optionally
                ending in -), upper case, e.g. DX. Default: ''.
            code_length (int | Unset): Random characters after the prefix, from 23456789ABCDEFGHJKMNPQRSTUVWXYZ (no 0/O,
                1/I/L). Long enough that codes cannot be guessed: 31^length must be at least 1,000 times total_quantity.
                Default: 10.
    """

    name: str
    discount_type: DiscountType
    total_quantity: int
    campaign_id: None | Unset | UUID = UNSET
    amount_off: int | None | Unset = UNSET
    percent_off: float | None | str | Unset = UNSET
    max_discount: int | None | Unset = UNSET
    min_spend: int | Unset = 0
    currency: str | Unset = "CNY"
    per_customer_limit: int | Unset = 1
    valid_from: datetime.datetime | None | Unset = UNSET
    valid_until: datetime.datetime | None | Unset = UNSET
    valid_days: int | None | Unset = UNSET
    code_prefix: str | Unset = ""
    code_length: int | Unset = 10

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        discount_type = self.discount_type.value

        total_quantity = self.total_quantity

        campaign_id: None | str | Unset
        if isinstance(self.campaign_id, Unset):
            campaign_id = UNSET
        elif isinstance(self.campaign_id, UUID):
            campaign_id = str(self.campaign_id)
        else:
            campaign_id = self.campaign_id

        amount_off: int | None | Unset
        if isinstance(self.amount_off, Unset):
            amount_off = UNSET
        else:
            amount_off = self.amount_off

        percent_off: float | None | str | Unset
        if isinstance(self.percent_off, Unset):
            percent_off = UNSET
        else:
            percent_off = self.percent_off

        max_discount: int | None | Unset
        if isinstance(self.max_discount, Unset):
            max_discount = UNSET
        else:
            max_discount = self.max_discount

        min_spend = self.min_spend

        currency = self.currency

        per_customer_limit = self.per_customer_limit

        valid_from: None | str | Unset
        if isinstance(self.valid_from, Unset):
            valid_from = UNSET
        elif isinstance(self.valid_from, datetime.datetime):
            valid_from = self.valid_from.isoformat()
        else:
            valid_from = self.valid_from

        valid_until: None | str | Unset
        if isinstance(self.valid_until, Unset):
            valid_until = UNSET
        elif isinstance(self.valid_until, datetime.datetime):
            valid_until = self.valid_until.isoformat()
        else:
            valid_until = self.valid_until

        valid_days: int | None | Unset
        if isinstance(self.valid_days, Unset):
            valid_days = UNSET
        else:
            valid_days = self.valid_days

        code_prefix = self.code_prefix

        code_length = self.code_length

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "discount_type": discount_type,
                "total_quantity": total_quantity,
            }
        )
        if campaign_id is not UNSET:
            field_dict["campaign_id"] = campaign_id
        if amount_off is not UNSET:
            field_dict["amount_off"] = amount_off
        if percent_off is not UNSET:
            field_dict["percent_off"] = percent_off
        if max_discount is not UNSET:
            field_dict["max_discount"] = max_discount
        if min_spend is not UNSET:
            field_dict["min_spend"] = min_spend
        if currency is not UNSET:
            field_dict["currency"] = currency
        if per_customer_limit is not UNSET:
            field_dict["per_customer_limit"] = per_customer_limit
        if valid_from is not UNSET:
            field_dict["valid_from"] = valid_from
        if valid_until is not UNSET:
            field_dict["valid_until"] = valid_until
        if valid_days is not UNSET:
            field_dict["valid_days"] = valid_days
        if code_prefix is not UNSET:
            field_dict["code_prefix"] = code_prefix
        if code_length is not UNSET:
            field_dict["code_length"] = code_length

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        discount_type = DiscountType(d.pop("discount_type"))

        total_quantity = d.pop("total_quantity")

        def _parse_campaign_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                campaign_id_type_0 = UUID(data)

                return campaign_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        campaign_id = _parse_campaign_id(d.pop("campaign_id", UNSET))

        def _parse_amount_off(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        amount_off = _parse_amount_off(d.pop("amount_off", UNSET))

        def _parse_percent_off(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        percent_off = _parse_percent_off(d.pop("percent_off", UNSET))

        def _parse_max_discount(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_discount = _parse_max_discount(d.pop("max_discount", UNSET))

        min_spend = d.pop("min_spend", UNSET)

        currency = d.pop("currency", UNSET)

        per_customer_limit = d.pop("per_customer_limit", UNSET)

        def _parse_valid_from(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_from_type_0 = datetime.datetime.fromisoformat(data)

                return valid_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        valid_from = _parse_valid_from(d.pop("valid_from", UNSET))

        def _parse_valid_until(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_until_type_0 = datetime.datetime.fromisoformat(data)

                return valid_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        valid_until = _parse_valid_until(d.pop("valid_until", UNSET))

        def _parse_valid_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        valid_days = _parse_valid_days(d.pop("valid_days", UNSET))

        code_prefix = d.pop("code_prefix", UNSET)

        code_length = d.pop("code_length", UNSET)

        coupon_batch_create = cls(
            name=name,
            discount_type=discount_type,
            total_quantity=total_quantity,
            campaign_id=campaign_id,
            amount_off=amount_off,
            percent_off=percent_off,
            max_discount=max_discount,
            min_spend=min_spend,
            currency=currency,
            per_customer_limit=per_customer_limit,
            valid_from=valid_from,
            valid_until=valid_until,
            valid_days=valid_days,
            code_prefix=code_prefix,
            code_length=code_length,
        )

        return coupon_batch_create
