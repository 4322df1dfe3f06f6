from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TimeSlot")


@_attrs_define
class TimeSlot:
    """An hour of the week and how content shown in it did.

    Attributes:
        weekday (int): ISO weekday in tz: 1 = Monday … 7 = Sunday
        hour (int): Hour of day in tz, 0-23
        exposures (int): impression + view events
        engagements (int): click + like + favorite + comment + share events
        engagement_rate (float): engagements / exposures
    """

    weekday: int
    hour: int
    exposures: int
    engagements: int
    engagement_rate: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        weekday = self.weekday

        hour = self.hour

        exposures = self.exposures

        engagements = self.engagements

        engagement_rate = self.engagement_rate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "weekday": weekday,
                "hour": hour,
                "exposures": exposures,
                "engagements": engagements,
                "engagement_rate": engagement_rate,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        weekday = d.pop("weekday")

        hour = d.pop("hour")

        exposures = d.pop("exposures")

        engagements = d.pop("engagements")

        engagement_rate = d.pop("engagement_rate")

        time_slot = cls(
            weekday=weekday,
            hour=hour,
            exposures=exposures,
            engagements=engagements,
            engagement_rate=engagement_rate,
        )

        time_slot.additional_properties = d
        return time_slot

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
