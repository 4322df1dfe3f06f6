from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="MessagesRecord")


@_attrs_define
class MessagesRecord:
    """Messages a current member sent in the group (one, or ``count`` of them at ``sent_at``,
    as a chat tool's export sums them).

        Attributes:
            external_id (str): The external id of the current member who sent them.
            sent_at (datetime.datetime): When the message was sent (RFC 3339 with an offset; not in the future).
            count (int | Unset): How many messages at `sent_at` (1 to 100,000), as an export sums them. Default: 1.
    """

    external_id: str
    sent_at: datetime.datetime
    count: int | Unset = 1

    def to_dict(self) -> dict[str, Any]:
        external_id = self.external_id

        sent_at = self.sent_at.isoformat()

        count = self.count

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "external_id": external_id,
                "sent_at": sent_at,
            }
        )
        if count is not UNSET:
            field_dict["count"] = count

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        external_id = d.pop("external_id")

        sent_at = datetime.datetime.fromisoformat(d.pop("sent_at"))

        count = d.pop("count", UNSET)

        messages_record = cls(
            external_id=external_id,
            sent_at=sent_at,
            count=count,
        )

        return messages_record
