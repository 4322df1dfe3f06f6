from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.owner_role import OwnerRole
from ..models.step_action import StepAction
from ..models.step_anchor import StepAnchor
from ..types import UNSET, Unset

T = TypeVar("T", bound="SopStep")


@_attrs_define
class SopStep:
    """One step: on day ``offset_days`` after the anchor, at ``time_of_day`` in the group's
    time zone, the ``owner_role`` does ``action``.

        Attributes:
            title (str): What to do, as the task's title (1 to 200 characters).
            anchor (StepAnchor): The day a step's `offset_days` count from.
            action (StepAction):
            owner_role (OwnerRole): Who does a step: the group's leader or assistants, or its current members with the
                role.
            offset_days (int | Unset): Days after the anchor's date (-365 to 3,650); 0 = that day. Default: 0.
            time_of_day (str | Unset): Wall-clock time in the group's time zone, HH:MM[:SS[.ffffff]], no offset. Default:
                '09:00:00'.
            script (str | Unset): What to say or do (free text). Default: ''.
            contingency_plan (str | Unset): What to do if the step cannot go as planned (free text). Default: ''.
    """

    title: str
    anchor: StepAnchor
    action: StepAction
    owner_role: OwnerRole
    offset_days: int | Unset = 0
    time_of_day: str | Unset = "09:00:00"
    script: str | Unset = ""
    contingency_plan: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        anchor = self.anchor.value

        action = self.action.value

        owner_role = self.owner_role.value

        offset_days = self.offset_days

        time_of_day = self.time_of_day

        script = self.script

        contingency_plan = self.contingency_plan

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "title": title,
                "anchor": anchor,
                "action": action,
                "owner_role": owner_role,
            }
        )
        if offset_days is not UNSET:
            field_dict["offset_days"] = offset_days
        if time_of_day is not UNSET:
            field_dict["time_of_day"] = time_of_day
        if script is not UNSET:
            field_dict["script"] = script
        if contingency_plan is not UNSET:
            field_dict["contingency_plan"] = contingency_plan

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        title = d.pop("title")

        anchor = StepAnchor(d.pop("anchor"))

        action = StepAction(d.pop("action"))

        owner_role = OwnerRole(d.pop("owner_role"))

        offset_days = d.pop("offset_days", UNSET)

        time_of_day = d.pop("time_of_day", UNSET)

        script = d.pop("script", UNSET)

        contingency_plan = d.pop("contingency_plan", UNSET)

        sop_step = cls(
            title=title,
            anchor=anchor,
            action=action,
            owner_role=owner_role,
            offset_days=offset_days,
            time_of_day=time_of_day,
            script=script,
            contingency_plan=contingency_plan,
        )

        return sop_step
