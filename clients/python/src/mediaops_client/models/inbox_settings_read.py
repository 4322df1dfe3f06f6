from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="InboxSettingsRead")


@_attrs_define
class InboxSettingsRead:
    """A channel's inbox settings, its own or the default.

    Attributes:
        channel_id (UUID): The channel these are for.
        reply_sla_minutes (int): How soon an inbound message must be answered, in minutes.
        is_default (bool): True while the channel has no SLA of its own (the default is 120 minutes).
    """

    channel_id: UUID
    reply_sla_minutes: int
    is_default: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        channel_id = str(self.channel_id)

        reply_sla_minutes = self.reply_sla_minutes

        is_default = self.is_default

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "channel_id": channel_id,
                "reply_sla_minutes": reply_sla_minutes,
                "is_default": is_default,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        channel_id = UUID(d.pop("channel_id"))

        reply_sla_minutes = d.pop("reply_sla_minutes")

        is_default = d.pop("is_default")

        inbox_settings_read = cls(
            channel_id=channel_id,
            reply_sla_minutes=reply_sla_minutes,
            is_default=is_default,
        )

        inbox_settings_read.additional_properties = d
        return inbox_settings_read

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
