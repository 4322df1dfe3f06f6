from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.group_kind import GroupKind
from ..models.group_platform import GroupPlatform
from ..models.group_stage import GroupStage

if TYPE_CHECKING:
    from ..models.community_goal_read import CommunityGoalRead


T = TypeVar("T", bound="GroupDetail")


@_attrs_define
class GroupDetail:
    """One group with its goals, short-term first.

    Attributes:
        id (UUID): The group's id (assigned by the service).
        name (str): The group's name as operators and members see it, 1 to 200 characters.
        platform (GroupPlatform): Where the group lives.
        kind (GroupKind):
        positioning (str): What the group offers its members and how it differs (free text).
        audience (str): Who the group is for (free text).
        rules (str): The group's rules as posted to members (free text).
        entry_threshold (str): What a person must do or be to get in, e.g. a questionnaire (free text).
        capacity (int): Most members the group takes at once (1 to 100,000); joins beyond it are refused (409).
        member_count (int): Current members (kept by the service on each join, leave and import).
        timezone (str): IANA time zone the group's SOP tasks are dated in, e.g. `Asia/Shanghai`.
        leader_id (None | str): Actor id of the operator who leads the group and receives `leader` SOP tasks; null for
            none.
        assistant_ids (list[str]): Actor ids of the operators who take `assistant` SOP tasks in turn (at most 50).
        stage (GroupStage): planning → building → active → converting; any stage → dissolved (final).
        dissolved_at (datetime.datetime | None): When the group was dissolved (RFC 3339, UTC); null while it is not.
        version (int): Edit counter; the answer's `ETag` is this number in quotes, for `If-Match`.
        created_at (datetime.datetime): When the group was created (RFC 3339, UTC).
        updated_at (datetime.datetime): When the group last changed (RFC 3339, UTC).
        goals (list[CommunityGoalRead]): The group's goals, short-term first, each with its live standing.
    """

    id: UUID
    name: str
    platform: GroupPlatform
    kind: GroupKind
    positioning: str
    audience: str
    rules: str
    entry_threshold: str
    capacity: int
    member_count: int
    timezone: str
    leader_id: None | str
    assistant_ids: list[str]
    stage: GroupStage
    dissolved_at: datetime.datetime | None
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    goals: list[CommunityGoalRead]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        platform = self.platform.value

        kind = self.kind.value

        positioning = self.positioning

        audience = self.audience

        rules = self.rules

        entry_threshold = self.entry_threshold

        capacity = self.capacity

        member_count = self.member_count

        timezone = self.timezone

        leader_id: None | str
        leader_id = self.leader_id

        assistant_ids = self.assistant_ids

        stage = self.stage.value

        dissolved_at: None | str
        if isinstance(self.dissolved_at, datetime.datetime):
            dissolved_at = self.dissolved_at.isoformat()
        else:
            dissolved_at = self.dissolved_at

        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        goals = []
        for goals_item_data in self.goals:
            goals_item = goals_item_data.to_dict()
            goals.append(goals_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "platform": platform,
                "kind": kind,
                "positioning": positioning,
                "audience": audience,
                "rules": rules,
                "entry_threshold": entry_threshold,
                "capacity": capacity,
                "member_count": member_count,
                "timezone": timezone,
                "leader_id": leader_id,
                "assistant_ids": assistant_ids,
                "stage": stage,
                "dissolved_at": dissolved_at,
                "version": version,
                "created_at": created_at,
                "updated_at": updated_at,
                "goals": goals,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.community_goal_read import CommunityGoalRead

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        platform = GroupPlatform(d.pop("platform"))

        kind = GroupKind(d.pop("kind"))

        positioning = d.pop("positioning")

        audience = d.pop("audience")

        rules = d.pop("rules")

        entry_threshold = d.pop("entry_threshold")

        capacity = d.pop("capacity")

        member_count = d.pop("member_count")

        timezone = d.pop("timezone")

        def _parse_leader_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        leader_id = _parse_leader_id(d.pop("leader_id"))

        assistant_ids = cast(list[str], d.pop("assistant_ids"))

        stage = GroupStage(d.pop("stage"))

        def _parse_dissolved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                dissolved_at_type_0 = datetime.datetime.fromisoformat(data)

                return dissolved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        dissolved_at = _parse_dissolved_at(d.pop("dissolved_at"))

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        goals = []
        _goals = d.pop("goals")
        for goals_item_data in _goals:
            goals_item = CommunityGoalRead.from_dict(goals_item_data)

            goals.append(goals_item)

        group_detail = cls(
            id=id,
            name=name,
            platform=platform,
            kind=kind,
            positioning=positioning,
            audience=audience,
            rules=rules,
            entry_threshold=entry_threshold,
            capacity=capacity,
            member_count=member_count,
            timezone=timezone,
            leader_id=leader_id,
            assistant_ids=assistant_ids,
            stage=stage,
            dissolved_at=dissolved_at,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
            goals=goals,
        )

        group_detail.additional_properties = d
        return group_detail

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
