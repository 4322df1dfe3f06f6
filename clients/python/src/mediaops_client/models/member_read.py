from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.member_role import MemberRole

if TYPE_CHECKING:
    from ..models.community_source_read import CommunitySourceRead


T = TypeVar("T", bound="MemberRead")


@_attrs_define
class MemberRead:
    """One membership: a person in one group from `joined_at` until `left_at` (a re-join is a
    new membership; the old one stays as history).

        Attributes:
            id (UUID): The membership's id (assigned by the service).
            group_id (UUID): The group of this membership.
            external_id (str): The person's id on the platform or in your CRM (e.g. their WeChat id), 1 to 128 characters;
                the same id campaign-svc knows the customer by. Unique among the group's current members.
            display_name (str): The person's name as shown in the group (up to 200 characters).
            role (MemberRole):
            tags (list[str]): Labels for filtering and targeting, up to 30 of 1 to 50 characters each.
            tier (None | str): A free label for the member's level, up to 50 characters (e.g. `gold`, `v2`).
            source_channel (None | str): Where the person came from, a free label (e.g. `xiaohongshu`, `offline_event`); set
                from the resolved tracking code's platform when not given.
            source_campaign_id (None | str): The campaign-svc campaign that brought the person, if any.
            source_referral_code (None | str): The referral code the person came in with, if any.
            source (CommunitySourceRead | None): The publication that brought the person, as given at the join; null when
                none was given.
            invited_by (None | str): The external id (or actor id) of whoever invited the person.
            joined_at (datetime.datetime): When the person joined (RFC 3339, UTC): the join's time, or an import row's
                `joined_at`.
            left_at (datetime.datetime | None): When the person left (RFC 3339, UTC); null while a current member.
            last_active_at (datetime.datetime | None): The latest message recorded for the member (RFC 3339, UTC); null
                before the first.
            created_at (datetime.datetime): When the service stored the membership (UTC).
    """

    id: UUID
    group_id: UUID
    external_id: str
    display_name: str
    role: MemberRole
    tags: list[str]
    tier: None | str
    source_channel: None | str
    source_campaign_id: None | str
    source_referral_code: None | str
    source: CommunitySourceRead | None
    invited_by: None | str
    joined_at: datetime.datetime
    left_at: datetime.datetime | None
    last_active_at: datetime.datetime | None
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.community_source_read import CommunitySourceRead

        id = str(self.id)

        group_id = str(self.group_id)

        external_id = self.external_id

        display_name = self.display_name

        role = self.role.value

        tags = self.tags

        tier: None | str
        tier = self.tier

        source_channel: None | str
        source_channel = self.source_channel

        source_campaign_id: None | str
        source_campaign_id = self.source_campaign_id

        source_referral_code: None | str
        source_referral_code = self.source_referral_code

        source: dict[str, Any] | None
        if isinstance(self.source, CommunitySourceRead):
            source = self.source.to_dict()
        else:
            source = self.source

        invited_by: None | str
        invited_by = self.invited_by

        joined_at = self.joined_at.isoformat()

        left_at: None | str
        if isinstance(self.left_at, datetime.datetime):
            left_at = self.left_at.isoformat()
        else:
            left_at = self.left_at

        last_active_at: None | str
        if isinstance(self.last_active_at, datetime.datetime):
            last_active_at = self.last_active_at.isoformat()
        else:
            last_active_at = self.last_active_at

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "group_id": group_id,
                "external_id": external_id,
                "display_name": display_name,
                "role": role,
                "tags": tags,
                "tier": tier,
                "source_channel": source_channel,
                "source_campaign_id": source_campaign_id,
                "source_referral_code": source_referral_code,
                "source": source,
                "invited_by": invited_by,
                "joined_at": joined_at,
                "left_at": left_at,
                "last_active_at": last_active_at,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.community_source_read import CommunitySourceRead

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        group_id = UUID(d.pop("group_id"))

        external_id = d.pop("external_id")

        display_name = d.pop("display_name")

        role = MemberRole(d.pop("role"))

        tags = cast(list[str], d.pop("tags"))

        def _parse_tier(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tier = _parse_tier(d.pop("tier"))

        def _parse_source_channel(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        source_channel = _parse_source_channel(d.pop("source_channel"))

        def _parse_source_campaign_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        source_campaign_id = _parse_source_campaign_id(d.pop("source_campaign_id"))

        def _parse_source_referral_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        source_referral_code = _parse_source_referral_code(d.pop("source_referral_code"))

        def _parse_source(data: object) -> CommunitySourceRead | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                source_type_0 = CommunitySourceRead.from_dict(data)

                return source_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CommunitySourceRead | None, data)

        source = _parse_source(d.pop("source"))

        def _parse_invited_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        invited_by = _parse_invited_by(d.pop("invited_by"))

        joined_at = datetime.datetime.fromisoformat(d.pop("joined_at"))

        def _parse_left_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                left_at_type_0 = datetime.datetime.fromisoformat(data)

                return left_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        left_at = _parse_left_at(d.pop("left_at"))

        def _parse_last_active_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_active_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_active_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_active_at = _parse_last_active_at(d.pop("last_active_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        member_read = cls(
            id=id,
            group_id=group_id,
            external_id=external_id,
            display_name=display_name,
            role=role,
            tags=tags,
            tier=tier,
            source_channel=source_channel,
            source_campaign_id=source_campaign_id,
            source_referral_code=source_referral_code,
            source=source,
            invited_by=invited_by,
            joined_at=joined_at,
            left_at=left_at,
            last_active_at=last_active_at,
            created_at=created_at,
        )

        member_read.additional_properties = d
        return member_read

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
