"""Repository base: every query of a workspace-owned model is filtered by its workspace."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any, Generic, TypeVar

from sqlalchemy import CursorResult, Select, and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import Executable

from servicekit.models import WorkspaceModel
from servicekit.pagination import Cursor, PageParams

M = TypeVar("M", bound=WorkspaceModel)


class WorkspaceRepository(Generic[M]):
    """``Repo(session, workspace_id)``: a query that forgets tenancy cannot be written."""

    # Set by each subclass (``model = Coupon``); typed with the model so queries need no cast.
    model: type[M]

    def __init__(self, session: AsyncSession, workspace_id: str) -> None:
        self.session = session
        self.workspace_id = workspace_id

    def select(self) -> Select[M]:
        return select(self.model).where(self.model.workspace_id == self.workspace_id)

    async def get(self, id: uuid.UUID, *, for_update: bool = False) -> M | None:
        stmt = self.select().where(self.model.id == id)
        if for_update:
            stmt = stmt.with_for_update()
        return (await self.session.scalars(stmt)).one_or_none()

    async def add(self, obj: M) -> M:
        obj.workspace_id = self.workspace_id
        self.session.add(obj)
        await self.session.flush()
        return obj

    async def delete(self, obj: M) -> None:
        await self.session.delete(obj)
        await self.session.flush()

    async def paginate(self, stmt: Select[M], page: PageParams) -> tuple[Sequence[M], str | None]:
        """One page of ``stmt`` in creation order, and the cursor of the next page (or None)."""
        model = self.model
        if page.cursor is not None:
            c = page.cursor
            stmt = stmt.where(
                or_(
                    model.created_at > c.created_at,
                    and_(model.created_at == c.created_at, model.id > c.id),
                )
            )
        stmt = stmt.order_by(model.created_at, model.id).limit(page.limit + 1)
        rows = (await self.session.scalars(stmt)).all()
        if len(rows) <= page.limit:
            return rows, None
        last = rows[page.limit - 1]
        return rows[: page.limit], Cursor(last.created_at, last.id).encode()


async def rows_changed(
    session: AsyncSession, statement: Executable, params: Mapping[str, Any] | None = None
) -> int:
    """How many rows an INSERT, UPDATE or DELETE without RETURNING changed (its cursor's
    rowcount); ``statement`` may be ``text()`` with ``params``."""
    result = await session.execute(statement, params)
    # Such a statement always answers with a cursor result; the check gives mypy its type.
    if not isinstance(result, CursorResult):
        raise TypeError(f"{type(result).__name__} carries no row count")
    return result.rowcount
