from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ReferralCodeRead")


@_attrs_define
class ReferralCodeRead:
    """A participant's invite code in one campaign.

    Attributes:
        id (UUID): The referral code's id.
        campaign_id (UUID): The campaign the referral runs in.
        participant_id (str): Who shares the code: the person's id in the shop or user system (1 to 128 characters), the
            same id their coupons are claimed for.
        code (str): The code to share (R + 7 characters of 23456789ABCDEFGHJKMNPQRSTUVWXYZ), put in the invite link or
            poster; accepted case-insensitively.
        generation (int): 0 for a seed (a participant nobody invited); an invitee is one more than its referrer.
        accepted_count (int): Invites accepted with this code so far.
        created_at (datetime.datetime): When the code was handed out, UTC.
    """

    id: UUID
    campaign_id: UUID
    participant_id: str
    code: str
    generation: int
    accepted_count: int
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        campaign_id = str(self.campaign_id)

        participant_id = self.participant_id

        code = self.code

        generation = self.generation

        accepted_count = self.accepted_count

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "campaign_id": campaign_id,
                "participant_id": participant_id,
                "code": code,
                "generation": generation,
                "accepted_count": accepted_count,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        campaign_id = UUID(d.pop("campaign_id"))

        participant_id = d.pop("participant_id")

        code = d.pop("code")

        generation = d.pop("generation")

        accepted_count = d.pop("accepted_count")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        referral_code_read = cls(
            id=id,
            campaign_id=campaign_id,
            participant_id=participant_id,
            code=code,
            generation=generation,
            accepted_count=accepted_count,
            created_at=created_at,
        )

        referral_code_read.additional_properties = d
        return referral_code_read

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
