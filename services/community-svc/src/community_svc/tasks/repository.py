import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Select, and_, or_

from community_svc.tasks.models import Task
from community_svc.tasks.vocabulary import TaskStatus
from servicekit.db import plan_with_values
from servicekit.pagination import Cursor, PageParams
from servicekit.repository import WorkspaceRepository


class TaskRepository(WorkspaceRepository[Task]):
    model = Task

    def list_tasks(
        self,
        *,
        assignee: str | None = None,
        status: TaskStatus | None = None,
        group_id: uuid.UUID | None = None,
        run_id: uuid.UUID | None = None,
        member_id: uuid.UUID | None = None,
        due_before: datetime | None = None,
        due_after: datetime | None = None,
        overdue_at: datetime | None = None,
    ) -> Select[Task]:
        stmt = self.select(
            assignee=assignee,
            status=status,
            group_id=group_id,
            run_id=run_id,
            member_id=member_id,
        )
        if due_before is not None:
            stmt = stmt.where(Task.due_at < due_before)
        if due_after is not None:
            stmt = stmt.where(Task.due_at >= due_after)
        if overdue_at is not None:
            stmt = stmt.where(Task.status == TaskStatus.PENDING, Task.due_at < overdue_at)
        return stmt

    async def paginate_by_due(
        self, stmt: Select[Task], page: PageParams
    ) -> tuple[Sequence[Task], str | None]:
        """A page in due order (the to-do list's order): keyset on ``(due_at, id)``.

        The opaque servicekit cursor carries the last row's ``due_at`` in its time slot.
        Planned with its values: one group or run may hold most of the tasks
        (``servicekit.db.plan_with_values``).
        """
        await plan_with_values(self.session)
        if page.cursor is not None:
            c = page.cursor
            stmt = stmt.where(
                or_(Task.due_at > c.created_at, and_(Task.due_at == c.created_at, Task.id > c.id))
            )
        stmt = stmt.order_by(Task.due_at, Task.id).limit(page.limit + 1)
        rows = (await self.session.execute(stmt)).scalars().all()
        if len(rows) <= page.limit:
            return rows, None
        last = rows[page.limit - 1]
        return rows[: page.limit], Cursor(last.due_at, last.id).encode()

    async def add_many(self, tasks: Sequence[Task]) -> None:
        for task in tasks:
            task.workspace_id = self.workspace_id
        self.session.add_all(tasks)
        await self.session.flush()

    async def cancel_open(
        self,
        *,
        at: datetime,
        by: str | None,
        group_id: uuid.UUID | None = None,
        run_id: uuid.UUID | None = None,
        member_id: uuid.UUID | None = None,
    ) -> None:
        """Cancel the pending tasks of a group, a run or about a member, in one statement."""
        stmt = self.update_where(
            Task.status == TaskStatus.PENDING, group_id=group_id, run_id=run_id, member_id=member_id
        ).values(status=TaskStatus.CANCELLED, closed_at=at, closed_by=by)
        await self.session.execute(stmt)
