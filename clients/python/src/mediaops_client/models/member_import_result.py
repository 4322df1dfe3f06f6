from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.rejected_row import RejectedRow


T = TypeVar("T", bound="MemberImportResult")


@_attrs_define
class MemberImportResult:
    """What an import did: good rows are stored, bad ones listed with their line.

    Attributes:
        received (int): Rows in the file (the header row not counted).
        imported (int): Rows stored as new memberships.
        rejected (list[RejectedRow]): Rows not stored, in file order; empty when every row was imported.
    """

    received: int
    imported: int
    rejected: list[RejectedRow]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        received = self.received

        imported = self.imported

        rejected = []
        for rejected_item_data in self.rejected:
            rejected_item = rejected_item_data.to_dict()
            rejected.append(rejected_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "received": received,
                "imported": imported,
                "rejected": rejected,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.rejected_row import RejectedRow

        d = dict(src_dict)
        received = d.pop("received")

        imported = d.pop("imported")

        rejected = []
        _rejected = d.pop("rejected")
        for rejected_item_data in _rejected:
            rejected_item = RejectedRow.from_dict(rejected_item_data)

            rejected.append(rejected_item)

        member_import_result = cls(
            received=received,
            imported=imported,
            rejected=rejected,
        )

        member_import_result.additional_properties = d
        return member_import_result

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
