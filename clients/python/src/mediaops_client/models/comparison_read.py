from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.compared_day import ComparedDay


T = TypeVar("T", bound="ComparisonRead")


@_attrs_define
class ComparisonRead:
    """A benchmark next to one of the workspace's channels, day by day over the same days.

    Attributes:
        benchmark_id (UUID): The benchmark compared.
        channel_id (str): The workspace's content-svc channel compared.
        tz (str): The IANA time zone the channel's days are cut in.
        from_ (datetime.date): The first day (inclusive).
        to (datetime.date): The day after the last (exclusive).
        days (list[ComparedDay]): One per day from `from` to `to`, in order.
    """

    benchmark_id: UUID
    channel_id: str
    tz: str
    from_: datetime.date
    to: datetime.date
    days: list[ComparedDay]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        benchmark_id = str(self.benchmark_id)

        channel_id = self.channel_id

        tz = self.tz

        from_ = self.from_.isoformat()

        to = self.to.isoformat()

        days = []
        for days_item_data in self.days:
            days_item = days_item_data.to_dict()
            days.append(days_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "benchmark_id": benchmark_id,
                "channel_id": channel_id,
                "tz": tz,
                "from": from_,
                "to": to,
                "days": days,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.compared_day import ComparedDay

        d = dict(src_dict)
        benchmark_id = UUID(d.pop("benchmark_id"))

        channel_id = d.pop("channel_id")

        tz = d.pop("tz")

        from_ = datetime.date.fromisoformat(d.pop("from"))

        to = datetime.date.fromisoformat(d.pop("to"))

        days = []
        _days = d.pop("days")
        for days_item_data in _days:
            days_item = ComparedDay.from_dict(days_item_data)

            days.append(days_item)

        comparison_read = cls(
            benchmark_id=benchmark_id,
            channel_id=channel_id,
            tz=tz,
            from_=from_,
            to=to,
            days=days,
        )

        comparison_read.additional_properties = d
        return comparison_read

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
