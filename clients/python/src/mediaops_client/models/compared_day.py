from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.compared_numbers import ComparedNumbers


T = TypeVar("T", bound="ComparedDay")


@_attrs_define
class ComparedDay:
    """One day: the benchmark's numbers next to the channel's own, and how far apart.

    Attributes:
        date (datetime.date): The day, in the request's `tz`.
        benchmark (ComparedNumbers): The numbers compared, for one side of one day (or their gap or ratio); null where
            the
            side has no number that day.
        own (ComparedNumbers): The numbers compared, for one side of one day (or their gap or ratio); null where the
            side has no number that day.
        gap (ComparedNumbers): The numbers compared, for one side of one day (or their gap or ratio); null where the
            side has no number that day.
        ratio (ComparedNumbers): The numbers compared, for one side of one day (or their gap or ratio); null where the
            side has no number that day.
    """

    date: datetime.date
    benchmark: ComparedNumbers
    own: ComparedNumbers
    gap: ComparedNumbers
    ratio: ComparedNumbers
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        date = self.date.isoformat()

        benchmark = self.benchmark.to_dict()

        own = self.own.to_dict()

        gap = self.gap.to_dict()

        ratio = self.ratio.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "date": date,
                "benchmark": benchmark,
                "own": own,
                "gap": gap,
                "ratio": ratio,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.compared_numbers import ComparedNumbers

        d = dict(src_dict)
        date = datetime.date.fromisoformat(d.pop("date"))

        benchmark = ComparedNumbers.from_dict(d.pop("benchmark"))

        own = ComparedNumbers.from_dict(d.pop("own"))

        gap = ComparedNumbers.from_dict(d.pop("gap"))

        ratio = ComparedNumbers.from_dict(d.pop("ratio"))

        compared_day = cls(
            date=date,
            benchmark=benchmark,
            own=own,
            gap=gap,
            ratio=ratio,
        )

        compared_day.additional_properties = d
        return compared_day

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
