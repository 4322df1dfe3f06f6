from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_status import RunStatus

T = TypeVar("T", bound="SopRunRead")


@_attrs_define
class SopRunRead:
    """A template version applied to a group.

    Attributes:
        id (UUID): The run's id (assigned by the service).
        template_id (UUID): The template it runs.
        template_version (int): The version it runs, fixed at the start (later edits do not change it).
        group_id (UUID): The group it runs in.
        anchor_date (datetime.date): Day 0 of `custom`-anchored steps, in the group's zone
        campaign_start_date (datetime.date | None): Day 0 of `campaign_start` steps; null when none was given.
        status (RunStatus):
        started_by (None | str): The actor who started the run.
        created_at (datetime.datetime): When the run started (RFC 3339, UTC).
        updated_at (datetime.datetime): When its status last changed (RFC 3339, UTC).
    """

    id: UUID
    template_id: UUID
    template_version: int
    group_id: UUID
    anchor_date: datetime.date
    campaign_start_date: datetime.date | None
    status: RunStatus
    started_by: None | str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        template_id = str(self.template_id)

        template_version = self.template_version

        group_id = str(self.group_id)

        anchor_date = self.anchor_date.isoformat()

        campaign_start_date: None | str
        if isinstance(self.campaign_start_date, datetime.date):
            campaign_start_date = self.campaign_start_date.isoformat()
        else:
            campaign_start_date = self.campaign_start_date

        status = self.status.value

        started_by: None | str
        started_by = self.started_by

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "template_id": template_id,
                "template_version": template_version,
                "group_id": group_id,
                "anchor_date": anchor_date,
                "campaign_start_date": campaign_start_date,
                "status": status,
                "started_by": started_by,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        template_id = UUID(d.pop("template_id"))

        template_version = d.pop("template_version")

        group_id = UUID(d.pop("group_id"))

        anchor_date = datetime.date.fromisoformat(d.pop("anchor_date"))

        def _parse_campaign_start_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                campaign_start_date_type_0 = datetime.date.fromisoformat(data)

                return campaign_start_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        campaign_start_date = _parse_campaign_start_date(d.pop("campaign_start_date"))

        status = RunStatus(d.pop("status"))

        def _parse_started_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        started_by = _parse_started_by(d.pop("started_by"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        sop_run_read = cls(
            id=id,
            template_id=template_id,
            template_version=template_version,
            group_id=group_id,
            anchor_date=anchor_date,
            campaign_start_date=campaign_start_date,
            status=status,
            started_by=started_by,
            created_at=created_at,
            updated_at=updated_at,
        )

        sop_run_read.additional_properties = d
        return sop_run_read

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
