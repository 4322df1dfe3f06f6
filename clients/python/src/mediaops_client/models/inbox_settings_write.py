from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="InboxSettingsWrite")


@_attrs_define
class InboxSettingsWrite:
    """A channel's inbox settings.

    Attributes:
        reply_sla_minutes (int): How soon an inbound message must be answered, in minutes (1 to 43,200); open threads
            waiting longer read overdue. Applies to the threads waiting now as well.
    """

    reply_sla_minutes: int

    def to_dict(self) -> dict[str, Any]:
        reply_sla_minutes = self.reply_sla_minutes

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reply_sla_minutes": reply_sla_minutes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        reply_sla_minutes = d.pop("reply_sla_minutes")

        inbox_settings_write = cls(
            reply_sla_minutes=reply_sla_minutes,
        )

        return inbox_settings_write
