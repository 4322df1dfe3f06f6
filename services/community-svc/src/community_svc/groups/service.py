"""Group rules: the stage machine, capacity, and what dissolving a group takes down with it;
and a group as read, each goal with its live progress from metrics-svc."""

import uuid
from collections.abc import Sequence

from community_svc.events import DomainEvent
from community_svc.groups.exceptions import (
    CapacityBelowMembers,
    GoalAlreadyReached,
    GoalNotFound,
    GroupDissolved,
    GroupNotFound,
    IllegalStageTransition,
)
from community_svc.groups.goals import LiveGoals
from community_svc.groups.models import Group, GroupGoal
from community_svc.groups.repository import GoalRepository, GroupRepository
from community_svc.groups.schemas import (
    GoalCreate,
    GoalRead,
    GroupCreate,
    GroupDetail,
    GroupRead,
    GroupUpdate,
)
from community_svc.groups.vocabulary import GroupStage
from community_svc.sop.repository import SopRunRepository
from community_svc.tasks.repository import TaskRepository
from servicekit.context import RequestContext
from servicekit.models import utcnow
from servicekit.unitofwork import UnitOfWork
from servicekit.versioning import check_if_match

# Forward along the lifecycle; a group can be dissolved from any stage, and never comes back.
NEXT_STAGES: dict[GroupStage, tuple[GroupStage, ...]] = {
    GroupStage.PLANNING: (GroupStage.BUILDING, GroupStage.DISSOLVED),
    GroupStage.BUILDING: (GroupStage.ACTIVE, GroupStage.DISSOLVED),
    GroupStage.ACTIVE: (GroupStage.CONVERTING, GroupStage.DISSOLVED),
    GroupStage.CONVERTING: (GroupStage.DISSOLVED,),
    GroupStage.DISSOLVED: (),
}


async def read_goals(
    live_goals: LiveGoals, ctx: RequestContext, group: Group, goals: Sequence[GroupGoal]
) -> list[GoalRead]:
    """The goals as read, each with its live progress from metrics-svc (none asked for when
    there are none)."""
    return await live_goals.of_group(ctx, group, goals) if goals else []


async def read_group(
    live_goals: LiveGoals, ctx: RequestContext, group: Group, goals: GoalRepository | None
) -> GroupDetail:
    """The group with its goals (``goals`` None: a group made this moment, which has none)."""
    base = GroupRead.model_validate(group)
    rows = await goals.list_for_group(base.id) if goals is not None else []
    return GroupDetail(**base.model_dump(), goals=await read_goals(live_goals, ctx, group, rows))


async def create_group(repo: GroupRepository, data: GroupCreate) -> Group:
    return await repo.add(Group(**data.model_dump(), stage=GroupStage.PLANNING, member_count=0))


async def update_group(
    repo: GroupRepository, group: Group, data: GroupUpdate, if_match: str | None
) -> Group:
    # Under the row lock; a group deleted since it was read is missing.
    locked = await repo.get_or_raise(group.id, GroupNotFound, lock=True)
    check_if_match(if_match, locked.version)
    if locked.stage == GroupStage.DISSOLVED:
        raise GroupDissolved(group.id, "edits")
    changes = data.model_dump(exclude_unset=True)
    # `null` is meaningful only for the leader (no leader); elsewhere it means "unchanged".
    changes = {k: v for k, v in changes.items() if v is not None or k == "leader_id"}
    capacity = changes.get("capacity")
    if capacity is not None and capacity < locked.member_count:
        raise CapacityBelowMembers(capacity, locked.member_count)
    return await repo.update(locked, changes)


async def transition_group(
    uow: UnitOfWork, group: Group, to: GroupStage, actor_id: str | None
) -> Group:
    groups = uow.repo(GroupRepository)
    locked = await groups.get_or_raise(group.id, GroupNotFound, lock=True)
    allowed = NEXT_STAGES[GroupStage(locked.stage)]
    if to not in allowed:
        raise IllegalStageTransition(locked.stage, to, allowed)
    before = locked.stage
    if to == GroupStage.DISSOLVED:
        await dissolve(uow, locked, actor_id)
    else:
        locked.stage = to
        await groups.flush()
    # metrics-svc counts a group that reached `converting` as a replication that worked.
    await uow.record(
        DomainEvent.GROUP_STAGE_CHANGED,
        {
            "actor_id": actor_id,
            "group_id": str(locked.id),
            "stage": str(to),
            "from_stage": str(before),
        },
        occurred_at=locked.dissolved_at if to == GroupStage.DISSOLVED else utcnow(),
    )
    return locked


async def dissolve(uow: UnitOfWork, group: Group, actor_id: str | None) -> None:
    """Cancel the group's open tasks and live runs; members and history stay as they are."""
    now = utcnow()
    # Runs before their tasks, the order stopping a run locks them in, so a dissolve and a
    # concurrent stop cannot each hold what the other waits for (a deadlock).
    await uow.repo(SopRunRepository).cancel_live_runs(group.id)
    await uow.repo(TaskRepository).cancel_open(group_id=group.id, at=now, by=actor_id)
    await uow.repo(GroupRepository).mark_dissolved(group, now)


async def add_goal(goals: GoalRepository, group: Group, data: GoalCreate) -> GroupGoal:
    if group.stage == GroupStage.DISSOLVED:
        raise GroupDissolved(group.id, "new goals")
    return await goals.add(GroupGoal(group_id=group.id, **data.model_dump()))


async def mark_goal_reached(
    uow: UnitOfWork, group: Group, goal_id: uuid.UUID, actor_id: str | None
) -> GroupGoal:
    """Record that the goal was reached (once), with a ``goal.reached`` event for metrics-svc's
    replication success rate."""
    if group.stage == GroupStage.DISSOLVED:
        raise GroupDissolved(group.id, "changes to its goals")
    goals = uow.repo(GoalRepository)
    goal = await goals.get_in_group(group.id, goal_id)
    if goal is None:
        raise GoalNotFound(goal_id)
    at = utcnow()
    if not await goals.mark_reached(goal, at, actor_id):
        raise GoalAlreadyReached(goal_id)
    goal = await goals.reload(goal)
    await uow.record(
        DomainEvent.GOAL_REACHED,
        {
            "actor_id": actor_id,
            "group_id": str(group.id),
            "goal_id": str(goal.id),
            "metric": goal.metric,
            "target": str(goal.target),
            "due_date": goal.due_date.isoformat(),
            "reached_at": at.isoformat(),
        },
        occurred_at=at,
    )
    return goal


async def delete_goal(goals: GoalRepository, group: Group, goal_id: uuid.UUID) -> None:
    goal = await goals.get_in_group(group.id, goal_id)
    if goal is None:
        raise GoalNotFound(goal_id)
    await goals.delete(goal)
