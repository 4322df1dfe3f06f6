from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BestTimeSlotRead")


@_attrs_define
class BestTimeSlotRead:
    """A recurring hour of the week, and how well it did if metrics-svc learned it.

    Attributes:
        weekday (int): ISO weekday in the channel's time zone: 1 = Monday … 7
        time (str): HH:MM in the channel's time zone
        exposures (int | None): Learned slots: impressions and views seen
        engagements (int | None): Learned slots: clicks, likes, favourites, comments and shares seen
        engagement_rate (float | None): Learned slots: engagements / exposures
    """

    weekday: int
    time: str
    exposures: int | None
    engagements: int | None
    engagement_rate: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        weekday = self.weekday

        time = self.time

        exposures: int | None
        exposures = self.exposures

        engagements: int | None
        engagements = self.engagements

        engagement_rate: float | None
        engagement_rate = self.engagement_rate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "weekday": weekday,
                "time": time,
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

        time = d.pop("time")

        def _parse_exposures(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        exposures = _parse_exposures(d.pop("exposures"))

        def _parse_engagements(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        engagements = _parse_engagements(d.pop("engagements"))

        def _parse_engagement_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        engagement_rate = _parse_engagement_rate(d.pop("engagement_rate"))

        best_time_slot_read = cls(
            weekday=weekday,
            time=time,
            exposures=exposures,
            engagements=engagements,
            engagement_rate=engagement_rate,
        )

        best_time_slot_read.additional_properties = d
        return best_time_slot_read

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
