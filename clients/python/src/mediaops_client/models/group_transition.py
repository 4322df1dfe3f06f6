from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.group_stage import GroupStage

T = TypeVar("T", bound="GroupTransition")


@_attrs_define
class GroupTransition:
    """The stage to move the group to.

    Attributes:
        to (GroupStage): planning → building → active → converting; any stage → dissolved (final).
    """

    to: GroupStage

    def to_dict(self) -> dict[str, Any]:
        to = self.to.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "to": to,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        to = GroupStage(d.pop("to"))

        group_transition = cls(
            to=to,
        )

        return group_transition
