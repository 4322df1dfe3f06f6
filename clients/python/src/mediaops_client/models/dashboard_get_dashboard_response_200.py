from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.dashboard_get_dashboard_response_200_campaigns import (
        DashboardGetDashboardResponse200Campaigns,
    )
    from ..models.dashboard_get_dashboard_response_200_metrics import (
        DashboardGetDashboardResponse200Metrics,
    )
    from ..models.dashboard_get_dashboard_response_200_publications import (
        DashboardGetDashboardResponse200Publications,
    )
    from ..models.dashboard_get_dashboard_response_200_targets import (
        DashboardGetDashboardResponse200Targets,
    )
    from ..models.dashboard_get_dashboard_response_200_tasks import (
        DashboardGetDashboardResponse200Tasks,
    )


T = TypeVar("T", bound="DashboardGetDashboardResponse200")


@_attrs_define
class DashboardGetDashboardResponse200:
    """
    Attributes:
        tz (str | Unset): The time zone whose *today* the view shows.
        today (datetime.date | Unset): That day's date.
        generated_at (datetime.datetime | Unset): When the gateway composed the view (UTC).
        publications (DashboardGetDashboardResponse200Publications | Unset): One section; its other fields are in
            gateway/README.md.
        tasks (DashboardGetDashboardResponse200Tasks | Unset): One section; its other fields are in gateway/README.md.
        campaigns (DashboardGetDashboardResponse200Campaigns | Unset): One section; its other fields are in
            gateway/README.md.
        targets (DashboardGetDashboardResponse200Targets | Unset): One section; its other fields are in
            gateway/README.md.
        metrics (DashboardGetDashboardResponse200Metrics | Unset): One section; its other fields are in
            gateway/README.md.
    """

    tz: str | Unset = UNSET
    today: datetime.date | Unset = UNSET
    generated_at: datetime.datetime | Unset = UNSET
    publications: DashboardGetDashboardResponse200Publications | Unset = UNSET
    tasks: DashboardGetDashboardResponse200Tasks | Unset = UNSET
    campaigns: DashboardGetDashboardResponse200Campaigns | Unset = UNSET
    targets: DashboardGetDashboardResponse200Targets | Unset = UNSET
    metrics: DashboardGetDashboardResponse200Metrics | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tz = self.tz

        today: str | Unset = UNSET
        if not isinstance(self.today, Unset):
            today = self.today.isoformat()

        generated_at: str | Unset = UNSET
        if not isinstance(self.generated_at, Unset):
            generated_at = self.generated_at.isoformat()

        publications: dict[str, Any] | Unset = UNSET
        if not isinstance(self.publications, Unset):
            publications = self.publications.to_dict()

        tasks: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tasks, Unset):
            tasks = self.tasks.to_dict()

        campaigns: dict[str, Any] | Unset = UNSET
        if not isinstance(self.campaigns, Unset):
            campaigns = self.campaigns.to_dict()

        targets: dict[str, Any] | Unset = UNSET
        if not isinstance(self.targets, Unset):
            targets = self.targets.to_dict()

        metrics: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metrics, Unset):
            metrics = self.metrics.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if tz is not UNSET:
            field_dict["tz"] = tz
        if today is not UNSET:
            field_dict["today"] = today
        if generated_at is not UNSET:
            field_dict["generated_at"] = generated_at
        if publications is not UNSET:
            field_dict["publications"] = publications
        if tasks is not UNSET:
            field_dict["tasks"] = tasks
        if campaigns is not UNSET:
            field_dict["campaigns"] = campaigns
        if targets is not UNSET:
            field_dict["targets"] = targets
        if metrics is not UNSET:
            field_dict["metrics"] = metrics

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.dashboard_get_dashboard_response_200_campaigns import (
            DashboardGetDashboardResponse200Campaigns,
        )
        from ..models.dashboard_get_dashboard_response_200_metrics import (
            DashboardGetDashboardResponse200Metrics,
        )
        from ..models.dashboard_get_dashboard_response_200_publications import (
            DashboardGetDashboardResponse200Publications,
        )
        from ..models.dashboard_get_dashboard_response_200_targets import (
            DashboardGetDashboardResponse200Targets,
        )
        from ..models.dashboard_get_dashboard_response_200_tasks import (
            DashboardGetDashboardResponse200Tasks,
        )

        d = dict(src_dict)
        tz = d.pop("tz", UNSET)

        _today = d.pop("today", UNSET)
        today: datetime.date | Unset
        if isinstance(_today, Unset):
            today = UNSET
        else:
            today = datetime.date.fromisoformat(_today)

        _generated_at = d.pop("generated_at", UNSET)
        generated_at: datetime.datetime | Unset
        if isinstance(_generated_at, Unset):
            generated_at = UNSET
        else:
            generated_at = datetime.datetime.fromisoformat(_generated_at)

        _publications = d.pop("publications", UNSET)
        publications: DashboardGetDashboardResponse200Publications | Unset
        if isinstance(_publications, Unset):
            publications = UNSET
        else:
            publications = DashboardGetDashboardResponse200Publications.from_dict(_publications)

        _tasks = d.pop("tasks", UNSET)
        tasks: DashboardGetDashboardResponse200Tasks | Unset
        if isinstance(_tasks, Unset):
            tasks = UNSET
        else:
            tasks = DashboardGetDashboardResponse200Tasks.from_dict(_tasks)

        _campaigns = d.pop("campaigns", UNSET)
        campaigns: DashboardGetDashboardResponse200Campaigns | Unset
        if isinstance(_campaigns, Unset):
            campaigns = UNSET
        else:
            campaigns = DashboardGetDashboardResponse200Campaigns.from_dict(_campaigns)

        _targets = d.pop("targets", UNSET)
        targets: DashboardGetDashboardResponse200Targets | Unset
        if isinstance(_targets, Unset):
            targets = UNSET
        else:
            targets = DashboardGetDashboardResponse200Targets.from_dict(_targets)

        _metrics = d.pop("metrics", UNSET)
        metrics: DashboardGetDashboardResponse200Metrics | Unset
        if isinstance(_metrics, Unset):
            metrics = UNSET
        else:
            metrics = DashboardGetDashboardResponse200Metrics.from_dict(_metrics)

        dashboard_get_dashboard_response_200 = cls(
            tz=tz,
            today=today,
            generated_at=generated_at,
            publications=publications,
            tasks=tasks,
            campaigns=campaigns,
            targets=targets,
            metrics=metrics,
        )

        dashboard_get_dashboard_response_200.additional_properties = d
        return dashboard_get_dashboard_response_200

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
