import uuid
from typing import Annotated

from fastapi import Depends

from community_svc.tasks.exceptions import TaskNotFound
from community_svc.tasks.models import Task
from community_svc.tasks.repository import TaskRepository
from servicekit.unitofwork import UnitOfWorkDep


def get_task_repository(uow: UnitOfWorkDep) -> TaskRepository:
    return uow.repo(TaskRepository)


TaskRepoDep = Annotated[TaskRepository, Depends(get_task_repository)]


async def get_task_or_404(task_id: uuid.UUID, repo: TaskRepoDep) -> Task:
    task = await repo.get(task_id)
    if task is None:
        raise TaskNotFound(task_id)
    return task


TaskDep = Annotated[Task, Depends(get_task_or_404)]
