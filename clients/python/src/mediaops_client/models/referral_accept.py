from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.campaign_source_in import CampaignSourceIn


T = TypeVar("T", bound="ReferralAccept")


@_attrs_define
class ReferralAccept:
    """An invitee accepts a referral code.

    Attributes:
        code (str): The referral code the invitee followed, case-insensitive.
        invitee_id (str): Who accepts: the person's id in the shop or user system (1 to 128 characters), the same id
            their coupons are claimed for; not the code's own participant.
        source (CampaignSourceIn | None | Unset): The publication that brought the invitee: its tracking code, or
            explicit ids. Optional.
    """

    code: str
    invitee_id: str
    source: CampaignSourceIn | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.campaign_source_in import CampaignSourceIn

        code = self.code

        invitee_id = self.invitee_id

        source: dict[str, Any] | None | Unset
        if isinstance(self.source, Unset):
            source = UNSET
        elif isinstance(self.source, CampaignSourceIn):
            source = self.source.to_dict()
        else:
            source = self.source

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "invitee_id": invitee_id,
            }
        )
        if source is not UNSET:
            field_dict["source"] = source

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.campaign_source_in import CampaignSourceIn

        d = dict(src_dict)
        code = d.pop("code")

        invitee_id = d.pop("invitee_id")

        def _parse_source(data: object) -> CampaignSourceIn | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                source_type_0 = CampaignSourceIn.from_dict(data)

                return source_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CampaignSourceIn | None | Unset, data)

        source = _parse_source(d.pop("source", UNSET))

        referral_accept = cls(
            code=code,
            invitee_id=invitee_id,
            source=source,
        )

        return referral_accept
