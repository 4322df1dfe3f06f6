from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RejectedRow")


@_attrs_define
class RejectedRow:
    """A row of an import that was not stored, and why.

    Attributes:
        line (int): CSV: the file's line (header = 1); JSON: the item's 1-based index
        external_id (None | str): The row's external_id as sent, when it has one (to find it in the file).
        errors (list[str]): Why the row was refused, one reason a line.
    """

    line: int
    external_id: None | str
    errors: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        line = self.line

        external_id: None | str
        external_id = self.external_id

        errors = self.errors

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "line": line,
                "external_id": external_id,
                "errors": errors,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        line = d.pop("line")

        def _parse_external_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        external_id = _parse_external_id(d.pop("external_id"))

        errors = cast(list[str], d.pop("errors"))

        rejected_row = cls(
            line=line,
            external_id=external_id,
            errors=errors,
        )

        rejected_row.additional_properties = d
        return rejected_row

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
