import uuid
from typing import Annotated

from fastapi import Depends, Request

from community_svc.dependencies import request_repository
from community_svc.groups.exceptions import GroupNotFound
from community_svc.groups.goals import LiveGoals
from community_svc.groups.models import Group
from community_svc.groups.repository import GoalRepository, GroupRepository
from community_svc.state import community_state

GroupRepoDep = Annotated[GroupRepository, request_repository(GroupRepository)]
GoalRepoDep = Annotated[GoalRepository, request_repository(GoalRepository)]


async def get_group_or_404(group_id: uuid.UUID, repo: GroupRepoDep) -> Group:
    return await repo.get_or_raise(group_id, GroupNotFound)


GroupDep = Annotated[Group, Depends(get_group_or_404)]


async def get_live_goals(request: Request) -> LiveGoals:
    return community_state(request)["live_goals"]


LiveGoalsDep = Annotated[LiveGoals, Depends(get_live_goals)]
