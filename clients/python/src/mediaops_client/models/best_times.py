from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.time_slot import TimeSlot


T = TypeVar("T", bound="BestTimes")


@_attrs_define
class BestTimes:
    """The hours of the week to publish on a channel, best first.

    Attributes:
        channel_id (str): The content-svc channel, as asked.
        tz (str): The time zone weekdays and hours are in, as asked.
        days (int): How many days of history were read, up to now.
        slots (list[TimeSlot]): Up to `limit` slots with at least `min_exposures` exposures, highest engagement rate
            first (more exposures first on a tie); empty without enough history.
    """

    channel_id: str
    tz: str
    days: int
    slots: list[TimeSlot]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        channel_id = self.channel_id

        tz = self.tz

        days = self.days

        slots = []
        for slots_item_data in self.slots:
            slots_item = slots_item_data.to_dict()
            slots.append(slots_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "channel_id": channel_id,
                "tz": tz,
                "days": days,
                "slots": slots,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.time_slot import TimeSlot

        d = dict(src_dict)
        channel_id = d.pop("channel_id")

        tz = d.pop("tz")

        days = d.pop("days")

        slots = []
        _slots = d.pop("slots")
        for slots_item_data in _slots:
            slots_item = TimeSlot.from_dict(slots_item_data)

            slots.append(slots_item)

        best_times = cls(
            channel_id=channel_id,
            tz=tz,
            days=days,
            slots=slots,
        )

        best_times.additional_properties = d
        return best_times

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
