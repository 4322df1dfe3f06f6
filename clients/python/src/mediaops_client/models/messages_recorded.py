from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MessagesRecorded")


@_attrs_define
class MessagesRecorded:
    """The `member.message` event recorded, and the member's activity after it.

    Attributes:
        id (UUID): The recorded event's id (member.message)
        group_id (UUID): The group the messages were sent in.
        member_id (UUID): The membership of the sender.
        external_id (str): The sender's external id.
        sent_at (datetime.datetime): When they were sent (RFC 3339, UTC).
        count (int): How many messages were recorded.
        last_active_at (datetime.datetime): The member's latest activity now: moved forward to `sent_at`, never back.
    """

    id: UUID
    group_id: UUID
    member_id: UUID
    external_id: str
    sent_at: datetime.datetime
    count: int
    last_active_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        group_id = str(self.group_id)

        member_id = str(self.member_id)

        external_id = self.external_id

        sent_at = self.sent_at.isoformat()

        count = self.count

        last_active_at = self.last_active_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "group_id": group_id,
                "member_id": member_id,
                "external_id": external_id,
                "sent_at": sent_at,
                "count": count,
                "last_active_at": last_active_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        group_id = UUID(d.pop("group_id"))

        member_id = UUID(d.pop("member_id"))

        external_id = d.pop("external_id")

        sent_at = datetime.datetime.fromisoformat(d.pop("sent_at"))

        count = d.pop("count")

        last_active_at = datetime.datetime.fromisoformat(d.pop("last_active_at"))

        messages_recorded = cls(
            id=id,
            group_id=group_id,
            member_id=member_id,
            external_id=external_id,
            sent_at=sent_at,
            count=count,
            last_active_at=last_active_at,
        )

        messages_recorded.additional_properties = d
        return messages_recorded

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
