"""Task rules: pending → done (with a note) | skipped (with a reason) | cancelled; only pending
tasks change hands; completing one records a ``task.completed`` event with the change."""

from datetime import datetime

from community_svc.events import DomainEvent
from community_svc.tasks.exceptions import TaskClosed, TaskNotFound
from community_svc.tasks.models import Task
from community_svc.tasks.repository import TaskRepository
from community_svc.tasks.vocabulary import TaskStatus
from servicekit.models import utcnow
from servicekit.unitofwork import UnitOfWork


async def _pending(tasks: TaskRepository, task: Task, action: str) -> Task:
    locked = await tasks.get_or_raise(task.id, TaskNotFound, lock=True)
    if locked.status != TaskStatus.PENDING:
        raise TaskClosed(task.id, locked.status, action)
    return locked


async def _close(
    tasks: TaskRepository,
    task: Task,
    action: str,
    status: TaskStatus,
    actor_id: str | None,
) -> tuple[Task, datetime]:
    """The pending task moved to ``status`` (done, skipped) by ``actor_id`` now, and when; the
    caller adds its note or reason, then flushes."""
    locked = await _pending(tasks, task, action)
    closed_at = utcnow()
    locked.status = status
    locked.closed_at = closed_at
    locked.closed_by = actor_id
    return locked, closed_at


async def complete_task(
    uow: UnitOfWork, task: Task, note: str | None, actor_id: str | None
) -> Task:
    tasks = uow.repo(TaskRepository)
    locked, closed_at = await _close(tasks, task, "completed", TaskStatus.DONE, actor_id)
    locked.note = note
    await tasks.flush()
    await uow.record(
        DomainEvent.TASK_COMPLETED,
        {
            # The operator who did it (the caller), else the one it was assigned to; a task
            # is an operator's work, so the actor here is not a member.
            "actor_id": actor_id or locked.assignee,
            "task_id": str(locked.id),
            "run_id": str(locked.run_id),
            "group_id": str(locked.group_id),
            "member_id": str(locked.member_id) if locked.member_id else None,
            "action": locked.action,
            "assignee": locked.assignee,
            "due_at": locked.due_at.isoformat(),
            "completed_at": closed_at.isoformat(),
            "late": closed_at > locked.due_at,
        },
        occurred_at=closed_at,
    )
    return locked


async def skip_task(tasks: TaskRepository, task: Task, reason: str, actor_id: str | None) -> Task:
    locked, _ = await _close(tasks, task, "skipped", TaskStatus.SKIPPED, actor_id)
    locked.skip_reason = reason
    await tasks.flush()
    return locked


async def reassign_task(tasks: TaskRepository, task: Task, assignee: str) -> Task:
    locked = await _pending(tasks, task, "reassigned")
    locked.assignee = assignee
    await tasks.flush()
    return locked
