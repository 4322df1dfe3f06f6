from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.numbers_status import NumbersStatus

if TYPE_CHECKING:
    from ..models.partner_rank import PartnerRank


T = TypeVar("T", bound="PartnerRanking")


@_attrs_define
class PartnerRanking:
    """Partners ranked by the return of their collaborations due in the window: ROI first
    (highest first; a partner that cost nothing has no ROI and comes after those that have
    one), then net return, GMV and handle.

        Attributes:
            currency (str): Only collaborations in this currency count.
            tz (str): The time zone the window's days are read in.
            window_start (datetime.datetime): The window's start: `from` at midnight in `tz`, as an instant.
            window_end (datetime.datetime): The window's end (exclusive): the day after `to` at midnight in `tz`.
            status (NumbersStatus): Whether a collaboration's (or a ranking's) numbers could be read from metrics-svc.
            reason (None | str): When unavailable: why; else null.
            items (list[PartnerRank]): The partners, best return first.
    """

    currency: str
    tz: str
    window_start: datetime.datetime
    window_end: datetime.datetime
    status: NumbersStatus
    reason: None | str
    items: list[PartnerRank]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        currency = self.currency

        tz = self.tz

        window_start = self.window_start.isoformat()

        window_end = self.window_end.isoformat()

        status = self.status.value

        reason: None | str
        reason = self.reason

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "currency": currency,
                "tz": tz,
                "window_start": window_start,
                "window_end": window_end,
                "status": status,
                "reason": reason,
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.partner_rank import PartnerRank

        d = dict(src_dict)
        currency = d.pop("currency")

        tz = d.pop("tz")

        window_start = datetime.datetime.fromisoformat(d.pop("window_start"))

        window_end = datetime.datetime.fromisoformat(d.pop("window_end"))

        status = NumbersStatus(d.pop("status"))

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = PartnerRank.from_dict(items_item_data)

            items.append(items_item)

        partner_ranking = cls(
            currency=currency,
            tz=tz,
            window_start=window_start,
            window_end=window_end,
            status=status,
            reason=reason,
            items=items,
        )

        partner_ranking.additional_properties = d
        return partner_ranking

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
