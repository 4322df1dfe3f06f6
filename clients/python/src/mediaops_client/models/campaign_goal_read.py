from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.campaign_live_goal import CampaignLiveGoal


T = TypeVar("T", bound="CampaignGoalRead")


@_attrs_define
class CampaignGoalRead:
    """A goal as set, with its live progress.

    Attributes:
        metric (str): The metrics-svc metric the goal is set on.
        target (float): The value to reach over the window, in the metric's unit.
        live (CampaignLiveGoal): A goal's progress now, from metrics-svc over the campaign's window and its events.
    """

    metric: str
    target: float
    live: CampaignLiveGoal
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        metric = self.metric

        target = self.target

        live = self.live.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "metric": metric,
                "target": target,
                "live": live,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.campaign_live_goal import CampaignLiveGoal

        d = dict(src_dict)
        metric = d.pop("metric")

        target = d.pop("target")

        live = CampaignLiveGoal.from_dict(d.pop("live"))

        campaign_goal_read = cls(
            metric=metric,
            target=target,
            live=live,
        )

        campaign_goal_read.additional_properties = d
        return campaign_goal_read

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
