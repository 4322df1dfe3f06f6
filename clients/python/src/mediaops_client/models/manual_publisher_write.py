from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="ManualPublisherWrite")


@_attrs_define
class ManualPublisherWrite:
    """An operator publishes by hand and records it with ``POST …/mark-published``.

    Attributes:
        kind (Literal['manual']): `manual`: nothing is sent; an operator publishes and marks it published.
    """

    kind: Literal["manual"]

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        kind = cast(Literal["manual"], d.pop("kind"))
        if kind != "manual":
            raise ValueError(f"kind must match const 'manual', got '{kind}'")

        manual_publisher_write = cls(
            kind=kind,
        )

        return manual_publisher_write
