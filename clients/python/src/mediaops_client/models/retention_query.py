from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.retention_period import RetentionPeriod
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.metric_filters import MetricFilters


T = TypeVar("T", bound="RetentionQuery")


@_attrs_define
class RetentionQuery:
    """Cohorts of actors by the local period of their first ``cohort_event`` in [from, to);
    for each, how many did ``return_event`` in period 0, 1, … N-1 after it.

        Attributes:
            cohort_event (str): The event that puts an actor in a cohort (their first one in the window): `join_group`,
                `register`, `purchase`, …
            return_event (str): The event that counts as coming back: `message`, `view`, `purchase`, …
            from_ (datetime.datetime): Cohorts start at or after this time (RFC 3339 with offset).
            to (datetime.datetime): … and before this one (exclusive).
            period (RetentionPeriod | Unset): The length of a retention cohort and of each period after it.
            periods (int | Unset): How many periods to follow each cohort for (1 to 52). Default: 4.
            tz (str | Unset): The IANA time zone days and weeks are cut in (`Asia/Shanghai`). Default: 'UTC'.
            filters (MetricFilters | Unset): Restrict a metric to one channel, post, publication, campaign and/or group.
    """

    cohort_event: str
    return_event: str
    from_: datetime.datetime
    to: datetime.datetime
    period: RetentionPeriod | Unset = UNSET
    periods: int | Unset = 4
    tz: str | Unset = "UTC"
    filters: MetricFilters | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        cohort_event = self.cohort_event

        return_event = self.return_event

        from_ = self.from_.isoformat()

        to = self.to.isoformat()

        period: str | Unset = UNSET
        if not isinstance(self.period, Unset):
            period = self.period.value

        periods = self.periods

        tz = self.tz

        filters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.filters, Unset):
            filters = self.filters.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "cohort_event": cohort_event,
                "return_event": return_event,
                "from": from_,
                "to": to,
            }
        )
        if period is not UNSET:
            field_dict["period"] = period
        if periods is not UNSET:
            field_dict["periods"] = periods
        if tz is not UNSET:
            field_dict["tz"] = tz
        if filters is not UNSET:
            field_dict["filters"] = filters

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.metric_filters import MetricFilters

        d = dict(src_dict)
        cohort_event = d.pop("cohort_event")

        return_event = d.pop("return_event")

        from_ = datetime.datetime.fromisoformat(d.pop("from"))

        to = datetime.datetime.fromisoformat(d.pop("to"))

        _period = d.pop("period", UNSET)
        period: RetentionPeriod | Unset
        if isinstance(_period, Unset):
            period = UNSET
        else:
            period = RetentionPeriod(_period)

        periods = d.pop("periods", UNSET)

        tz = d.pop("tz", UNSET)

        _filters = d.pop("filters", UNSET)
        filters: MetricFilters | Unset
        if isinstance(_filters, Unset):
            filters = UNSET
        else:
            filters = MetricFilters.from_dict(_filters)

        retention_query = cls(
            cohort_event=cohort_event,
            return_event=return_event,
            from_=from_,
            to=to,
            period=period,
            periods=periods,
            tz=tz,
            filters=filters,
        )

        return retention_query
