from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.platform import Platform
from ..models.publication_status import PublicationStatus

if TYPE_CHECKING:
    from ..models.publication_read import PublicationRead


T = TypeVar("T", bound="CalendarItem")


@_attrs_define
class CalendarItem:
    """One publication on the calendar, with its channel.

    Attributes:
        publication (PublicationRead): One post on one channel, and how its publishing went.
        channel_id (UUID): The channel it goes out on.
        channel_name (str): That channel's name.
        platform (Platform): The platform a channel publishes on; each has a profile of default limits.
        timezone (str): That channel's IANA time zone, which `local_time` is in.
        status (PublicationStatus): scheduled → publishing → published | failed; scheduled or failed → cancelled.
        at (datetime.datetime): Where it sits: when it went out, else when it is due (RFC 3339, UTC).
        local_time (str): `at` as HH:MM in the channel's time zone.
    """

    publication: PublicationRead
    channel_id: UUID
    channel_name: str
    platform: Platform
    timezone: str
    status: PublicationStatus
    at: datetime.datetime
    local_time: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        publication = self.publication.to_dict()

        channel_id = str(self.channel_id)

        channel_name = self.channel_name

        platform = self.platform.value

        timezone = self.timezone

        status = self.status.value

        at = self.at.isoformat()

        local_time = self.local_time

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "publication": publication,
                "channel_id": channel_id,
                "channel_name": channel_name,
                "platform": platform,
                "timezone": timezone,
                "status": status,
                "at": at,
                "local_time": local_time,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.publication_read import PublicationRead

        d = dict(src_dict)
        publication = PublicationRead.from_dict(d.pop("publication"))

        channel_id = UUID(d.pop("channel_id"))

        channel_name = d.pop("channel_name")

        platform = Platform(d.pop("platform"))

        timezone = d.pop("timezone")

        status = PublicationStatus(d.pop("status"))

        at = datetime.datetime.fromisoformat(d.pop("at"))

        local_time = d.pop("local_time")

        calendar_item = cls(
            publication=publication,
            channel_id=channel_id,
            channel_name=channel_name,
            platform=platform,
            timezone=timezone,
            status=status,
            at=at,
            local_time=local_time,
        )

        calendar_item.additional_properties = d
        return calendar_item

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
