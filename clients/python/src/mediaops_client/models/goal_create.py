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
    """
    Attributes:
        horizon (GoalHorizon):
        metric (str):
        target (float | str):
        due_date (datetime.date): A date between 1970-01-01 and 2200-01-01.
        description (str | Unset):  Default: ''.
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
