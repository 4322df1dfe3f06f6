from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.rejected_event import RejectedEvent


T = TypeVar("T", bound="IngestResult")


@_attrs_define
class IngestResult:
    """What became of a batch: every event is accepted, a duplicate or rejected.

    Attributes:
        accepted (int): Events stored now, each counted in the numbers once.
        duplicates (int): Events whose id was already stored (in this batch or any earlier one): harmless, they change
            no number.
        rejected (list[RejectedEvent]): Events refused, by index, with their reasons; nothing of them is stored. Fix and
            re-send only these.
    """

    accepted: int
    duplicates: int
    rejected: list[RejectedEvent]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accepted = self.accepted

        duplicates = self.duplicates

        rejected = []
        for rejected_item_data in self.rejected:
            rejected_item = rejected_item_data.to_dict()
            rejected.append(rejected_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accepted": accepted,
                "duplicates": duplicates,
                "rejected": rejected,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.rejected_event import RejectedEvent

        d = dict(src_dict)
        accepted = d.pop("accepted")

        duplicates = d.pop("duplicates")

        rejected = []
        _rejected = d.pop("rejected")
        for rejected_item_data in _rejected:
            rejected_item = RejectedEvent.from_dict(rejected_item_data)

            rejected.append(rejected_item)

        ingest_result = cls(
            accepted=accepted,
            duplicates=duplicates,
            rejected=rejected,
        )

        ingest_result.additional_properties = d
        return ingest_result

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
