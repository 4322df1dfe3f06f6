from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.goal_horizon import GoalHorizon

if TYPE_CHECKING:
    from ..models.community_live_goal import CommunityLiveGoal


T = TypeVar("T", bound="CommunityGoalRead")


@_attrs_define
class CommunityGoalRead:
    """A goal with its live standing.

    Attributes:
        id (UUID): The goal's id (assigned by the service).
        group_id (UUID): The group the goal belongs to.
        horizon (GoalHorizon):
        metric (str): The metrics-svc metric the goal is measured by.
        target (str): The value to reach, in the metric's unit (4 decimal places, as text).
        due_date (datetime.date): The last day counted (in the group's time zone).
        description (str): What the goal is about.
        created_at (datetime.datetime): When the goal was added (RFC 3339, UTC).
        reached_at (datetime.datetime | None): When an operator marked the goal reached (`POST
            …/goals/{goal_id}/reached`, counted by metrics-svc's replication success rate); null until then.
        reached_by (None | str): Who marked it reached (the caller's id).
        live (CommunityLiveGoal): The goal's standing now, from metrics-svc (``progress`` = actual / target).
    """

    id: UUID
    group_id: UUID
    horizon: GoalHorizon
    metric: str
    target: str
    due_date: datetime.date
    description: str
    created_at: datetime.datetime
    reached_at: datetime.datetime | None
    reached_by: None | str
    live: CommunityLiveGoal
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        group_id = str(self.group_id)

        horizon = self.horizon.value

        metric = self.metric

        target = self.target

        due_date = self.due_date.isoformat()

        description = self.description

        created_at = self.created_at.isoformat()

        reached_at: None | str
        if isinstance(self.reached_at, datetime.datetime):
            reached_at = self.reached_at.isoformat()
        else:
            reached_at = self.reached_at

        reached_by: None | str
        reached_by = self.reached_by

        live = self.live.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "group_id": group_id,
                "horizon": horizon,
                "metric": metric,
                "target": target,
                "due_date": due_date,
                "description": description,
                "created_at": created_at,
                "reached_at": reached_at,
                "reached_by": reached_by,
                "live": live,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.community_live_goal import CommunityLiveGoal

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        group_id = UUID(d.pop("group_id"))

        horizon = GoalHorizon(d.pop("horizon"))

        metric = d.pop("metric")

        target = d.pop("target")

        due_date = datetime.date.fromisoformat(d.pop("due_date"))

        description = d.pop("description")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_reached_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reached_at_type_0 = datetime.datetime.fromisoformat(data)

                return reached_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        reached_at = _parse_reached_at(d.pop("reached_at"))

        def _parse_reached_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reached_by = _parse_reached_by(d.pop("reached_by"))

        live = CommunityLiveGoal.from_dict(d.pop("live"))

        community_goal_read = cls(
            id=id,
            group_id=group_id,
            horizon=horizon,
            metric=metric,
            target=target,
            due_date=due_date,
            description=description,
            created_at=created_at,
            reached_at=reached_at,
            reached_by=reached_by,
            live=live,
        )

        community_goal_read.additional_properties = d
        return community_goal_read

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
