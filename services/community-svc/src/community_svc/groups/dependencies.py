import uuid
from typing import Annotated

from fastapi import Depends

from community_svc.groups.exceptions import GroupNotFound
from community_svc.groups.models import Group
from community_svc.groups.repository import GoalRepository, GroupRepository
from servicekit.unitofwork import UnitOfWorkDep


def get_group_repository(uow: UnitOfWorkDep) -> GroupRepository:
    return uow.repo(GroupRepository)


def get_goal_repository(uow: UnitOfWorkDep) -> GoalRepository:
    return uow.repo(GoalRepository)


GroupRepoDep = Annotated[GroupRepository, Depends(get_group_repository)]
GoalRepoDep = Annotated[GoalRepository, Depends(get_goal_repository)]


async def get_group_or_404(group_id: uuid.UUID, repo: GroupRepoDep) -> Group:
    group = await repo.get(group_id)
    if group is None:
        raise GroupNotFound(group_id)
    return group


GroupDep = Annotated[Group, Depends(get_group_or_404)]
