from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.topic_target import TopicTarget
from ..types import UNSET, Unset

T = TypeVar("T", bound="TopicTransition")


@_attrs_define
class TopicTransition:
    """A decision on a topic: accept or reject a proposed one, mark an accepted one done.

    Attributes:
        to (TopicTarget): The statuses a topic transition can move to (a topic never goes back to proposed).
        note (None | str | Unset): Why, for the team (up to 2,000 characters); carried by the `topic.accepted` event.
    """

    to: TopicTarget
    note: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        to = self.to.value

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "to": to,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        to = TopicTarget(d.pop("to"))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        topic_transition = cls(
            to=to,
            note=note,
        )

        return topic_transition
