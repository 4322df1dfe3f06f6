from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.group_kind import GroupKind
from ..models.group_platform import GroupPlatform
from ..types import UNSET, Unset

T = TypeVar("T", bound="GroupUpdate")


@_attrs_define
class GroupUpdate:
    """Every field optional; only the fields sent are changed. The stage moves by transitions.

    Attributes:
        name (None | str | Unset): The group's name as operators and members see it, 1 to 200 characters. Omit to keep
            the current value.
        platform (GroupPlatform | None | Unset): The chat platform the group lives on. Omit to keep the current value.
        kind (GroupKind | None | Unset): What the group is for: product, interest, startup, learning or industry. Omit
            to keep the current value.
        positioning (None | str | Unset): What the group offers its members and how it differs (free text). Omit to keep
            the current value.
        audience (None | str | Unset): Who the group is for (free text). Omit to keep the current value.
        rules (None | str | Unset): The group's rules as posted to members (free text). Omit to keep the current value.
        entry_threshold (None | str | Unset): What a person must do or be to get in, e.g. a questionnaire (free text).
            Omit to keep the current value.
        capacity (int | None | Unset): Most members the group takes at once (1 to 100,000); joins beyond it are refused
            (409). Never below the current member count (409). Omit to keep the current value.
        timezone (None | str | Unset): IANA time zone the group's SOP tasks are dated in, e.g. `Asia/Shanghai`. Tasks
            already dated keep their time. Omit to keep the current value.
        leader_id (None | str | Unset): Actor id of the operator who leads the group and receives `leader` SOP tasks;
            null for none. Send null to remove the leader; omit to keep.
        assistant_ids (list[str] | None | Unset): Actor ids of the operators who take `assistant` SOP tasks in turn (at
            most 50). Replaces the whole list. Omit to keep the current value.
    """

    name: None | str | Unset = UNSET
    platform: GroupPlatform | None | Unset = UNSET
    kind: GroupKind | None | Unset = UNSET
    positioning: None | str | Unset = UNSET
    audience: None | str | Unset = UNSET
    rules: None | str | Unset = UNSET
    entry_threshold: None | str | Unset = UNSET
    capacity: int | None | Unset = UNSET
    timezone: None | str | Unset = UNSET
    leader_id: None | str | Unset = UNSET
    assistant_ids: list[str] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        platform: None | str | Unset
        if isinstance(self.platform, Unset):
            platform = UNSET
        elif isinstance(self.platform, GroupPlatform):
            platform = self.platform.value
        else:
            platform = self.platform

        kind: None | str | Unset
        if isinstance(self.kind, Unset):
            kind = UNSET
        elif isinstance(self.kind, GroupKind):
            kind = self.kind.value
        else:
            kind = self.kind

        positioning: None | str | Unset
        if isinstance(self.positioning, Unset):
            positioning = UNSET
        else:
            positioning = self.positioning

        audience: None | str | Unset
        if isinstance(self.audience, Unset):
            audience = UNSET
        else:
            audience = self.audience

        rules: None | str | Unset
        if isinstance(self.rules, Unset):
            rules = UNSET
        else:
            rules = self.rules

        entry_threshold: None | str | Unset
        if isinstance(self.entry_threshold, Unset):
            entry_threshold = UNSET
        else:
            entry_threshold = self.entry_threshold

        capacity: int | None | Unset
        if isinstance(self.capacity, Unset):
            capacity = UNSET
        else:
            capacity = self.capacity

        timezone: None | str | Unset
        if isinstance(self.timezone, Unset):
            timezone = UNSET
        else:
            timezone = self.timezone

        leader_id: None | str | Unset
        if isinstance(self.leader_id, Unset):
            leader_id = UNSET
        else:
            leader_id = self.leader_id

        assistant_ids: list[str] | None | Unset
        if isinstance(self.assistant_ids, Unset):
            assistant_ids = UNSET
        elif isinstance(self.assistant_ids, list):
            assistant_ids = self.assistant_ids

        else:
            assistant_ids = self.assistant_ids

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if platform is not UNSET:
            field_dict["platform"] = platform
        if kind is not UNSET:
            field_dict["kind"] = kind
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

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_platform(data: object) -> GroupPlatform | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                platform_type_0 = GroupPlatform(data)

                return platform_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GroupPlatform | None | Unset, data)

        platform = _parse_platform(d.pop("platform", UNSET))

        def _parse_kind(data: object) -> GroupKind | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                kind_type_0 = GroupKind(data)

                return kind_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GroupKind | None | Unset, data)

        kind = _parse_kind(d.pop("kind", UNSET))

        def _parse_positioning(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        positioning = _parse_positioning(d.pop("positioning", UNSET))

        def _parse_audience(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        audience = _parse_audience(d.pop("audience", UNSET))

        def _parse_rules(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        rules = _parse_rules(d.pop("rules", UNSET))

        def _parse_entry_threshold(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        entry_threshold = _parse_entry_threshold(d.pop("entry_threshold", UNSET))

        def _parse_capacity(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        capacity = _parse_capacity(d.pop("capacity", UNSET))

        def _parse_timezone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        timezone = _parse_timezone(d.pop("timezone", UNSET))

        def _parse_leader_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        leader_id = _parse_leader_id(d.pop("leader_id", UNSET))

        def _parse_assistant_ids(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                assistant_ids_type_0 = cast(list[str], data)

                return assistant_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        assistant_ids = _parse_assistant_ids(d.pop("assistant_ids", UNSET))

        group_update = cls(
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

        return group_update
