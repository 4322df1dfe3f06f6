from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="TaskReassign")


@_attrs_define
class TaskReassign:
    """Who does the task from now on.

    Attributes:
        assignee (str): The actor id of the operator (or member) who takes the task over.
    """

    assignee: str

    def to_dict(self) -> dict[str, Any]:
        assignee = self.assignee

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "assignee": assignee,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        assignee = d.pop("assignee")

        task_reassign = cls(
            assignee=assignee,
        )

        return task_reassign
