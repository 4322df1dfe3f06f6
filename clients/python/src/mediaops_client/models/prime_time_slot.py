from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="PrimeTimeSlot")


@_attrs_define
class PrimeTimeSlot:
    """A recurring good moment to publish, in the channel's own time zone.

    Attributes:
        weekday (int): ISO weekday: 1 = Monday … 7 = Sunday
        time (str): HH:MM, 24-hour clock
    """

    weekday: int
    time: str

    def to_dict(self) -> dict[str, Any]:
        weekday = self.weekday

        time = self.time

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "weekday": weekday,
                "time": time,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        weekday = d.pop("weekday")

        time = d.pop("time")

        prime_time_slot = cls(
            weekday=weekday,
            time=time,
        )

        return prime_time_slot
