from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.metric_filters import MetricFilters


T = TypeVar("T", bound="FunnelStep")


@_attrs_define
class FunnelStep:
    """One step of a funnel: an event type, optionally narrowed by filters.

    Attributes:
        type_ (str): The event type that makes an actor reach this step: an `EventType` word (view, click, lead,
            purchase, …) or `custom.<name>`.
        filters (MetricFilters | Unset): Restrict a metric to one channel, post, publication, campaign and/or group.
        name (None | str | Unset): A label for the step, echoed in the answer (up to 100 characters).
    """

    type_: str
    filters: MetricFilters | Unset = UNSET
    name: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        filters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.filters, Unset):
            filters = self.filters.to_dict()

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
            }
        )
        if filters is not UNSET:
            field_dict["filters"] = filters
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.metric_filters import MetricFilters

        d = dict(src_dict)
        type_ = d.pop("type")

        _filters = d.pop("filters", UNSET)
        filters: MetricFilters | Unset
        if isinstance(_filters, Unset):
            filters = UNSET
        else:
            filters = MetricFilters.from_dict(_filters)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        funnel_step = cls(
            type_=type_,
            filters=filters,
            name=name,
        )

        return funnel_step
