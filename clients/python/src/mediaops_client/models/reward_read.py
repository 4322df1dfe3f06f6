from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.reward_status import RewardStatus

T = TypeVar("T", bound="RewardRead")


@_attrs_define
class RewardRead:
    """A referrer's reward under one rule: the coupon issued, or why it could not be.

    Attributes:
        id (UUID): The reward's id.
        rule_id (UUID): The reward rule that was reached.
        referrer_id (str): The participant rewarded.
        coupon_id (None | UUID): The coupon claimed for the referrer from the rule's batch (look it up in `GET
            /v1/coupons?customer_id=`); null when the claim failed.
        status (RewardStatus): A referrer's reward: its coupon was issued, or the claim failed (the reason is kept).
        detail (None | str): Why a failed reward failed; null when issued.
        created_at (datetime.datetime): When the reward was reached, UTC.
    """

    id: UUID
    rule_id: UUID
    referrer_id: str
    coupon_id: None | UUID
    status: RewardStatus
    detail: None | str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        rule_id = str(self.rule_id)

        referrer_id = self.referrer_id

        coupon_id: None | str
        if isinstance(self.coupon_id, UUID):
            coupon_id = str(self.coupon_id)
        else:
            coupon_id = self.coupon_id

        status = self.status.value

        detail: None | str
        detail = self.detail

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "rule_id": rule_id,
                "referrer_id": referrer_id,
                "coupon_id": coupon_id,
                "status": status,
                "detail": detail,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        rule_id = UUID(d.pop("rule_id"))

        referrer_id = d.pop("referrer_id")

        def _parse_coupon_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                coupon_id_type_0 = UUID(data)

                return coupon_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        coupon_id = _parse_coupon_id(d.pop("coupon_id"))

        status = RewardStatus(d.pop("status"))

        def _parse_detail(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        detail = _parse_detail(d.pop("detail"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        reward_read = cls(
            id=id,
            rule_id=rule_id,
            referrer_id=referrer_id,
            coupon_id=coupon_id,
            status=status,
            detail=detail,
            created_at=created_at,
        )

        reward_read.additional_properties = d
        return reward_read

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
