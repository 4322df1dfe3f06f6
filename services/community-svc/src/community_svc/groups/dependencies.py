import uuid
from typing import Annotated

from fastapi import Depends

from community_svc.dependencies import request_repository
from community_svc.groups.exceptions import GroupNotFound
from community_svc.groups.models import Group
from community_svc.groups.repository import GoalRepository, GroupRepository

GroupRepoDep = Annotated[GroupRepository, request_repository(GroupRepository)]
GoalRepoDep = Annotated[GoalRepository, request_repository(GoalRepository)]


async def get_group_or_404(group_id: uuid.UUID, repo: GroupRepoDep) -> Group:
    return await repo.get_or_raise(group_id, GroupNotFound)


GroupDep = Annotated[Group, Depends(get_group_or_404)]
