from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.sop_step import SopStep


T = TypeVar("T", bound="SopTemplateRead")


@_attrs_define
class SopTemplateRead:
    """A template as it is now: its newest version's name, description and steps.

    Attributes:
        id (UUID): The template's id (assigned by the service).
        name (str): The template's name (1 to 200 characters).
        description (str): What the template is for (free text).
        current_version (int): The newest version's number (1, 2, …); the answer's `ETag` is this number in quotes, for
            `If-Match`.
        steps (list[SopStep]): The newest version's steps.
        created_at (datetime.datetime): When the template was created (RFC 3339, UTC).
        updated_at (datetime.datetime): When its newest version was made (RFC 3339, UTC).
    """

    id: UUID
    name: str
    description: str
    current_version: int
    steps: list[SopStep]
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        description = self.description

        current_version = self.current_version

        steps = []
        for steps_item_data in self.steps:
            steps_item = steps_item_data.to_dict()
            steps.append(steps_item)

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "description": description,
                "current_version": current_version,
                "steps": steps,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.sop_step import SopStep

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        description = d.pop("description")

        current_version = d.pop("current_version")

        steps = []
        _steps = d.pop("steps")
        for steps_item_data in _steps:
            steps_item = SopStep.from_dict(steps_item_data)

            steps.append(steps_item)

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        sop_template_read = cls(
            id=id,
            name=name,
            description=description,
            current_version=current_version,
            steps=steps,
            created_at=created_at,
            updated_at=updated_at,
        )

        sop_template_read.additional_properties = d
        return sop_template_read

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
