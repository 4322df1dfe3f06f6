from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.metric_filters import MetricFilters


T = TypeVar("T", bound="TargetCreate")


@_attrs_define
class TargetCreate:
    """A goal to track: reach `target_value` of a metric (with filters) within a period.

    Attributes:
        metric (str): A metric of the catalogue (`GET /v1/metrics`): `gmv`, `leads`, `ctr`, …
        period_start (datetime.datetime): When the period starts (RFC 3339 with offset).
        period_end (datetime.datetime): When it ends (exclusive); after `period_start`.
        target_value (float): The value to reach by `period_end`, in the metric's unit (> 0).
        name (None | str | Unset): Its label on a dashboard (up to 200 characters).
        filters (MetricFilters | Unset): Restrict a metric to one channel, post, publication, campaign and/or group.
    """

    metric: str
    period_start: datetime.datetime
    period_end: datetime.datetime
    target_value: float
    name: None | str | Unset = UNSET
    filters: MetricFilters | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        metric = self.metric

        period_start = self.period_start.isoformat()

        period_end = self.period_end.isoformat()

        target_value = self.target_value

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        filters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.filters, Unset):
            filters = self.filters.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "metric": metric,
                "period_start": period_start,
                "period_end": period_end,
                "target_value": target_value,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if filters is not UNSET:
            field_dict["filters"] = filters

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.metric_filters import MetricFilters

        d = dict(src_dict)
        metric = d.pop("metric")

        period_start = datetime.datetime.fromisoformat(d.pop("period_start"))

        period_end = datetime.datetime.fromisoformat(d.pop("period_end"))

        target_value = d.pop("target_value")

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        _filters = d.pop("filters", UNSET)
        filters: MetricFilters | Unset
        if isinstance(_filters, Unset):
            filters = UNSET
        else:
            filters = MetricFilters.from_dict(_filters)

        target_create = cls(
            metric=metric,
            period_start=period_start,
            period_end=period_end,
            target_value=target_value,
            name=name,
            filters=filters,
        )

        return target_create
