from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.member_role import MemberRole
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.community_source_in import CommunitySourceIn


T = TypeVar("T", bound="MembersImportMembersJsonMemberImportRow")


@_attrs_define
class MembersImportMembersJsonMemberImportRow:
    """One row of a bulk import; ``joined_at`` (RFC 3339 with offset) defaults to the import.

    Attributes:
        external_id (str): The person's id on the platform or in your CRM (e.g. their WeChat id), 1 to 128 characters;
            the same id campaign-svc knows the customer by. Unique among the group's current members.
        display_name (str | Unset): The person's name as shown in the group (up to 200 characters). Default: ''.
        role (MemberRole | Unset):
        tags (list[str] | Unset): Labels for filtering and targeting, up to 30 of 1 to 50 characters each.
        tier (None | str | Unset): A free label for the member's level, up to 50 characters (e.g. `gold`, `v2`).
        source_channel (None | str | Unset): Where the person came from, a free label (e.g. `xiaohongshu`,
            `offline_event`); set from the resolved tracking code's platform when not given.
        source_campaign_id (None | str | Unset): The campaign-svc campaign that brought the person, if any.
        source_referral_code (None | str | Unset): The referral code the person came in with, if any.
        source (CommunitySourceIn | None | Unset): The publication that brought the person: `{"tracking_code": …}`
            (resolved through content-svc) or `publication_id`/`channel_id`/`post_id`
        invited_by (None | str | Unset): The external id (or actor id) of whoever invited the person.
        joined_at (datetime.datetime | None | Unset): When the person joined (RFC 3339 with an offset, not in the
            future); the time of the import when omitted.
    """

    external_id: str
    display_name: str | Unset = ""
    role: MemberRole | Unset = UNSET
    tags: list[str] | Unset = UNSET
    tier: None | str | Unset = UNSET
    source_channel: None | str | Unset = UNSET
    source_campaign_id: None | str | Unset = UNSET
    source_referral_code: None | str | Unset = UNSET
    source: CommunitySourceIn | None | Unset = UNSET
    invited_by: None | str | Unset = UNSET
    joined_at: datetime.datetime | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.community_source_in import CommunitySourceIn

        external_id = self.external_id

        display_name = self.display_name

        role: str | Unset = UNSET
        if not isinstance(self.role, Unset):
            role = self.role.value

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        tier: None | str | Unset
        if isinstance(self.tier, Unset):
            tier = UNSET
        else:
            tier = self.tier

        source_channel: None | str | Unset
        if isinstance(self.source_channel, Unset):
            source_channel = UNSET
        else:
            source_channel = self.source_channel

        source_campaign_id: None | str | Unset
        if isinstance(self.source_campaign_id, Unset):
            source_campaign_id = UNSET
        else:
            source_campaign_id = self.source_campaign_id

        source_referral_code: None | str | Unset
        if isinstance(self.source_referral_code, Unset):
            source_referral_code = UNSET
        else:
            source_referral_code = self.source_referral_code

        source: dict[str, Any] | None | Unset
        if isinstance(self.source, Unset):
            source = UNSET
        elif isinstance(self.source, CommunitySourceIn):
            source = self.source.to_dict()
        else:
            source = self.source

        invited_by: None | str | Unset
        if isinstance(self.invited_by, Unset):
            invited_by = UNSET
        else:
            invited_by = self.invited_by

        joined_at: None | str | Unset
        if isinstance(self.joined_at, Unset):
            joined_at = UNSET
        elif isinstance(self.joined_at, datetime.datetime):
            joined_at = self.joined_at.isoformat()
        else:
            joined_at = self.joined_at

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "external_id": external_id,
            }
        )
        if display_name is not UNSET:
            field_dict["display_name"] = display_name
        if role is not UNSET:
            field_dict["role"] = role
        if tags is not UNSET:
            field_dict["tags"] = tags
        if tier is not UNSET:
            field_dict["tier"] = tier
        if source_channel is not UNSET:
            field_dict["source_channel"] = source_channel
        if source_campaign_id is not UNSET:
            field_dict["source_campaign_id"] = source_campaign_id
        if source_referral_code is not UNSET:
            field_dict["source_referral_code"] = source_referral_code
        if source is not UNSET:
            field_dict["source"] = source
        if invited_by is not UNSET:
            field_dict["invited_by"] = invited_by
        if joined_at is not UNSET:
            field_dict["joined_at"] = joined_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.community_source_in import CommunitySourceIn

        d = dict(src_dict)
        external_id = d.pop("external_id")

        display_name = d.pop("display_name", UNSET)

        _role = d.pop("role", UNSET)
        role: MemberRole | Unset
        if isinstance(_role, Unset):
            role = UNSET
        else:
            role = MemberRole(_role)

        tags = cast(list[str], d.pop("tags", UNSET))

        def _parse_tier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tier = _parse_tier(d.pop("tier", UNSET))

        def _parse_source_channel(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source_channel = _parse_source_channel(d.pop("source_channel", UNSET))

        def _parse_source_campaign_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source_campaign_id = _parse_source_campaign_id(d.pop("source_campaign_id", UNSET))

        def _parse_source_referral_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source_referral_code = _parse_source_referral_code(d.pop("source_referral_code", UNSET))

        def _parse_source(data: object) -> CommunitySourceIn | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                source_type_0 = CommunitySourceIn.from_dict(data)

                return source_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CommunitySourceIn | None | Unset, data)

        source = _parse_source(d.pop("source", UNSET))

        def _parse_invited_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        invited_by = _parse_invited_by(d.pop("invited_by", UNSET))

        def _parse_joined_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                joined_at_type_0 = datetime.datetime.fromisoformat(data)

                return joined_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        joined_at = _parse_joined_at(d.pop("joined_at", UNSET))

        members_import_members_json_member_import_row = cls(
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
        )

        return members_import_members_json_member_import_row
