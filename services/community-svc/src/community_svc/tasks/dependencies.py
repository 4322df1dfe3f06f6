import uuid
from typing import Annotated

from fastapi import Depends

from community_svc.dependencies import request_repository
from community_svc.tasks.exceptions import TaskNotFound
from community_svc.tasks.models import Task
from community_svc.tasks.repository import TaskRepository

TaskRepoDep = Annotated[TaskRepository, request_repository(TaskRepository)]


async def get_task_or_404(task_id: uuid.UUID, repo: TaskRepoDep) -> Task:
    return await repo.get_or_raise(task_id, TaskNotFound)


TaskDep = Annotated[Task, Depends(get_task_or_404)]
