import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Select

from community_svc.groups.models import Group, GroupGoal
from community_svc.groups.vocabulary import GroupKind, GroupPlatform, GroupStage
from servicekit.repository import WorkspaceRepository


class GroupRepository(WorkspaceRepository[Group]):
    model = Group

    def list_groups(
        self,
        *,
        stage: GroupStage | None,
        platform: GroupPlatform | None,
        kind: GroupKind | None,
    ) -> Select[Group]:
        return self.select(stage=stage, platform=platform, kind=kind)

    async def claim_seats(self, group_id: uuid.UUID, seats: int) -> int | None:
        """Take ``seats`` places in one atomic statement; the new member count, or None when
        the group is full, dissolved or absent (concurrent claims queue on the row lock and
        re-check the condition, so the count never passes capacity)."""
        stmt = (
            self.update_where(
                Group.id == group_id,
                Group.stage != GroupStage.DISSOLVED,
                Group.member_count + seats <= Group.capacity,
            )
            .values(member_count=Group.member_count + seats)
            .returning(Group.member_count)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def release_seat(self, group_id: uuid.UUID) -> None:
        stmt = self.update_where(Group.id == group_id).values(member_count=Group.member_count - 1)
        await self.session.execute(stmt)

    async def mark_dissolved(self, group: Group, at: datetime) -> None:
        group.stage = GroupStage.DISSOLVED
        group.dissolved_at = at
        await self.flush()


class GoalRepository(WorkspaceRepository[GroupGoal]):
    model = GroupGoal

    async def list_for_group(self, group_id: uuid.UUID) -> Sequence[GroupGoal]:
        stmt = (
            self.select()
            .where(GroupGoal.group_id == group_id)
            # short_term sorts before long_term in reverse alphabetical order.
            .order_by(GroupGoal.horizon.desc(), GroupGoal.due_date, GroupGoal.id)
        )
        return (await self.session.execute(stmt)).scalars().all()

    async def get_in_group(self, group_id: uuid.UUID, goal_id: uuid.UUID) -> GroupGoal | None:
        stmt = self.select().where(GroupGoal.group_id == group_id, GroupGoal.id == goal_id)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def mark_reached(self, goal: GroupGoal, at: datetime, by: str | None) -> bool:
        """Set the goal reached if it is not yet, in one statement: of concurrent marks exactly
        one wins (and records the event); whether this call did."""
        return await self.update_if(
            goal.id, GroupGoal.reached_at.is_(None), reached_at=at, reached_by=by
        )
