from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.task_status import TaskStatus

T = TypeVar("T", bound="TaskRead")


@_attrs_define
class TaskRead:
    """One dated task of an SOP run, on an operator's to-do list.

    Attributes:
        id (UUID): The task's id (assigned by the service).
        run_id (UUID): The SOP run the task belongs to.
        group_id (UUID): The group the task is for.
        member_id (None | UUID): For a `member_joined` step: the membership it is about; null otherwise.
        step_index (int): The step's position (0-based) in the run's template version.
        anchor (str): The step's anchor (`group_created`, `member_joined`, …).
        action (str): The step's action (`message`, `live`, `coupon`, …).
        title (str): What to do, from the step.
        script (str): What to say or do, from the step.
        contingency_plan (str): What to do if it cannot go as planned.
        owner_role (str): The step's owner role, which chose the assignee.
        assignee (None | str): The actor id of who does it; null when nobody held the role (reassign it).
        due_at (datetime.datetime): When it is due (RFC 3339, UTC): the step's time of day in the group's zone.
        status (TaskStatus): pending → done | skipped | cancelled; overdue is computed on read, never stored.
        note (None | str): The note given when it was completed.
        skip_reason (None | str): The reason given when it was skipped.
        closed_at (datetime.datetime | None): When it was done, skipped or cancelled (RFC 3339, UTC); null while
            pending.
        closed_by (None | str): The actor who closed it.
        created_at (datetime.datetime): When the task was made (RFC 3339, UTC).
        overdue (bool): Open and past due (computed when read, so it is never stale).
    """

    id: UUID
    run_id: UUID
    group_id: UUID
    member_id: None | UUID
    step_index: int
    anchor: str
    action: str
    title: str
    script: str
    contingency_plan: str
    owner_role: str
    assignee: None | str
    due_at: datetime.datetime
    status: TaskStatus
    note: None | str
    skip_reason: None | str
    closed_at: datetime.datetime | None
    closed_by: None | str
    created_at: datetime.datetime
    overdue: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        run_id = str(self.run_id)

        group_id = str(self.group_id)

        member_id: None | str
        if isinstance(self.member_id, UUID):
            member_id = str(self.member_id)
        else:
            member_id = self.member_id

        step_index = self.step_index

        anchor = self.anchor

        action = self.action

        title = self.title

        script = self.script

        contingency_plan = self.contingency_plan

        owner_role = self.owner_role

        assignee: None | str
        assignee = self.assignee

        due_at = self.due_at.isoformat()

        status = self.status.value

        note: None | str
        note = self.note

        skip_reason: None | str
        skip_reason = self.skip_reason

        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        closed_by: None | str
        closed_by = self.closed_by

        created_at = self.created_at.isoformat()

        overdue = self.overdue

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "run_id": run_id,
                "group_id": group_id,
                "member_id": member_id,
                "step_index": step_index,
                "anchor": anchor,
                "action": action,
                "title": title,
                "script": script,
                "contingency_plan": contingency_plan,
                "owner_role": owner_role,
                "assignee": assignee,
                "due_at": due_at,
                "status": status,
                "note": note,
                "skip_reason": skip_reason,
                "closed_at": closed_at,
                "closed_by": closed_by,
                "created_at": created_at,
                "overdue": overdue,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        run_id = UUID(d.pop("run_id"))

        group_id = UUID(d.pop("group_id"))

        def _parse_member_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                member_id_type_0 = UUID(data)

                return member_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        member_id = _parse_member_id(d.pop("member_id"))

        step_index = d.pop("step_index")

        anchor = d.pop("anchor")

        action = d.pop("action")

        title = d.pop("title")

        script = d.pop("script")

        contingency_plan = d.pop("contingency_plan")

        owner_role = d.pop("owner_role")

        def _parse_assignee(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        assignee = _parse_assignee(d.pop("assignee"))

        due_at = datetime.datetime.fromisoformat(d.pop("due_at"))

        status = TaskStatus(d.pop("status"))

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        def _parse_skip_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        skip_reason = _parse_skip_reason(d.pop("skip_reason"))

        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)

                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))

        def _parse_closed_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        closed_by = _parse_closed_by(d.pop("closed_by"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        overdue = d.pop("overdue")

        task_read = cls(
            id=id,
            run_id=run_id,
            group_id=group_id,
            member_id=member_id,
            step_index=step_index,
            anchor=anchor,
            action=action,
            title=title,
            script=script,
            contingency_plan=contingency_plan,
            owner_role=owner_role,
            assignee=assignee,
            due_at=due_at,
            status=status,
            note=note,
            skip_reason=skip_reason,
            closed_at=closed_at,
            closed_by=closed_by,
            created_at=created_at,
            overdue=overdue,
        )

        task_read.additional_properties = d
        return task_read

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
