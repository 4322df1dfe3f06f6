from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.target_status import TargetStatus

if TYPE_CHECKING:
    from ..models.target_read_filters import TargetReadFilters


T = TypeVar("T", bound="TargetRead")


@_attrs_define
class TargetRead:
    """A target and where it stands now.

    Attributes:
        id (UUID): The target's id, set by the service.
        name (None | str): Its label on a dashboard (up to 200 characters).
        metric (str): The metric of the catalogue it tracks.
        filters (TargetReadFilters): The filters it counts with, only those set.
        period_start (datetime.datetime): When the period starts.
        period_end (datetime.datetime): When it ends (exclusive).
        target_value (float): The value to reach, in the metric's unit.
        version (int): Set by the service, 1 at creation and +1 per change; also the `ETag`. Send it as `If-Match` when
            changing the target so a concurrent change is not lost.
        created_at (datetime.datetime): When it was created (set by the service).
        updated_at (datetime.datetime): When it last changed (set by the service).
        actual (float | None): The metric from period_start to now (or the end).
        expected (float): What the metric should be by now: pro-rata for counts and amounts, the target itself for
            ratios.
        progress (float | None): actual / target_value
        gap (float): target_value - actual (negative once exceeded)
        status (TargetStatus): Where a target stands: achieved once reached, missed once its period ended short of it,
            else on_track or at_risk against what it should be by now.
    """

    id: UUID
    name: None | str
    metric: str
    filters: TargetReadFilters
    period_start: datetime.datetime
    period_end: datetime.datetime
    target_value: float
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    actual: float | None
    expected: float
    progress: float | None
    gap: float
    status: TargetStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name: None | str
        name = self.name

        metric = self.metric

        filters = self.filters.to_dict()

        period_start = self.period_start.isoformat()

        period_end = self.period_end.isoformat()

        target_value = self.target_value

        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        actual: float | None
        actual = self.actual

        expected = self.expected

        progress: float | None
        progress = self.progress

        gap = self.gap

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "metric": metric,
                "filters": filters,
                "period_start": period_start,
                "period_end": period_end,
                "target_value": target_value,
                "version": version,
                "created_at": created_at,
                "updated_at": updated_at,
                "actual": actual,
                "expected": expected,
                "progress": progress,
                "gap": gap,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.target_read_filters import TargetReadFilters

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        metric = d.pop("metric")

        filters = TargetReadFilters.from_dict(d.pop("filters"))

        period_start = datetime.datetime.fromisoformat(d.pop("period_start"))

        period_end = datetime.datetime.fromisoformat(d.pop("period_end"))

        target_value = d.pop("target_value")

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_actual(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        actual = _parse_actual(d.pop("actual"))

        expected = d.pop("expected")

        def _parse_progress(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        progress = _parse_progress(d.pop("progress"))

        gap = d.pop("gap")

        status = TargetStatus(d.pop("status"))

        target_read = cls(
            id=id,
            name=name,
            metric=metric,
            filters=filters,
            period_start=period_start,
            period_end=period_end,
            target_value=target_value,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
            actual=actual,
            expected=expected,
            progress=progress,
            gap=gap,
            status=status,
        )

        target_read.additional_properties = d
        return target_read

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
