from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.goal_horizon import GoalHorizon
from ..types import UNSET, Unset

T = TypeVar("T", bound="GoalCreate")


@_attrs_define
class GoalCreate:
    """A goal of the group: a metrics-svc metric to reach by a day.

    Attributes:
        horizon (GoalHorizon):
        metric (str): A metric name from metrics-svc's catalogue (`GET /v1/metrics`), e.g. `activity_rate` or `gmv`.
        target (float | str): The value to reach, in the metric's unit (a rate as a fraction: 0.4 = 40%); greater than
            0, up to 4 decimal places.
        due_date (datetime.date): The last day counted (YYYY-MM-DD, in the group's time zone).
        description (str | Unset): What the goal is about (free text). Default: ''.
    """

    horizon: GoalHorizon
    metric: str
    target: float | str
    due_date: datetime.date
    description: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        horizon = self.horizon.value

        metric = self.metric

        target: float | str
        target = self.target

        due_date = self.due_date.isoformat()

        description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "horizon": horizon,
                "metric": metric,
                "target": target,
                "due_date": due_date,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        horizon = GoalHorizon(d.pop("horizon"))

        metric = d.pop("metric")

        def _parse_target(data: object) -> float | str:
            return cast(float | str, data)

        target = _parse_target(d.pop("target"))

        due_date = datetime.date.fromisoformat(d.pop("due_date"))

        description = d.pop("description", UNSET)

        goal_create = cls(
            horizon=horizon,
            metric=metric,
            target=target,
            due_date=due_date,
            description=description,
        )

        return goal_create
