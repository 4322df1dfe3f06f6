import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from community_svc.groups.dependencies import GroupRepoDep, get_group_or_404
from community_svc.scopes import READ, WRITE
from community_svc.tasks import service
from community_svc.tasks.dependencies import TaskDep, TaskRepoDep
from community_svc.tasks.schemas import TaskComplete, TaskRead, TaskReassign, TaskSkip
from community_svc.tasks.vocabulary import TaskStatus
from servicekit.context import ContextDep
from servicekit.models import utcnow
from servicekit.pagination import Page, PageDep
from servicekit.timebounds import Instant
from servicekit.unitofwork import UnitOfWorkDep

router = APIRouter(prefix="/v1/tasks", tags=["tasks"])


@router.get("", dependencies=READ)
async def list_tasks(
    repo: TaskRepoDep,
    groups: GroupRepoDep,
    page: PageDep,
    assignee: Annotated[str | None, Query(max_length=128)] = None,
    status: Annotated[TaskStatus | None, Query()] = None,
    group_id: Annotated[uuid.UUID | None, Query()] = None,
    run_id: Annotated[uuid.UUID | None, Query()] = None,
    member_id: Annotated[uuid.UUID | None, Query()] = None,
    due_before: Annotated[Instant | None, Query()] = None,
    due_after: Annotated[Instant | None, Query()] = None,
    overdue: Annotated[bool, Query(description="only pending tasks past their due time")] = False,
) -> Page[TaskRead]:
    """The operator's to-do list, earliest due first."""
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
    return TaskRead.model_validate(task)


@router.post("/{task_id}/complete", dependencies=WRITE)
async def complete_task(
    task: TaskDep, uow: UnitOfWorkDep, ctx: ContextDep, body: TaskComplete | None = None
) -> TaskRead:
    note = body.note if body is not None else None
    return TaskRead.model_validate(await service.complete_task(uow, task, note, ctx.actor_id))


@router.post("/{task_id}/skip", dependencies=WRITE)
async def skip_task(task: TaskDep, body: TaskSkip, repo: TaskRepoDep, ctx: ContextDep) -> TaskRead:
    return TaskRead.model_validate(await service.skip_task(repo, task, body.reason, ctx.actor_id))


@router.post("/{task_id}/reassign", dependencies=WRITE)
async def reassign_task(task: TaskDep, body: TaskReassign, repo: TaskRepoDep) -> TaskRead:
    return TaskRead.model_validate(await service.reassign_task(repo, task, body.assignee))
