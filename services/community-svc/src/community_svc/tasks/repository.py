import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Select, and_, or_, update

from community_svc.tasks.models import Task
from servicekit.pagination import Cursor, PageParams
from servicekit.repository import WorkspaceRepository


class TaskRepository(WorkspaceRepository[Task]):
    model = Task

    def list_tasks(
        self,
        *,
        assignee: str | None = None,
        status: str | None = None,
        group_id: uuid.UUID | None = None,
        run_id: uuid.UUID | None = None,
        member_id: uuid.UUID | None = None,
        due_before: datetime | None = None,
        due_after: datetime | None = None,
        overdue_at: datetime | None = None,
    ) -> Select[Task]:
        stmt = self.select()
        if assignee is not None:
            stmt = stmt.where(Task.assignee == assignee)
        if status is not None:
            stmt = stmt.where(Task.status == status)
        if group_id is not None:
            stmt = stmt.where(Task.group_id == group_id)
        if run_id is not None:
            stmt = stmt.where(Task.run_id == run_id)
        if member_id is not None:
            stmt = stmt.where(Task.member_id == member_id)
        if due_before is not None:
            stmt = stmt.where(Task.due_at < due_before)
        if due_after is not None:
            stmt = stmt.where(Task.due_at >= due_after)
        if overdue_at is not None:
            stmt = stmt.where(Task.status == "pending", Task.due_at < overdue_at)
        return stmt

    async def paginate_by_due(
        self, stmt: Select[Task], page: PageParams
    ) -> tuple[Sequence[Task], str | None]:
        """A page in due order (the to-do list's order): keyset on ``(due_at, id)``.

        The opaque servicekit cursor carries the last row's ``due_at`` in its time slot.
        """
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

    async def lock(self, task_id: uuid.UUID) -> Task | None:
        stmt = (
            self.select()
            .where(Task.id == task_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

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
    ) -> int:
        """Cancel the pending tasks of a group, a run or about a member, in one statement."""
        stmt = update(Task).where(Task.workspace_id == self.workspace_id, Task.status == "pending")
        if group_id is not None:
            stmt = stmt.where(Task.group_id == group_id)
        if run_id is not None:
            stmt = stmt.where(Task.run_id == run_id)
        if member_id is not None:
            stmt = stmt.where(Task.member_id == member_id)
        stmt = stmt.values(status="cancelled", closed_at=at, closed_by=by).execution_options(
            synchronize_session=False
        )
        return int((await self.session.execute(stmt)).rowcount)  # type: ignore[attr-defined]
