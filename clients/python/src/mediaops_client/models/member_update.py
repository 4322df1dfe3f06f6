from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.member_role import MemberRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="MemberUpdate")


@_attrs_define
class MemberUpdate:
    """The fields to change; those omitted (or null) stay as they are.

    Attributes:
        display_name (None | str | Unset): The person's name as shown in the group (up to 200 characters).
        role (MemberRole | None | Unset): The person's part in the group; `seed` and `kol` members take SOP tasks of
            that role.
        tags (list[str] | None | Unset): Labels for filtering and targeting, up to 30 of 1 to 50 characters each.
            Replaces the whole list.
        tier (None | str | Unset): A free label for the member's level, up to 50 characters (e.g. `gold`, `v2`).
    """

    display_name: None | str | Unset = UNSET
    role: MemberRole | None | Unset = UNSET
    tags: list[str] | None | Unset = UNSET
    tier: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        display_name: None | str | Unset
        if isinstance(self.display_name, Unset):
            display_name = UNSET
        else:
            display_name = self.display_name

        role: None | str | Unset
        if isinstance(self.role, Unset):
            role = UNSET
        elif isinstance(self.role, MemberRole):
            role = self.role.value
        else:
            role = self.role

        tags: list[str] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = self.tags

        else:
            tags = self.tags

        tier: None | str | Unset
        if isinstance(self.tier, Unset):
            tier = UNSET
        else:
            tier = self.tier

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if display_name is not UNSET:
            field_dict["display_name"] = display_name
        if role is not UNSET:
            field_dict["role"] = role
        if tags is not UNSET:
            field_dict["tags"] = tags
        if tier is not UNSET:
            field_dict["tier"] = tier

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_display_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        display_name = _parse_display_name(d.pop("display_name", UNSET))

        def _parse_role(data: object) -> MemberRole | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                role_type_0 = MemberRole(data)

                return role_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MemberRole | None | Unset, data)

        role = _parse_role(d.pop("role", UNSET))

        def _parse_tags(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tags_type_0 = cast(list[str], data)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        def _parse_tier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tier = _parse_tier(d.pop("tier", UNSET))

        member_update = cls(
            display_name=display_name,
            role=role,
            tags=tags,
            tier=tier,
        )

        return member_update
