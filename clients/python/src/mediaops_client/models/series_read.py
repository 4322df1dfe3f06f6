from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.group_by import GroupBy
from ..models.interval import Interval
from ..models.unit import Unit

if TYPE_CHECKING:
    from ..models.series import Series
    from ..models.series_read_filters import SeriesReadFilters


T = TypeVar("T", bound="SeriesRead")


@_attrs_define
class SeriesRead:
    """A metric over time: one series, or one per value of `group_by`.

    Attributes:
        metric (str): The metric's name in the catalogue.
        unit (Unit): What a metric's value measures.
        interval (Interval): The length of a series' points: local days, ISO weeks (from Monday) or months.
        tz (str): The IANA time zone days, weeks and months are cut in.
        window_start (datetime.datetime): `from` as read (inclusive).
        window_end (datetime.datetime): `to` as read (exclusive).
        filters (SeriesReadFilters): The filters applied (`channel_id`, `campaign_id`, …), only those given.
        group_by (GroupBy | None): What the series are split by, if anything.
        series (list[Series]): One series without group_by; else one per value seen in the window, ordered by value.
    """

    metric: str
    unit: Unit
    interval: Interval
    tz: str
    window_start: datetime.datetime
    window_end: datetime.datetime
    filters: SeriesReadFilters
    group_by: GroupBy | None
    series: list[Series]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        metric = self.metric

        unit = self.unit.value

        interval = self.interval.value

        tz = self.tz

        window_start = self.window_start.isoformat()

        window_end = self.window_end.isoformat()

        filters = self.filters.to_dict()

        group_by: None | str
        if isinstance(self.group_by, GroupBy):
            group_by = self.group_by.value
        else:
            group_by = self.group_by

        series = []
        for series_item_data in self.series:
            series_item = series_item_data.to_dict()
            series.append(series_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "metric": metric,
                "unit": unit,
                "interval": interval,
                "tz": tz,
                "window_start": window_start,
                "window_end": window_end,
                "filters": filters,
                "group_by": group_by,
                "series": series,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.series import Series
        from ..models.series_read_filters import SeriesReadFilters

        d = dict(src_dict)
        metric = d.pop("metric")

        unit = Unit(d.pop("unit"))

        interval = Interval(d.pop("interval"))

        tz = d.pop("tz")

        window_start = datetime.datetime.fromisoformat(d.pop("window_start"))

        window_end = datetime.datetime.fromisoformat(d.pop("window_end"))

        filters = SeriesReadFilters.from_dict(d.pop("filters"))

        def _parse_group_by(data: object) -> GroupBy | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                group_by_type_0 = GroupBy(data)

                return group_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GroupBy | None, data)

        group_by = _parse_group_by(d.pop("group_by"))

        series = []
        _series = d.pop("series")
        for series_item_data in _series:
            series_item = Series.from_dict(series_item_data)

            series.append(series_item)

        series_read = cls(
            metric=metric,
            unit=unit,
            interval=interval,
            tz=tz,
            window_start=window_start,
            window_end=window_end,
            filters=filters,
            group_by=group_by,
            series=series,
        )

        series_read.additional_properties = d
        return series_read

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
