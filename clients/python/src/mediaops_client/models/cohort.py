from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Cohort")


@_attrs_define
class Cohort:
    """The actors whose first cohort event fell in one period, and how many came back.

    Attributes:
        cohort_start (datetime.date): The cohort's first local day (a Monday for weeks).
        size (int): Actors in the cohort.
        returned (list[int]): Actors returning in period 0, 1, …
        rates (list[float | None]): returned / size per period (0.5917 = 59.17 %); period 0 is the cohort's own period.
            A period that has not happened yet counts 0.
    """

    cohort_start: datetime.date
    size: int
    returned: list[int]
    rates: list[float | None]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cohort_start = self.cohort_start.isoformat()

        size = self.size

        returned = self.returned

        rates = []
        for rates_item_data in self.rates:
            rates_item: float | None
            rates_item = rates_item_data
            rates.append(rates_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cohort_start": cohort_start,
                "size": size,
                "returned": returned,
                "rates": rates,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        cohort_start = datetime.date.fromisoformat(d.pop("cohort_start"))

        size = d.pop("size")

        returned = cast(list[int], d.pop("returned"))

        rates = []
        _rates = d.pop("rates")
        for rates_item_data in _rates:

            def _parse_rates_item(data: object) -> float | None:
                if data is None:
                    return data
                return cast(float | None, data)

            rates_item = _parse_rates_item(rates_item_data)

            rates.append(rates_item)

        cohort = cls(
            cohort_start=cohort_start,
            size=size,
            returned=returned,
            rates=rates,
        )

        cohort.additional_properties = d
        return cohort

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
