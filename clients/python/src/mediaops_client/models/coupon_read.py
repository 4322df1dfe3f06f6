from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.coupon_status import CouponStatus

if TYPE_CHECKING:
    from ..models.campaign_source_read import CampaignSourceRead


T = TypeVar("T", bound="CouponRead")


@_attrs_define
class CouponRead:
    """One code of a batch and where it stands.

    Attributes:
        id (UUID): The coupon's id.
        batch_id (UUID): The batch the code belongs to.
        code (str): The code a customer types or scans, upper case; routes take it case-insensitively.
        status (CouponStatus): A code's life: available → claimed (by a customer) → redeemed, or voided.
        customer_id (None | str): Who claimed it; null while available.
        claimed_at (datetime.datetime | None): When it was claimed, UTC; null before.
        valid_from (datetime.datetime | None): From when it can be redeemed, UTC; set at the claim (null before).
        valid_until (datetime.datetime | None): Until when it can be redeemed, UTC; set at the claim (null before).
        redeemed_at (datetime.datetime | None): When its applied redemption was made, UTC; null when not redeemed.
        voided_at (datetime.datetime | None): When it was voided, UTC; null if not.
        source (CampaignSourceRead | None): Where the claim came from; null when it named no source.
    """

    id: UUID
    batch_id: UUID
    code: str
    status: CouponStatus
    customer_id: None | str
    claimed_at: datetime.datetime | None
    valid_from: datetime.datetime | None
    valid_until: datetime.datetime | None
    redeemed_at: datetime.datetime | None
    voided_at: datetime.datetime | None
    source: CampaignSourceRead | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.campaign_source_read import CampaignSourceRead

        id = str(self.id)

        batch_id = str(self.batch_id)

        code = self.code

        status = self.status.value

        customer_id: None | str
        customer_id = self.customer_id

        claimed_at: None | str
        if isinstance(self.claimed_at, datetime.datetime):
            claimed_at = self.claimed_at.isoformat()
        else:
            claimed_at = self.claimed_at

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

        redeemed_at: None | str
        if isinstance(self.redeemed_at, datetime.datetime):
            redeemed_at = self.redeemed_at.isoformat()
        else:
            redeemed_at = self.redeemed_at

        voided_at: None | str
        if isinstance(self.voided_at, datetime.datetime):
            voided_at = self.voided_at.isoformat()
        else:
            voided_at = self.voided_at

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
                "batch_id": batch_id,
                "code": code,
                "status": status,
                "customer_id": customer_id,
                "claimed_at": claimed_at,
                "valid_from": valid_from,
                "valid_until": valid_until,
                "redeemed_at": redeemed_at,
                "voided_at": voided_at,
                "source": source,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.campaign_source_read import CampaignSourceRead

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        batch_id = UUID(d.pop("batch_id"))

        code = d.pop("code")

        status = CouponStatus(d.pop("status"))

        def _parse_customer_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        customer_id = _parse_customer_id(d.pop("customer_id"))

        def _parse_claimed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                claimed_at_type_0 = datetime.datetime.fromisoformat(data)

                return claimed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        claimed_at = _parse_claimed_at(d.pop("claimed_at"))

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

        def _parse_redeemed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                redeemed_at_type_0 = datetime.datetime.fromisoformat(data)

                return redeemed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        redeemed_at = _parse_redeemed_at(d.pop("redeemed_at"))

        def _parse_voided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                voided_at_type_0 = datetime.datetime.fromisoformat(data)

                return voided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        voided_at = _parse_voided_at(d.pop("voided_at"))

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

        coupon_read = cls(
            id=id,
            batch_id=batch_id,
            code=code,
            status=status,
            customer_id=customer_id,
            claimed_at=claimed_at,
            valid_from=valid_from,
            valid_until=valid_until,
            redeemed_at=redeemed_at,
            voided_at=voided_at,
            source=source,
        )

        coupon_read.additional_properties = d
        return coupon_read

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
