from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="TaskSkip")


@_attrs_define
class TaskSkip:
    """Why the task is not done.

    Attributes:
        reason (str): Why the task is skipped, for the team (1 to 5,000 characters).
    """

    reason: str

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        reason = d.pop("reason")

        task_skip = cls(
            reason=reason,
        )

        return task_skip
