from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.best_times_source import BestTimesSource

if TYPE_CHECKING:
    from ..models.best_time_slot_read import BestTimeSlotRead


T = TypeVar("T", bound="BestTimesRead")


@_attrs_define
class BestTimesRead:
    """When this channel's audience responds best, and when the next such moment is.

    Attributes:
        channel_id (UUID): The channel these times are for.
        timezone (str): The channel's IANA time zone, which the slots are in.
        source (BestTimesSource):
        reason (None | str): Why the channel's prime time answers; null if learned
        slots (list[BestTimeSlotRead]): Learned: best first; prime time: week order
        next_best_slot (datetime.datetime | None): When a publication created now with schedule=next_best_slot would go
            out; null when there is no slot at all
    """

    channel_id: UUID
    timezone: str
    source: BestTimesSource
    reason: None | str
    slots: list[BestTimeSlotRead]
    next_best_slot: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        channel_id = str(self.channel_id)

        timezone = self.timezone

        source = self.source.value

        reason: None | str
        reason = self.reason

        slots = []
        for slots_item_data in self.slots:
            slots_item = slots_item_data.to_dict()
            slots.append(slots_item)

        next_best_slot: None | str
        if isinstance(self.next_best_slot, datetime.datetime):
            next_best_slot = self.next_best_slot.isoformat()
        else:
            next_best_slot = self.next_best_slot

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "channel_id": channel_id,
                "timezone": timezone,
                "source": source,
                "reason": reason,
                "slots": slots,
                "next_best_slot": next_best_slot,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.best_time_slot_read import BestTimeSlotRead

        d = dict(src_dict)
        channel_id = UUID(d.pop("channel_id"))

        timezone = d.pop("timezone")

        source = BestTimesSource(d.pop("source"))

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        slots = []
        _slots = d.pop("slots")
        for slots_item_data in _slots:
            slots_item = BestTimeSlotRead.from_dict(slots_item_data)

            slots.append(slots_item)

        def _parse_next_best_slot(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_best_slot_type_0 = datetime.datetime.fromisoformat(data)

                return next_best_slot_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_best_slot = _parse_next_best_slot(d.pop("next_best_slot"))

        best_times_read = cls(
            channel_id=channel_id,
            timezone=timezone,
            source=source,
            reason=reason,
            slots=slots,
            next_best_slot=next_best_slot,
        )

        best_times_read.additional_properties = d
        return best_times_read

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
