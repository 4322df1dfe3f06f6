from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.thread_target import ThreadTarget

T = TypeVar("T", bound="ThreadTransition")


@_attrs_define
class ThreadTransition:
    """A move of a thread by hand: close it (nothing to answer) or reopen it.

    Attributes:
        to (ThreadTarget): The statuses an operator moves a thread to by hand (answered comes only from a reply).
    """

    to: ThreadTarget

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
        to = ThreadTarget(d.pop("to"))

        thread_transition = cls(
            to=to,
        )

        return thread_transition
