"""WorkspaceRepository: every read and write is confined to the repository's workspace."""

import uuid

from fixture_service.app import Thing, ThingRepository
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from servicekit.testing.headers import WORKSPACE_A, WORKSPACE_B


async def test_add_stamps_the_repository_workspace(db_session: AsyncSession) -> None:
    repo = ThingRepository(db_session, WORKSPACE_A)
    thing = await repo.add(Thing(name="海报", workspace_id=WORKSPACE_B))
    stored = await db_session.scalar(select(Thing.workspace_id).where(Thing.id == thing.id))
    assert stored == WORKSPACE_A
    assert thing.created_at is not None


async def test_get_finds_own_rows_and_never_another_workspace(db_session: AsyncSession) -> None:
    thing = await ThingRepository(db_session, WORKSPACE_A).add(Thing(name="x"))
    assert await ThingRepository(db_session, WORKSPACE_A).get(thing.id) is thing
    assert await ThingRepository(db_session, WORKSPACE_B).get(thing.id) is None
    assert await ThingRepository(db_session, WORKSPACE_A).get(uuid.uuid4()) is None


async def test_get_for_update_locks_and_returns_the_row(db_session: AsyncSession) -> None:
    thing = await ThingRepository(db_session, WORKSPACE_A).add(Thing(name="x"))
    assert await ThingRepository(db_session, WORKSPACE_A).get(thing.id, for_update=True) is thing


async def test_select_lists_only_the_workspace(db_session: AsyncSession) -> None:
    a = ThingRepository(db_session, WORKSPACE_A)
    b = ThingRepository(db_session, WORKSPACE_B)
    await a.add(Thing(name="a1"))
    await b.add(Thing(name="b1"))
    assert [t.name for t in (await db_session.scalars(a.select())).all()] == ["a1"]
    assert [t.name for t in (await db_session.scalars(b.select())).all()] == ["b1"]


async def test_delete_removes_the_row(db_session: AsyncSession) -> None:
    repo = ThingRepository(db_session, WORKSPACE_A)
    thing = await repo.add(Thing(name="x"))
    await repo.delete(thing)
    assert await db_session.scalar(select(Thing.id).where(Thing.id == thing.id)) is None
