from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.calendar_item import CalendarItem


T = TypeVar("T", bound="CalendarDay")


@_attrs_define
class CalendarDay:
    """One local day of the window and what goes out on it.

    Attributes:
        date (datetime.date): The day, `YYYY-MM-DD`, in each item's channel's zone.
        items (list[CalendarItem]): Its publications, in time order.
    """

    date: datetime.date
    items: list[CalendarItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        date = self.date.isoformat()

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "date": date,
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.calendar_item import CalendarItem

        d = dict(src_dict)
        date = datetime.date.fromisoformat(d.pop("date"))

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = CalendarItem.from_dict(items_item_data)

            items.append(items_item)

        calendar_day = cls(
            date=date,
            items=items,
        )

        calendar_day.additional_properties = d
        return calendar_day

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
