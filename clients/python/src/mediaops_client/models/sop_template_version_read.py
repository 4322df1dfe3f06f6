from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.sop_step import SopStep


T = TypeVar("T", bound="SopTemplateVersionRead")


@_attrs_define
class SopTemplateVersionRead:
    """One immutable version of a template, as runs started from it use it.

    Attributes:
        template_id (UUID): The template this is a version of.
        number (int): The version's number, from 1 up.
        name (str): The template's name in this version.
        description (str): The template's description in this version.
        steps (list[SopStep]): The steps of this version.
        created_at (datetime.datetime): When this version was made (RFC 3339, UTC).
    """

    template_id: UUID
    number: int
    name: str
    description: str
    steps: list[SopStep]
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        template_id = str(self.template_id)

        number = self.number

        name = self.name

        description = self.description

        steps = []
        for steps_item_data in self.steps:
            steps_item = steps_item_data.to_dict()
            steps.append(steps_item)

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "template_id": template_id,
                "number": number,
                "name": name,
                "description": description,
                "steps": steps,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.sop_step import SopStep

        d = dict(src_dict)
        template_id = UUID(d.pop("template_id"))

        number = d.pop("number")

        name = d.pop("name")

        description = d.pop("description")

        steps = []
        _steps = d.pop("steps")
        for steps_item_data in _steps:
            steps_item = SopStep.from_dict(steps_item_data)

            steps.append(steps_item)

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        sop_template_version_read = cls(
            template_id=template_id,
            number=number,
            name=name,
            description=description,
            steps=steps,
            created_at=created_at,
        )

        sop_template_version_read.additional_properties = d
        return sop_template_version_read

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
