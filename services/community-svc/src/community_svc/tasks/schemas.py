import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, computed_field

from community_svc.tasks.vocabulary import TaskStatus
from community_svc.types import ActorId
from servicekit.bodies import RequestBody
from servicekit.models import utcnow

Remark = Annotated[str, Field(max_length=5_000)]


class TaskComplete(RequestBody):
    note: Remark | None = None


class TaskSkip(RequestBody):
    reason: Annotated[str, Field(min_length=1, max_length=5_000)]


class TaskReassign(RequestBody):
    assignee: ActorId


class TaskRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    run_id: uuid.UUID
    group_id: uuid.UUID
    member_id: uuid.UUID | None
    step_index: int
    anchor: str
    action: str
    title: str
    script: str
    contingency_plan: str
    owner_role: str
    assignee: str | None
    due_at: datetime
    status: TaskStatus
    note: str | None
    skip_reason: str | None
    closed_at: datetime | None
    closed_by: str | None
    created_at: datetime

    @computed_field  # type: ignore[prop-decorator]
    @property
    def overdue(self) -> bool:
        """Open and past due (computed when read, so it is never stale)."""
        return self.status == TaskStatus.PENDING and self.due_at < utcnow()
