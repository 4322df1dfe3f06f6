from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.retention_period import RetentionPeriod

if TYPE_CHECKING:
    from ..models.cohort import Cohort


T = TypeVar("T", bound="RetentionResult")


@_attrs_define
class RetentionResult:
    """A cohort table, one row per cohort in time order.

    Attributes:
        period (RetentionPeriod): The length of a retention cohort and of each period after it.
        periods (int): How many periods each cohort is followed for.
        tz (str): The time zone periods are cut in.
        window_start (datetime.datetime): `from`, as read.
        window_end (datetime.datetime): `to`, as read.
        cohorts (list[Cohort]): One per period with at least one new actor, oldest first.
    """

    period: RetentionPeriod
    periods: int
    tz: str
    window_start: datetime.datetime
    window_end: datetime.datetime
    cohorts: list[Cohort]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        period = self.period.value

        periods = self.periods

        tz = self.tz

        window_start = self.window_start.isoformat()

        window_end = self.window_end.isoformat()

        cohorts = []
        for cohorts_item_data in self.cohorts:
            cohorts_item = cohorts_item_data.to_dict()
            cohorts.append(cohorts_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "period": period,
                "periods": periods,
                "tz": tz,
                "window_start": window_start,
                "window_end": window_end,
                "cohorts": cohorts,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.cohort import Cohort

        d = dict(src_dict)
        period = RetentionPeriod(d.pop("period"))

        periods = d.pop("periods")

        tz = d.pop("tz")

        window_start = datetime.datetime.fromisoformat(d.pop("window_start"))

        window_end = datetime.datetime.fromisoformat(d.pop("window_end"))

        cohorts = []
        _cohorts = d.pop("cohorts")
        for cohorts_item_data in _cohorts:
            cohorts_item = Cohort.from_dict(cohorts_item_data)

            cohorts.append(cohorts_item)

        retention_result = cls(
            period=period,
            periods=periods,
            tz=tz,
            window_start=window_start,
            window_end=window_end,
            cohorts=cohorts,
        )

        retention_result.additional_properties = d
        return retention_result

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
