from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.target_status import TargetStatus

T = TypeVar("T", bound="ProgressRead")


@_attrs_define
class ProgressRead:
    """Where reaching ``target`` of a metric within [from, to) stands now: the targets' rule.

    Attributes:
        metric (str): The metric's name in the catalogue.
        from_ (datetime.datetime): The period's start, as read.
        to (datetime.datetime): The period's end (exclusive), as read.
        actual (float | None): The metric from `from` to now or `to`, whichever is first; null before `from`, or for a
            ratio whose denominator is 0.
        target (float): The value to reach, as asked.
        progress (float | None): actual / target
        status (TargetStatus): Where a target stands: achieved once reached, missed once its period ended short of it,
            else on_track or at_risk against what it should be by now.
    """

    metric: str
    from_: datetime.datetime
    to: datetime.datetime
    actual: float | None
    target: float
    progress: float | None
    status: TargetStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        metric = self.metric

        from_ = self.from_.isoformat()

        to = self.to.isoformat()

        actual: float | None
        actual = self.actual

        target = self.target

        progress: float | None
        progress = self.progress

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "metric": metric,
                "from": from_,
                "to": to,
                "actual": actual,
                "target": target,
                "progress": progress,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        metric = d.pop("metric")

        from_ = datetime.datetime.fromisoformat(d.pop("from"))

        to = datetime.datetime.fromisoformat(d.pop("to"))

        def _parse_actual(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        actual = _parse_actual(d.pop("actual"))

        target = d.pop("target")

        def _parse_progress(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        progress = _parse_progress(d.pop("progress"))

        status = TargetStatus(d.pop("status"))

        progress_read = cls(
            metric=metric,
            from_=from_,
            to=to,
            actual=actual,
            target=target,
            progress=progress,
            status=status,
        )

        progress_read.additional_properties = d
        return progress_read

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
