"""Repository base: every query of a workspace-owned model is filtered by its workspace."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, ClassVar, Generic, Literal, Protocol, TypeVar

from sqlalchemy import (
    ColumnElement,
    CursorResult,
    Select,
    Update,
    and_,
    bindparam,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import Executable

from servicekit.db import plan_with_values
from servicekit.models import WorkspaceModel
from servicekit.pagination import Cursor, PageParams

M = TypeVar("M", bound=WorkspaceModel)


class _Paged(Protocol):
    """What a page's cursor is made of: a row of a model, or a view read without the ORM."""

    @property
    def created_at(self) -> datetime: ...

    @property
    def id(self) -> uuid.UUID: ...


P = TypeVar("P", bound=_Paged)

# What ``get_or_raise`` raises for a missing id: the domain's own error (``PostNotFound``).
Missing = Callable[[uuid.UUID], Exception]


def _given(equal: Mapping[str, object]) -> dict[str, object]:
    # An optional filter the caller left out (None) narrows nothing.
    return {column: value for column, value in equal.items() if value is not None}


def page_statement(stmt: Select[M], model: type[WorkspaceModel], *, after: bool) -> Select[M]:
    """``stmt`` as one page in creation order, its limit and (with ``after``) its cursor as
    bound parameters (``Repository.page_params``), so a list route's statement can be built
    once and reused: SQLAlchemy keys its compiled form on the statement object, and building
    and keying it per request showed in the profile of the simplest list."""
    if after:
        stmt = stmt.where(
            or_(
                model.created_at > bindparam("after_created_at"),
                and_(
                    model.created_at == bindparam("after_created_at"),
                    model.id > bindparam("after_id"),
                ),
            )
        )
    return stmt.order_by(model.created_at, model.id).limit(bindparam("limit"))


RowLock = Literal["update", "share"] | None


# A dict rather than functools.cache: mypy takes a model class for unhashable.
_BY_ID: dict[tuple[type[Any], RowLock], Select[Any]] = {}


def _by_id(model: type[WorkspaceModel], lock: RowLock) -> Select[Any]:
    """One row by ``:workspace_id`` and ``:id`` under ``lock``, built once per model and lock
    (see ``page_statement`` for why that matters)."""
    stmt = _BY_ID.get((model, lock))
    if stmt is None:
        stmt = select(model).where(
            model.workspace_id == bindparam("workspace_id"), model.id == bindparam("id")
        )
        if lock is not None:
            stmt = stmt.with_for_update(read=lock == "share")
        _BY_ID[(model, lock)] = stmt
    return stmt


class WorkspaceRepository(Generic[M]):
    """``Repo(session, workspace_id)``: a query that forgets tenancy cannot be written."""

    # Set by each subclass (``model = Coupon``); typed with the model so queries need no cast.
    model: type[M]
    # True where a page is of what one group, campaign or batch holds, which may be most of
    # the table: its statement is planned with its values (servicekit.db.plan_with_values).
    pages_planned_with_values: ClassVar[bool] = False

    def __init__(self, session: AsyncSession, workspace_id: str) -> None:
        self.session = session
        self.workspace_id = workspace_id

    def select(self, *where: ColumnElement[bool], **equal: object) -> Select[M]:
        """This workspace's rows matching ``where``; each keyword names a column that must equal
        its value, unless the value is None (a list route's filter left out)."""
        return (
            select(self.model)
            .where(self.model.workspace_id == self.workspace_id, *where)
            .filter_by(**_given(equal))
        )

    async def fetch_by_id(
        self, id: uuid.UUID, lock: RowLock = None, *, populate_existing: bool = False
    ) -> M | None:
        """One of this workspace's rows by id, under ``lock`` (``"update"``, ``"share"``, or
        none), through a statement built once per model and lock that every request reuses;
        ``populate_existing`` refreshes the copy the session already holds."""
        result = await self.session.scalars(
            _by_id(self.model, lock),
            {"workspace_id": self.workspace_id, "id": id},
            execution_options={"populate_existing": True} if populate_existing else {},
        )
        found: M | None = result.one_or_none()
        return found

    async def get(self, id: uuid.UUID, *, for_update: bool = False) -> M | None:
        return await self.fetch_by_id(id, "update" if for_update else None)

    async def lock(self, id: uuid.UUID) -> M | None:
        """The row re-read under its row lock, refreshing the copy this session already holds.

        Writers that take this lock first run one after the other, each seeing what the previous
        one committed (a stale If-Match is then a 412, a counter is checked against its latest
        value). ``populate_existing`` matters: without it the identity map would hand back the
        attributes read before the lock was granted.
        """
        return await self.fetch_by_id(id, "update", populate_existing=True)

    async def get_or_raise(self, id: uuid.UUID, missing: Missing, *, lock: bool = False) -> M:
        """The row, or ``missing(id)`` raised when the workspace has none (an id of another
        workspace is missing too); with ``lock``, re-read under its row lock (see ``lock``)."""
        found = await (self.lock(id) if lock else self.get(id))
        if found is None:
            raise missing(id)
        return found

    async def add(self, obj: M) -> M:
        obj.workspace_id = self.workspace_id
        self.session.add(obj)
        await self.session.flush()
        return obj

    async def update(self, obj: M, changes: Mapping[str, Any]) -> M:
        """Set ``changes`` (field → value) on ``obj`` and flush (see ``flush``)."""
        for field, value in changes.items():
            setattr(obj, field, value)
        await self.flush()
        return obj

    async def flush(self) -> None:
        """Write the request's changes so far to the database, inside its transaction: the
        answer then carries what the database gave them (the new version behind an ETag,
        defaults), and a constraint they break fails here. The commit point stays the one
        session dependency."""
        await self.session.flush()

    async def reload(self, obj: M) -> M:
        """``obj`` re-read from the database: for rows that a statement changed in SQL
        (``update_where``), bypassing the copy this session holds."""
        await self.session.refresh(obj)
        return obj

    async def delete(self, obj: M) -> None:
        await self.session.delete(obj)
        await self.session.flush()

    def update_where(self, *where: ColumnElement[bool], **equal: object) -> Update:
        """An UPDATE of this workspace's rows matching ``where`` and ``equal`` (as ``select``),
        done in SQL in one statement: concurrent callers queue on the row locks and re-check
        ``where`` against what the first committed. The session's copies are left as they were
        (``reload`` what an answer shows)."""
        return (
            update(self.model)
            .where(self.model.workspace_id == self.workspace_id, *where)
            .filter_by(**_given(equal))
            .execution_options(synchronize_session=False)
        )

    async def update_if(
        self, id: uuid.UUID, *conditions: ColumnElement[bool], **values: Any
    ) -> bool:
        """Set ``values`` on row ``id`` only while ``conditions`` hold (a move of a state machine
        under contention: of N racers exactly one wins); whether this call changed it."""
        stmt = (
            self.update_where(self.model.id == id, *conditions)
            .values(**values)
            .returning(self.model.id)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none() is not None

    async def paginate(self, stmt: Select[M], page: PageParams) -> tuple[Sequence[M], str | None]:
        """One page of ``stmt`` in creation order, and the cursor of the next page (or None)."""
        if self.pages_planned_with_values:
            await plan_with_values(self.session)
        stmt = page_statement(stmt, self.model, after=page.cursor is not None)
        return self.page_of((await self.session.scalars(stmt, self.page_params(page))).all(), page)

    @staticmethod
    def page_params(page: PageParams) -> dict[str, Any]:
        """The parameters of a prebuilt page statement (``page_statement``): ``limit`` (one more
        than the page, to know whether another follows) and the cursor's ``after_created_at``
        and ``after_id`` when there is one."""
        params: dict[str, Any] = {"limit": page.limit + 1}
        if page.cursor is not None:
            params["after_created_at"] = page.cursor.created_at
            params["after_id"] = page.cursor.id
        return params

    @staticmethod
    def page_of(rows: Sequence[P], page: PageParams) -> tuple[Sequence[P], str | None]:
        """A page from up to ``page.limit + 1`` rows in creation order, and the next cursor."""
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
