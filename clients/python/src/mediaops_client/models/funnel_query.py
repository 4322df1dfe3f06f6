from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.funnel_step import FunnelStep


T = TypeVar("T", bound="FunnelQuery")


@_attrs_define
class FunnelQuery:
    """Actors who did step 1 in [from, to), then each next step in order, all within
    ``window_seconds`` of their first step 1.

        Attributes:
            steps (list[FunnelStep]): 2 to 10 steps, in the order an actor must take them.
            from_ (datetime.datetime): Actors enter with a step 1 at or after this time (RFC 3339 with offset).
            to (datetime.datetime): … and before this one (exclusive).
            window_seconds (int | Unset): How long after their first step 1 an actor has to take the other steps (seconds,
                at most 90 days; default 7 days). Later steps may fall after `to`. Default: 604800.
    """

    steps: list[FunnelStep]
    from_: datetime.datetime
    to: datetime.datetime
    window_seconds: int | Unset = 604800

    def to_dict(self) -> dict[str, Any]:
        steps = []
        for steps_item_data in self.steps:
            steps_item = steps_item_data.to_dict()
            steps.append(steps_item)

        from_ = self.from_.isoformat()

        to = self.to.isoformat()

        window_seconds = self.window_seconds

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "steps": steps,
                "from": from_,
                "to": to,
            }
        )
        if window_seconds is not UNSET:
            field_dict["window_seconds"] = window_seconds

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.funnel_step import FunnelStep

        d = dict(src_dict)
        steps = []
        _steps = d.pop("steps")
        for steps_item_data in _steps:
            steps_item = FunnelStep.from_dict(steps_item_data)

            steps.append(steps_item)

        from_ = datetime.datetime.fromisoformat(d.pop("from"))

        to = datetime.datetime.fromisoformat(d.pop("to"))

        window_seconds = d.pop("window_seconds", UNSET)

        funnel_query = cls(
            steps=steps,
            from_=from_,
            to=to,
            window_seconds=window_seconds,
        )

        return funnel_query
