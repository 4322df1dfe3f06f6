from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.campaign_status import CampaignStatus

T = TypeVar("T", bound="CampaignTransition")


@_attrs_define
class CampaignTransition:
    """A move of the campaign's status by hand.

    Attributes:
        status (CampaignStatus): Where a campaign stands: stored as an operator chose it, read with the clock applied.
    """

    status: CampaignStatus

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        status = CampaignStatus(d.pop("status"))

        campaign_transition = cls(
            status=status,
        )

        return campaign_transition
