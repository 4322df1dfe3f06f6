from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SnapshotBatchResult")


@_attrs_define
class SnapshotBatchResult:
    """What a batch or a CSV file of snapshots did: every day is stored (new or replaced).

    Attributes:
        received (int): Snapshots in the request (one per day).
        created (int): Days the benchmark had no snapshot of before.
        updated (int): Days entered before, whose numbers were replaced.
    """

    received: int
    created: int
    updated: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        received = self.received

        created = self.created

        updated = self.updated

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "received": received,
                "created": created,
                "updated": updated,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        received = d.pop("received")

        created = d.pop("created")

        updated = d.pop("updated")

        snapshot_batch_result = cls(
            received=received,
            created=created,
            updated=updated,
        )

        snapshot_batch_result.additional_properties = d
        return snapshot_batch_result

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
