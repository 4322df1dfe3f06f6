from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.sop_step import SopStep


T = TypeVar("T", bound="SopTemplateCreate")


@_attrs_define
class SopTemplateCreate:
    """A new SOP template; it starts at version 1.

    Attributes:
        name (str): The template's name (1 to 200 characters).
        steps (list[SopStep]): The steps, 1 to 100; tasks keep their order by due time, not by this list.
        description (str | Unset): What the template is for (free text). Default: ''.
    """

    name: str
    steps: list[SopStep]
    description: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        steps = []
        for steps_item_data in self.steps:
            steps_item = steps_item_data.to_dict()
            steps.append(steps_item)

        description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "steps": steps,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.sop_step import SopStep

        d = dict(src_dict)
        name = d.pop("name")

        steps = []
        _steps = d.pop("steps")
        for steps_item_data in _steps:
            steps_item = SopStep.from_dict(steps_item_data)

            steps.append(steps_item)

        description = d.pop("description", UNSET)

        sop_template_create = cls(
            name=name,
            steps=steps,
            description=description,
        )

        return sop_template_create
