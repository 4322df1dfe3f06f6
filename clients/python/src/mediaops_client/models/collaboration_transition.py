from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.collaboration_status import CollaborationStatus

T = TypeVar("T", bound="CollaborationTransition")


@_attrs_define
class CollaborationTransition:
    """A move of the collaboration's status.

    Attributes:
        status (CollaborationStatus): proposed → agreed → published → paid; any but paid → cancelled. Paid and cancelled
            are
            final (``partners.service.TRANSITIONS``).
    """

    status: CollaborationStatus

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        status = CollaborationStatus(d.pop("status"))

        collaboration_transition = cls(
            status=status,
        )

        return collaboration_transition
