from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.dashboard_get_dashboard_response_200_campaigns_status import (
    DashboardGetDashboardResponse200CampaignsStatus,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="DashboardGetDashboardResponse200Campaigns")


@_attrs_define
class DashboardGetDashboardResponse200Campaigns:
    """One section; its other fields are in gateway/README.md.

    Attributes:
        status (DashboardGetDashboardResponse200CampaignsStatus): `ok`, or why the section is empty: the token lacks the
            service's read scope (`forbidden`), or the service did not answer in time (`unavailable`).
        reason (str | Unset): Why the section is not `ok`.
    """

    status: DashboardGetDashboardResponse200CampaignsStatus
    reason: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        status = DashboardGetDashboardResponse200CampaignsStatus(d.pop("status"))

        reason = d.pop("reason", UNSET)

        dashboard_get_dashboard_response_200_campaigns = cls(
            status=status,
            reason=reason,
        )

        dashboard_get_dashboard_response_200_campaigns.additional_properties = d
        return dashboard_get_dashboard_response_200_campaigns

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
