import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from community_svc.groups.dependencies import GroupRepoDep, get_group_or_404
from community_svc.groups.exceptions import GroupNotFound
from community_svc.scopes import READ, WRITE
from community_svc.tasks import service
from community_svc.tasks.dependencies import TaskDep, TaskRepoDep
from community_svc.tasks.exceptions import TaskClosed
from community_svc.tasks.schemas import (
    TASK_COMPLETE_EXAMPLE,
    TaskComplete,
    TaskRead,
    TaskReassign,
    TaskSkip,
)
from community_svc.tasks.vocabulary import TaskStatus
from servicekit.apidoc import problems
from servicekit.context import ContextDep
from servicekit.models import utcnow
from servicekit.pagination import Page, PageDep
from servicekit.timebounds import Instant
from servicekit.unitofwork import UnitOfWorkDep

router = APIRouter(prefix="/v1/tasks", tags=["tasks"])


@router.get("", dependencies=READ, responses=problems(GroupNotFound))
async def list_tasks(
    repo: TaskRepoDep,
    groups: GroupRepoDep,
    page: PageDep,
    assignee: Annotated[
        str | None, Query(max_length=128, description="Only tasks of this actor id.")
    ] = None,
    status: Annotated[TaskStatus | None, Query(description="Only tasks in this status.")] = None,
    group_id: Annotated[
        uuid.UUID | None, Query(description="Only this group's tasks (404 if no such group).")
    ] = None,
    run_id: Annotated[uuid.UUID | None, Query(description="Only this run's tasks.")] = None,
    member_id: Annotated[
        uuid.UUID | None, Query(description="Only tasks about this membership.")
    ] = None,
    due_before: Annotated[
        Instant | None, Query(description="Only tasks due before this time (RFC 3339).")
    ] = None,
    due_after: Annotated[
        Instant | None, Query(description="Only tasks due at or after this time (RFC 3339).")
    ] = None,
    overdue: Annotated[bool, Query(description="only pending tasks past their due time")] = False,
) -> Page[TaskRead]:
    """The operator's to-do list, earliest due first.

    Filter by assignee, status, group, run, member and due window; `overdue=true` keeps the
    pending tasks already past due. Each task's `overdue` is computed when it is read.
    """
    if group_id is not None:
        await get_group_or_404(group_id, groups)  # another workspace's group: 404, not []
    now: datetime | None = utcnow() if overdue else None
    stmt = repo.list_tasks(
        assignee=assignee,
        status=status,
        group_id=group_id,
        run_id=run_id,
        member_id=member_id,
        due_before=due_before,
        due_after=due_after,
        overdue_at=now,
    )
    rows, next_cursor = await repo.paginate_by_due(stmt, page)
    return Page(items=[TaskRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.get("/{task_id}", dependencies=READ)
async def get_task(task: TaskDep) -> TaskRead:
    """One task, with its script and contingency plan from its SOP step."""
    return TaskRead.model_validate(task)


@router.post(
    "/{task_id}/complete",
    dependencies=WRITE,
    responses=problems(TaskClosed),
    # The body is optional, so its schema is "TaskComplete or null": the example is shown on the
    # body itself, where Swagger UI and the document's checker look for it.
    openapi_extra={
        "requestBody": {"content": {"application/json": {"example": TASK_COMPLETE_EXAMPLE}}}
    },
)
async def complete_task(
    task: TaskDep, uow: UnitOfWorkDep, ctx: ContextDep, body: TaskComplete | None = None
) -> TaskRead:
    """Mark a pending task done, with an optional note (the body may be left out).

    Records who did it and when, and sends a `task.completed` event (late or on time) to
    metrics-svc. A task that is no longer pending is a 409.
    """
    note = body.note if body is not None else None
    return TaskRead.model_validate(await service.complete_task(uow, task, note, ctx.actor_id))


@router.post("/{task_id}/skip", dependencies=WRITE, responses=problems(TaskClosed))
async def skip_task(task: TaskDep, body: TaskSkip, repo: TaskRepoDep, ctx: ContextDep) -> TaskRead:
    """Close a pending task as skipped, with the reason; a task that is no longer pending is a
    409."""
    return TaskRead.model_validate(await service.skip_task(repo, task, body.reason, ctx.actor_id))


@router.post("/{task_id}/reassign", dependencies=WRITE, responses=problems(TaskClosed))
async def reassign_task(task: TaskDep, body: TaskReassign, repo: TaskRepoDep) -> TaskRead:
    """Give a pending task to someone else (an unassigned one too); a task that is no longer
    pending is a 409."""
    return TaskRead.model_validate(await service.reassign_task(repo, task, body.assignee))
