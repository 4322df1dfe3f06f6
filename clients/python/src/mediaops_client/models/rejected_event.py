from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.item_error import ItemError


T = TypeVar("T", bound="RejectedEvent")


@_attrs_define
class RejectedEvent:
    """An event of the batch that was not stored, and why.

    Attributes:
        index (int): Its position in the batch, from 0.
        errors (list[ItemError]): Every reason it was refused.
    """

    index: int
    errors: list[ItemError]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        index = self.index

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "index": index,
                "errors": errors,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.item_error import ItemError

        d = dict(src_dict)
        index = d.pop("index")

        errors = []
        _errors = d.pop("errors")
        for errors_item_data in _errors:
            errors_item = ItemError.from_dict(errors_item_data)

            errors.append(errors_item)

        rejected_event = cls(
            index=index,
            errors=errors,
        )

        rejected_event.additional_properties = d
        return rejected_event

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
