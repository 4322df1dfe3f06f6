import uuid
from collections.abc import Sequence
from typing import Annotated

from fastapi import APIRouter, Header, Query, Response, status

from community_svc.groups import service
from community_svc.groups.dependencies import GoalRepoDep, GroupDep, GroupRepoDep
from community_svc.groups.goals import LiveGoals
from community_svc.groups.models import Group, GroupGoal
from community_svc.groups.repository import GoalRepository
from community_svc.groups.schemas import (
    GoalCreate,
    GoalFields,
    GoalRead,
    GroupCreate,
    GroupDetail,
    GroupRead,
    GroupTransition,
    GroupUpdate,
)
from community_svc.groups.vocabulary import GroupKind, GroupPlatform, GroupStage
from community_svc.scopes import READ, WRITE
from community_svc.state import LiveGoalsDep
from servicekit.context import ContextDep, RequestContext
from servicekit.pagination import Page, PageDep
from servicekit.problems import PROBLEM_RESPONSES
from servicekit.unitofwork import UnitOfWorkDep
from servicekit.versioning import etag

router = APIRouter(prefix="/v1/groups", tags=["groups"], responses=PROBLEM_RESPONSES)


async def _goals(
    group: Group, rows: Sequence[GroupGoal], progress: LiveGoals, ctx: RequestContext
) -> list[GoalRead]:
    """The goals, each with its live standing from metrics-svc."""
    live = await progress.live(group, rows, ctx) if rows else {}
    return [GoalRead(**GoalFields.model_validate(g).model_dump(), live=live[g.id]) for g in rows]


async def _detail(
    group: Group, goals: GoalRepository | None, progress: LiveGoals, ctx: RequestContext
) -> GroupDetail:
    """The group with its goals (``None``: a group made this moment, which has none yet)."""
    base = GroupRead.model_validate(group)
    rows = await goals.list_for_group(base.id) if goals is not None else []
    return GroupDetail(**base.model_dump(), goals=await _goals(group, rows, progress, ctx))


@router.post("", status_code=status.HTTP_201_CREATED, dependencies=WRITE)
async def create_group(
    body: GroupCreate,
    repo: GroupRepoDep,
    progress: LiveGoalsDep,
    ctx: ContextDep,
    response: Response,
) -> GroupDetail:
    group = await service.create_group(repo, body)
    response.headers["ETag"] = etag(group.version)
    response.headers["Location"] = f"/v1/groups/{group.id}"
    return await _detail(group, None, progress, ctx)


@router.get("", dependencies=READ)
async def list_groups(
    repo: GroupRepoDep,
    page: PageDep,
    stage: Annotated[GroupStage | None, Query()] = None,
    platform: Annotated[GroupPlatform | None, Query()] = None,
    kind: Annotated[GroupKind | None, Query()] = None,
) -> Page[GroupRead]:
    stmt = repo.list_groups(stage=stage, platform=platform, kind=kind)
    rows, next_cursor = await repo.paginate(stmt, page)
    return Page(items=[GroupRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.get("/{group_id}", dependencies=READ)
async def get_group(
    group: GroupDep,
    goals: GoalRepoDep,
    progress: LiveGoalsDep,
    ctx: ContextDep,
    response: Response,
) -> GroupDetail:
    """The group with its goals, each with its live standing from metrics-svc."""
    response.headers["ETag"] = etag(group.version)
    return await _detail(group, goals, progress, ctx)


@router.patch("/{group_id}", dependencies=WRITE)
async def update_group(
    group: GroupDep,
    body: GroupUpdate,
    repo: GroupRepoDep,
    goals: GoalRepoDep,
    progress: LiveGoalsDep,
    ctx: ContextDep,
    response: Response,
    if_match: Annotated[str | None, Header()] = None,
) -> GroupDetail:
    group = await service.update_group(repo, group, body, if_match)
    response.headers["ETag"] = etag(group.version)
    return await _detail(group, goals, progress, ctx)


@router.post("/{group_id}/transitions", dependencies=WRITE)
async def transition_group(
    group: GroupDep,
    body: GroupTransition,
    uow: UnitOfWorkDep,
    progress: LiveGoalsDep,
    ctx: ContextDep,
    response: Response,
) -> GroupDetail:
    """Move the group to its next stage; `dissolved` cancels its open tasks and live runs."""
    group = await service.transition_group(uow, group, body.to, ctx.actor_id)
    response.headers["ETag"] = etag(group.version)
    return await _detail(group, uow.repo(GoalRepository), progress, ctx)


@router.post("/{group_id}/goals", status_code=status.HTTP_201_CREATED, dependencies=WRITE)
async def add_goal(
    group: GroupDep,
    body: GoalCreate,
    goals: GoalRepoDep,
    progress: LiveGoalsDep,
    ctx: ContextDep,
) -> GoalRead:
    goal = await service.add_goal(goals, group, body)
    return (await _goals(group, [goal], progress, ctx))[0]


@router.get("/{group_id}/goals", dependencies=READ)
async def list_goals(
    group: GroupDep, goals: GoalRepoDep, progress: LiveGoalsDep, ctx: ContextDep
) -> list[GoalRead]:
    """The group's goals, each with its live standing from metrics-svc."""
    return await _goals(group, await goals.list_for_group(group.id), progress, ctx)


@router.delete(
    "/{group_id}/goals/{goal_id}", status_code=status.HTTP_204_NO_CONTENT, dependencies=WRITE
)
async def delete_goal(group: GroupDep, goal_id: uuid.UUID, goals: GoalRepoDep) -> None:
    await service.delete_goal(goals, group, goal_id)
