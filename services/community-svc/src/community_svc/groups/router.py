import uuid
from typing import Annotated

from fastapi import APIRouter, Header, Query, Response, status

from community_svc.groups import service
from community_svc.groups.dependencies import GoalRepoDep, GroupDep, GroupRepoDep, LiveGoalsDep
from community_svc.groups.repository import GoalRepository
from community_svc.groups.schemas import (
    GoalCreate,
    GoalRead,
    GroupCreate,
    GroupDetail,
    GroupRead,
    GroupTransition,
    GroupUpdate,
)
from community_svc.groups.vocabulary import GroupKind, GroupPlatform, GroupStage
from community_svc.scopes import READ, WRITE
from servicekit.context import ContextDep
from servicekit.pagination import Page, PageDep
from servicekit.unitofwork import UnitOfWorkDep
from servicekit.versioning import etag

router = APIRouter(prefix="/v1/groups", tags=["groups"])


@router.post("", status_code=status.HTTP_201_CREATED, dependencies=WRITE)
async def create_group(
    body: GroupCreate,
    repo: GroupRepoDep,
    live_goals: LiveGoalsDep,
    ctx: ContextDep,
    response: Response,
) -> GroupDetail:
    group = await service.create_group(repo, body)
    response.headers["ETag"] = etag(group.version)
    response.headers["Location"] = f"/v1/groups/{group.id}"
    return await service.read_group(live_goals, ctx, group, None)


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
    live_goals: LiveGoalsDep,
    ctx: ContextDep,
    response: Response,
) -> GroupDetail:
    """The group with its goals, each with its live standing from metrics-svc."""
    response.headers["ETag"] = etag(group.version)
    return await service.read_group(live_goals, ctx, group, goals)


@router.patch("/{group_id}", dependencies=WRITE)
async def update_group(
    group: GroupDep,
    body: GroupUpdate,
    repo: GroupRepoDep,
    goals: GoalRepoDep,
    live_goals: LiveGoalsDep,
    ctx: ContextDep,
    response: Response,
    if_match: Annotated[str | None, Header()] = None,
) -> GroupDetail:
    group = await service.update_group(repo, group, body, if_match)
    response.headers["ETag"] = etag(group.version)
    return await service.read_group(live_goals, ctx, group, goals)


@router.post("/{group_id}/transitions", dependencies=WRITE)
async def transition_group(
    group: GroupDep,
    body: GroupTransition,
    uow: UnitOfWorkDep,
    live_goals: LiveGoalsDep,
    ctx: ContextDep,
    response: Response,
) -> GroupDetail:
    """Move the group to its next stage; `dissolved` cancels its open tasks and live runs."""
    group = await service.transition_group(uow, group, body.to, ctx.actor_id)
    response.headers["ETag"] = etag(group.version)
    return await service.read_group(live_goals, ctx, group, uow.repo(GoalRepository))


@router.post("/{group_id}/goals", status_code=status.HTTP_201_CREATED, dependencies=WRITE)
async def add_goal(
    group: GroupDep,
    body: GoalCreate,
    goals: GoalRepoDep,
    live_goals: LiveGoalsDep,
    ctx: ContextDep,
) -> GoalRead:
    goal = await service.add_goal(goals, group, body)
    return (await service.read_goals(live_goals, ctx, group, [goal]))[0]


@router.get("/{group_id}/goals", dependencies=READ)
async def list_goals(
    group: GroupDep, goals: GoalRepoDep, live_goals: LiveGoalsDep, ctx: ContextDep
) -> list[GoalRead]:
    """The group's goals, each with its live standing from metrics-svc."""
    return await service.read_goals(live_goals, ctx, group, await goals.list_for_group(group.id))


@router.delete(
    "/{group_id}/goals/{goal_id}", status_code=status.HTTP_204_NO_CONTENT, dependencies=WRITE
)
async def delete_goal(group: GroupDep, goal_id: uuid.UUID, goals: GoalRepoDep) -> None:
    await service.delete_goal(goals, group, goal_id)
