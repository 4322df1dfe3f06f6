from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.group_kind import GroupKind
from ..models.group_platform import GroupPlatform
from ..types import UNSET, Unset

T = TypeVar("T", bound="GroupCreate")


@_attrs_define
class GroupCreate:
    """A new group; it starts in stage `planning` with no members.

    Attributes:
        name (str): The group's name as operators and members see it, 1 to 200 characters.
        platform (GroupPlatform): Where the group lives.
        kind (GroupKind):
        positioning (str | Unset): What the group offers its members and how it differs (free text). Default: ''.
        audience (str | Unset): Who the group is for (free text). Default: ''.
        rules (str | Unset): The group's rules as posted to members (free text). Default: ''.
        entry_threshold (str | Unset): What a person must do or be to get in, e.g. a questionnaire (free text). Default:
            ''.
        capacity (int | Unset): Most members the group takes at once (1 to 100,000); joins beyond it are refused (409).
            Default: 500.
        timezone (str | Unset): IANA time zone the group's SOP tasks are dated in, e.g. `Asia/Shanghai`. Default:
            'Asia/Shanghai'.
        leader_id (None | str | Unset): Actor id of the operator who leads the group and receives `leader` SOP tasks;
            null for none.
        assistant_ids (list[str] | Unset): Actor ids of the operators who take `assistant` SOP tasks in turn (at most
            50).
    """

    name: str
    platform: GroupPlatform
    kind: GroupKind
    positioning: str | Unset = ""
    audience: str | Unset = ""
    rules: str | Unset = ""
    entry_threshold: str | Unset = ""
    capacity: int | Unset = 500
    timezone: str | Unset = "Asia/Shanghai"
    leader_id: None | str | Unset = UNSET
    assistant_ids: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        platform = self.platform.value

        kind = self.kind.value

        positioning = self.positioning

        audience = self.audience

        rules = self.rules

        entry_threshold = self.entry_threshold

        capacity = self.capacity

        timezone = self.timezone

        leader_id: None | str | Unset
        if isinstance(self.leader_id, Unset):
            leader_id = UNSET
        else:
            leader_id = self.leader_id

        assistant_ids: list[str] | Unset = UNSET
        if not isinstance(self.assistant_ids, Unset):
            assistant_ids = self.assistant_ids

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "platform": platform,
                "kind": kind,
            }
        )
        if positioning is not UNSET:
            field_dict["positioning"] = positioning
        if audience is not UNSET:
            field_dict["audience"] = audience
        if rules is not UNSET:
            field_dict["rules"] = rules
        if entry_threshold is not UNSET:
            field_dict["entry_threshold"] = entry_threshold
        if capacity is not UNSET:
            field_dict["capacity"] = capacity
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if leader_id is not UNSET:
            field_dict["leader_id"] = leader_id
        if assistant_ids is not UNSET:
            field_dict["assistant_ids"] = assistant_ids

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        platform = GroupPlatform(d.pop("platform"))

        kind = GroupKind(d.pop("kind"))

        positioning = d.pop("positioning", UNSET)

        audience = d.pop("audience", UNSET)

        rules = d.pop("rules", UNSET)

        entry_threshold = d.pop("entry_threshold", UNSET)

        capacity = d.pop("capacity", UNSET)

        timezone = d.pop("timezone", UNSET)

        def _parse_leader_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        leader_id = _parse_leader_id(d.pop("leader_id", UNSET))

        assistant_ids = cast(list[str], d.pop("assistant_ids", UNSET))

        group_create = cls(
            name=name,
            platform=platform,
            kind=kind,
            positioning=positioning,
            audience=audience,
            rules=rules,
            entry_threshold=entry_threshold,
            capacity=capacity,
            timezone=timezone,
            leader_id=leader_id,
            assistant_ids=assistant_ids,
        )

        return group_create
