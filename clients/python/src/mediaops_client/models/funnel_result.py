from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.funnel_step_result import FunnelStepResult


T = TypeVar("T", bound="FunnelResult")


@_attrs_define
class FunnelResult:
    """The funnel's steps with their actors and conversions, and where it leaks most.

    Attributes:
        window_start (datetime.datetime): `from`, as read.
        window_end (datetime.datetime): `to`, as read.
        window_seconds (int): The time each actor had, as asked.
        steps (list[FunnelStepResult]): One per step, in order.
        weakest_step (int | None): The step (2…n) with the lowest conversion from the step before it.
    """

    window_start: datetime.datetime
    window_end: datetime.datetime
    window_seconds: int
    steps: list[FunnelStepResult]
    weakest_step: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        window_start = self.window_start.isoformat()

        window_end = self.window_end.isoformat()

        window_seconds = self.window_seconds

        steps = []
        for steps_item_data in self.steps:
            steps_item = steps_item_data.to_dict()
            steps.append(steps_item)

        weakest_step: int | None
        weakest_step = self.weakest_step

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "window_start": window_start,
                "window_end": window_end,
                "window_seconds": window_seconds,
                "steps": steps,
                "weakest_step": weakest_step,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.funnel_step_result import FunnelStepResult

        d = dict(src_dict)
        window_start = datetime.datetime.fromisoformat(d.pop("window_start"))

        window_end = datetime.datetime.fromisoformat(d.pop("window_end"))

        window_seconds = d.pop("window_seconds")

        steps = []
        _steps = d.pop("steps")
        for steps_item_data in _steps:
            steps_item = FunnelStepResult.from_dict(steps_item_data)

            steps.append(steps_item)

        def _parse_weakest_step(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        weakest_step = _parse_weakest_step(d.pop("weakest_step"))

        funnel_result = cls(
            window_start=window_start,
            window_end=window_end,
            window_seconds=window_seconds,
            steps=steps,
            weakest_step=weakest_step,
        )

        funnel_result.additional_properties = d
        return funnel_result

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
