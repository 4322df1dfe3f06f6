from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Goal")


@_attrs_define
class Goal:
    """A target for one metric over the campaign's window.

    Attributes:
        metric (str): A metric of metrics-svc's catalogue (`GET /v1/metrics`): gmv, leads, coupon_claims, redemptions,
            purchase_conversion_rate, fission_rate, …
        target (float): The value to reach over the window, in the metric's unit: gmv in yuan (major units, as metrics-
            svc sums it), counts as counts, rates as a fraction (0.05 = 5%).
    """

    metric: str
    target: float

    def to_dict(self) -> dict[str, Any]:
        metric = self.metric

        target = self.target

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "metric": metric,
                "target": target,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        metric = d.pop("metric")

        target = d.pop("target")

        goal = cls(
            metric=metric,
            target=target,
        )

        return goal
