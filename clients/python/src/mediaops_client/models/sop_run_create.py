from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SopRunCreate")


@_attrs_define
class SopRunCreate:
    """Which template version to run in which group, and from which days.

    Attributes:
        template_id (UUID): The SOP template to run.
        group_id (UUID): The group to run it in; its time zone dates the tasks.
        anchor_date (datetime.date): Day 0 of `custom`-anchored steps, in the group's zone
        campaign_start_date (datetime.date | None | Unset): Day 0 of `campaign_start` steps; required if there are any
        template_version (int | None | Unset): Which version to run; the newest when omitted
    """

    template_id: UUID
    group_id: UUID
    anchor_date: datetime.date
    campaign_start_date: datetime.date | None | Unset = UNSET
    template_version: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        template_id = str(self.template_id)

        group_id = str(self.group_id)

        anchor_date = self.anchor_date.isoformat()

        campaign_start_date: None | str | Unset
        if isinstance(self.campaign_start_date, Unset):
            campaign_start_date = UNSET
        elif isinstance(self.campaign_start_date, datetime.date):
            campaign_start_date = self.campaign_start_date.isoformat()
        else:
            campaign_start_date = self.campaign_start_date

        template_version: int | None | Unset
        if isinstance(self.template_version, Unset):
            template_version = UNSET
        else:
            template_version = self.template_version

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "template_id": template_id,
                "group_id": group_id,
                "anchor_date": anchor_date,
            }
        )
        if campaign_start_date is not UNSET:
            field_dict["campaign_start_date"] = campaign_start_date
        if template_version is not UNSET:
            field_dict["template_version"] = template_version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        template_id = UUID(d.pop("template_id"))

        group_id = UUID(d.pop("group_id"))

        anchor_date = datetime.date.fromisoformat(d.pop("anchor_date"))

        def _parse_campaign_start_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                campaign_start_date_type_0 = datetime.date.fromisoformat(data)

                return campaign_start_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        campaign_start_date = _parse_campaign_start_date(d.pop("campaign_start_date", UNSET))

        def _parse_template_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        template_version = _parse_template_version(d.pop("template_version", UNSET))

        sop_run_create = cls(
            template_id=template_id,
            group_id=group_id,
            anchor_date=anchor_date,
            campaign_start_date=campaign_start_date,
            template_version=template_version,
        )

        return sop_run_create
