"""Group rules: the stage machine, capacity, and what dissolving a group takes down with it."""

import uuid

from community_svc.groups.exceptions import (
    CapacityBelowMembers,
    GoalNotFound,
    GroupDissolved,
    GroupNotFound,
    IllegalStageTransition,
)
from community_svc.groups.models import Group, GroupGoal
from community_svc.groups.repository import GoalRepository, GroupRepository
from community_svc.groups.schemas import GoalCreate, GroupCreate, GroupUpdate
from community_svc.sop.repository import SopRunRepository
from community_svc.tasks.repository import TaskRepository
from servicekit.models import utcnow
from servicekit.versioning import check_if_match

# Forward along the lifecycle; a group can be dissolved from any stage, and never comes back.
NEXT_STAGES: dict[str, tuple[str, ...]] = {
    "planning": ("building", "dissolved"),
    "building": ("active", "dissolved"),
    "active": ("converting", "dissolved"),
    "converting": ("dissolved",),
    "dissolved": (),
}


async def create_group(repo: GroupRepository, data: GroupCreate) -> Group:
    return await repo.add(Group(**data.model_dump(), stage="planning", member_count=0))


async def update_group(
    repo: GroupRepository, group: Group, data: GroupUpdate, if_match: str | None
) -> Group:
    locked = await repo.lock(group.id)
    if locked is None:  # deleted between the read and the lock
        raise GroupNotFound(group.id)
    check_if_match(if_match, locked.version)
    if locked.stage == "dissolved":
        raise GroupDissolved(group.id, "edits")
    changes = data.model_dump(exclude_unset=True)
    # `null` is meaningful only for the leader (no leader); elsewhere it means "unchanged".
    changes = {k: v for k, v in changes.items() if v is not None or k == "leader_id"}
    capacity = changes.get("capacity")
    if capacity is not None and capacity < locked.member_count:
        raise CapacityBelowMembers(capacity, locked.member_count)
    for field, value in changes.items():
        setattr(locked, field, value)
    await repo.session.flush()
    return locked


async def transition_group(
    repo: GroupRepository, group: Group, to: str, actor_id: str | None
) -> Group:
    locked = await repo.lock(group.id)
    if locked is None:
        raise GroupNotFound(group.id)
    allowed = NEXT_STAGES[locked.stage]
    if to not in allowed:
        raise IllegalStageTransition(locked.stage, to, allowed)
    if to == "dissolved":
        await dissolve(repo, locked, actor_id)
    else:
        locked.stage = to
        await repo.session.flush()
    return locked


async def dissolve(repo: GroupRepository, group: Group, actor_id: str | None) -> None:
    """Cancel the group's open tasks and live runs; members and history stay as they are."""
    now = utcnow()
    runs = SopRunRepository(repo.session, repo.workspace_id)
    tasks = TaskRepository(repo.session, repo.workspace_id)
    # Runs before their tasks, the order stopping a run locks them in, so a dissolve and a
    # concurrent stop cannot each hold what the other waits for (a deadlock).
    await runs.cancel_live_runs(group.id)
    await tasks.cancel_open(group_id=group.id, at=now, by=actor_id)
    await repo.mark_dissolved(group, now)


async def add_goal(goals: GoalRepository, group: Group, data: GoalCreate) -> GroupGoal:
    if group.stage == "dissolved":
        raise GroupDissolved(group.id, "new goals")
    return await goals.add(GroupGoal(group_id=group.id, **data.model_dump()))


async def delete_goal(goals: GoalRepository, group: Group, goal_id: uuid.UUID) -> None:
    goal = await goals.get_in_group(group.id, goal_id)
    if goal is None:
        raise GoalNotFound(goal_id)
    await goals.delete(goal)
