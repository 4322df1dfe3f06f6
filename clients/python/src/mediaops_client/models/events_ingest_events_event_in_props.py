from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="EventsIngestEventsEventInProps")


@_attrs_define
class EventsIngestEventsEventInProps:
    """Any JSON object the sender wants kept with the event (order id, app version, …). For `referral_accept`,
    `referrer_id` (text of 1 to 128 characters) names the referrer's actor id, which the fission rate counts; for
    `sop_run_start`, `template_id` (1 to 64 characters) the SOP template, and for `group_stage`, `stage` (1 to 32
    characters) the group's new stage, which the replication success rate reads.

    """

    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        events_ingest_events_event_in_props = cls()

        events_ingest_events_event_in_props.additional_properties = d
        return events_ingest_events_event_in_props

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
