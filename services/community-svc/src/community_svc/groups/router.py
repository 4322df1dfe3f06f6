import uuid
from typing import Annotated

from fastapi import APIRouter, Header, Query, Response, status

from community_svc.groups import service
from community_svc.groups.dependencies import GoalRepoDep, GroupDep, GroupRepoDep, LiveGoalsDep
from community_svc.groups.exceptions import (
    CapacityBelowMembers,
    GoalAlreadyReached,
    GoalNotFound,
    GroupDissolved,
    IllegalStageTransition,
)
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
from servicekit.apidoc import problems
from servicekit.context import ContextDep
from servicekit.db import reads_only
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
    """Create a group (社群) in stage `planning`, with no members and no goals yet.

    The answer carries the group's `ETag` (its version, for a later `If-Match`) and its
    `Location`. Members join through `POST /v1/groups/{group_id}/members`; the stage moves
    through `POST /v1/groups/{group_id}/transitions`.
    """
    group = await service.create_group(repo, body)
    response.headers["ETag"] = etag(group.version)
    response.headers["Location"] = f"/v1/groups/{group.id}"
    return await service.read_group(live_goals, ctx, group, None)


@router.get("", dependencies=READ)
@reads_only  # one plain SELECT: no BEGIN/COMMIT around it (servicekit.db.reads_only)
async def list_groups(
    repo: GroupRepoDep,
    page: PageDep,
    stage: Annotated[GroupStage | None, Query(description="Only groups in this stage.")] = None,
    platform: Annotated[
        GroupPlatform | None, Query(description="Only groups on this platform.")
    ] = None,
    kind: Annotated[GroupKind | None, Query(description="Only groups of this kind.")] = None,
) -> Page[GroupRead]:
    """The workspace's groups, oldest first, one cursor page at a time (without their goals:
    read one group for those)."""
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
    """The group with its goals, each with its live standing from metrics-svc.

    The `ETag` header is the group's version: send it back as `If-Match` on `PATCH` so that an
    edit made meanwhile by someone else is not overwritten (412). A goal whose standing
    metrics-svc cannot give now reads `unavailable` with the reason; the group still answers.
    """
    response.headers["ETag"] = etag(group.version)
    return await service.read_group(live_goals, ctx, group, goals)


@router.patch(
    "/{group_id}", dependencies=WRITE, responses=problems(GroupDissolved, CapacityBelowMembers)
)
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
    """Change the fields sent and leave the others as they are (the stage moves by
    transitions only).

    With `If-Match: "<version>"` the edit applies only if nobody changed the group since that
    version was read (412 otherwise); without it, the edit applies to the current version.
    """
    group = await service.update_group(repo, group, body, if_match)
    response.headers["ETag"] = etag(group.version)
    return await service.read_group(live_goals, ctx, group, goals)


@router.post(
    "/{group_id}/transitions", dependencies=WRITE, responses=problems(IllegalStageTransition)
)
async def transition_group(
    group: GroupDep,
    body: GroupTransition,
    uow: UnitOfWorkDep,
    live_goals: LiveGoalsDep,
    ctx: ContextDep,
    response: Response,
) -> GroupDetail:
    """Move the group to its next stage; `dissolved` cancels its open tasks and live runs.
    Each move sends a `group.stage_changed` event to metrics-svc (a group reaching
    `converting` counts in the replication success rate, 复制成功率).

    The stages go planning → building → active → converting, one step at a time, and any stage
    can go to `dissolved`, which is final: the group's pending tasks are cancelled and its active
    or paused SOP runs end, in the same transaction, while its members, goals, runs and tasks
    stay readable. A move the current stage does not allow is a 409 naming the allowed ones.
    """
    group = await service.transition_group(uow, group, body.to, ctx.actor_id)
    response.headers["ETag"] = etag(group.version)
    return await service.read_group(live_goals, ctx, group, uow.repo(GoalRepository))


@router.post(
    "/{group_id}/goals",
    status_code=status.HTTP_201_CREATED,
    dependencies=WRITE,
    responses=problems(GroupDissolved),
)
async def add_goal(
    group: GroupDep,
    body: GoalCreate,
    goals: GoalRepoDep,
    live_goals: LiveGoalsDep,
    ctx: ContextDep,
) -> GoalRead:
    """Add a goal to the group: a metrics-svc metric, the value to reach and the day to reach
    it by. The answer already carries the goal's live standing from metrics-svc."""
    goal = await service.add_goal(goals, group, body)
    return (await service.read_goals(live_goals, ctx, group, [goal]))[0]


@router.get("/{group_id}/goals", dependencies=READ)
async def list_goals(
    group: GroupDep, goals: GoalRepoDep, live_goals: LiveGoalsDep, ctx: ContextDep
) -> list[GoalRead]:
    """The group's goals, each with its live standing from metrics-svc."""
    return await service.read_goals(live_goals, ctx, group, await goals.list_for_group(group.id))


@router.post(
    "/{group_id}/goals/{goal_id}/reached",
    dependencies=WRITE,
    responses=problems(GoalNotFound, GoalAlreadyReached, GroupDissolved),
)
async def mark_goal_reached(
    group: GroupDep,
    goal_id: uuid.UUID,
    uow: UnitOfWorkDep,
    live_goals: LiveGoalsDep,
    ctx: ContextDep,
) -> GoalRead:
    """Mark the goal reached, now: the team's own judgement that the group got there (its
    live standing from metrics-svc may say `achieved` well before anyone marks it).

    A `goal.reached` event goes to metrics-svc, whose replication success rate (复制成功率)
    counts a group started from an SOP template that reached a goal (or the `converting`
    stage) as a replication that worked. A goal is marked once (a second mark is a 409); a
    dissolved group's goals take no more marks."""
    goal = await service.mark_goal_reached(uow, group, goal_id, ctx.actor_id)
    return (await service.read_goals(live_goals, ctx, group, [goal]))[0]


@router.delete(
    "/{group_id}/goals/{goal_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=WRITE,
    responses=problems(GoalNotFound),
)
async def delete_goal(group: GroupDep, goal_id: uuid.UUID, goals: GoalRepoDep) -> None:
    """Remove a goal from the group (the group's events in metrics-svc stay as they are)."""
    await service.delete_goal(goals, group, goal_id)
