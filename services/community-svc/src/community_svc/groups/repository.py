import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Select, update

from community_svc.groups.models import Group, GroupGoal
from servicekit.repository import WorkspaceRepository


class GroupRepository(WorkspaceRepository[Group]):
    model = Group

    def list_groups(
        self, *, stage: str | None, platform: str | None, kind: str | None
    ) -> Select[Group]:
        stmt = self.select()
        if stage is not None:
            stmt = stmt.where(Group.stage == stage)
        if platform is not None:
            stmt = stmt.where(Group.platform == platform)
        if kind is not None:
            stmt = stmt.where(Group.kind == kind)
        return stmt

    async def claim_seats(self, group_id: uuid.UUID, seats: int) -> int | None:
        """Take ``seats`` places in one atomic statement; the new member count, or None when
        the group is full, dissolved or absent (concurrent claims queue on the row lock and
        re-check the condition, so the count never passes capacity)."""
        stmt = (
            update(Group)
            .where(
                Group.workspace_id == self.workspace_id,
                Group.id == group_id,
                Group.stage != "dissolved",
                Group.member_count + seats <= Group.capacity,
            )
            .values(member_count=Group.member_count + seats)
            .returning(Group.member_count)
            .execution_options(synchronize_session=False)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def release_seat(self, group_id: uuid.UUID) -> None:
        stmt = (
            update(Group)
            .where(Group.workspace_id == self.workspace_id, Group.id == group_id)
            .values(member_count=Group.member_count - 1)
            .execution_options(synchronize_session=False)
        )
        await self.session.execute(stmt)

    async def lock(self, group_id: uuid.UUID) -> Group | None:
        """The group re-read under its row lock (serialises with joins, imports and edits)."""
        stmt = (
            self.select()
            .where(Group.id == group_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def mark_dissolved(self, group: Group, at: datetime) -> None:
        group.stage = "dissolved"
        group.dissolved_at = at
        await self.session.flush()


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
