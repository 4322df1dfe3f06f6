from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.unit import Unit

T = TypeVar("T", bound="MetricRead")


@_attrs_define
class MetricRead:
    """A metric of the catalogue: what it counts and how.

    Attributes:
        name (str): What to ask for: `GET /v1/metrics/{name}`, a target's metric.
        zh_name (str): The name operations teams use, in Chinese (点击率).
        formula (str): How it is computed from events: `count(type)`, `sum(type.value)`, `distinct actors(type)` over
            the window, with the request's filters.
        unit (Unit): What a metric's value measures.
        description (str): What it tells, and when it is null.
    """

    name: str
    zh_name: str
    formula: str
    unit: Unit
    description: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        zh_name = self.zh_name

        formula = self.formula

        unit = self.unit.value

        description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "zh_name": zh_name,
                "formula": formula,
                "unit": unit,
                "description": description,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        zh_name = d.pop("zh_name")

        formula = d.pop("formula")

        unit = Unit(d.pop("unit"))

        description = d.pop("description")

        metric_read = cls(
            name=name,
            zh_name=zh_name,
            formula=formula,
            unit=unit,
            description=description,
        )

        metric_read.additional_properties = d
        return metric_read

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
