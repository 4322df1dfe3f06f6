from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.live_status import LiveStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="CommunityLiveGoal")


@_attrs_define
class CommunityLiveGoal:
    """The goal's standing now, from metrics-svc (``progress`` = actual / target).

    Attributes:
        actual (float | None): The metric's value over the group's life to the end of the due date, in the metric's
            unit; null when unavailable or nothing to count yet.
        progress (float | None): actual / target (1.0 = reached); null when `actual` is null.
        status (LiveStatus): A goal's live standing against its target, as metrics-svc judges it (``unavailable``:
            metrics-svc could not tell, so there is no judgement).
        reason (None | str | Unset): Why the standing is unavailable (only then)
    """

    actual: float | None
    progress: float | None
    status: LiveStatus
    reason: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actual: float | None
        actual = self.actual

        progress: float | None
        progress = self.progress

        status = self.status.value

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actual": actual,
                "progress": progress,
                "status": status,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_actual(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        actual = _parse_actual(d.pop("actual"))

        def _parse_progress(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        progress = _parse_progress(d.pop("progress"))

        status = LiveStatus(d.pop("status"))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        community_live_goal = cls(
            actual=actual,
            progress=progress,
            status=status,
            reason=reason,
        )

        community_live_goal.additional_properties = d
        return community_live_goal

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
