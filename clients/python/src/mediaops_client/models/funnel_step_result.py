from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="FunnelStepResult")


@_attrs_define
class FunnelStepResult:
    """How many actors reached one step, and the conversion into it.

    Attributes:
        step (int): Its position, from 1.
        type_ (str): The step's event type, as asked.
        name (None | str): The step's label, as asked.
        actors (int): Distinct actors who reached this step (and every step before it, in order, within the window).
        conversion_from_previous (float | None): actors / the previous step's actors (0.2137 = 21.37 %); null for step 1
            or when the previous step had none.
        conversion_from_first (float | None): actors / step 1's actors; null when step 1 had none.
    """

    step: int
    type_: str
    name: None | str
    actors: int
    conversion_from_previous: float | None
    conversion_from_first: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        step = self.step

        type_ = self.type_

        name: None | str
        name = self.name

        actors = self.actors

        conversion_from_previous: float | None
        conversion_from_previous = self.conversion_from_previous

        conversion_from_first: float | None
        conversion_from_first = self.conversion_from_first

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "step": step,
                "type": type_,
                "name": name,
                "actors": actors,
                "conversion_from_previous": conversion_from_previous,
                "conversion_from_first": conversion_from_first,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        step = d.pop("step")

        type_ = d.pop("type")

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        actors = d.pop("actors")

        def _parse_conversion_from_previous(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        conversion_from_previous = _parse_conversion_from_previous(
            d.pop("conversion_from_previous")
        )

        def _parse_conversion_from_first(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        conversion_from_first = _parse_conversion_from_first(d.pop("conversion_from_first"))

        funnel_step_result = cls(
            step=step,
            type_=type_,
            name=name,
            actors=actors,
            conversion_from_previous=conversion_from_previous,
            conversion_from_first=conversion_from_first,
        )

        funnel_step_result.additional_properties = d
        return funnel_step_result

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
