"""WorkspaceRepository: every read and write is confined to the repository's workspace."""

import uuid

import pytest
from fixture_service.app import Thing, ThingRepository
from sqlalchemy import select, update
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


async def test_select_skips_filters_left_out_and_stays_in_the_workspace(
    db_session: AsyncSession,
) -> None:
    a = ThingRepository(db_session, WORKSPACE_A)
    await a.add(Thing(name="a1"))
    await a.add(Thing(name="a2"))
    await ThingRepository(db_session, WORKSPACE_B).add(Thing(name="a1"))
    assert [t.name for t in await db_session.scalars(a.select(name="a1"))] == ["a1"]
    assert sorted(t.name for t in await db_session.scalars(a.select(name=None))) == ["a1", "a2"]
    found = (await db_session.scalars(a.select(Thing.name.like("a%"), name="a2"))).all()
    assert [(t.name, t.workspace_id) for t in found] == [("a2", WORKSPACE_A)]


class ThingMissing(Exception):
    def __init__(self, thing_id: uuid.UUID) -> None:
        super().__init__(f"thing {thing_id} does not exist")


async def test_get_or_raise_raises_the_domains_error_for_another_workspaces_id(
    db_session: AsyncSession,
) -> None:
    thing = await ThingRepository(db_session, WORKSPACE_A).add(Thing(name="x"))
    repo_a = ThingRepository(db_session, WORKSPACE_A)
    assert await repo_a.get_or_raise(thing.id, ThingMissing) is thing
    assert await repo_a.get_or_raise(thing.id, ThingMissing, lock=True) is thing
    with pytest.raises(ThingMissing, match=str(thing.id)):
        await ThingRepository(db_session, WORKSPACE_B).get_or_raise(thing.id, ThingMissing)


async def test_lock_reads_what_sql_changed_over_the_sessions_copy(
    db_session: AsyncSession,
) -> None:
    repo = ThingRepository(db_session, WORKSPACE_A)
    thing = await repo.add(Thing(name="before"))
    await db_session.execute(
        update(Thing)
        .where(Thing.id == thing.id)
        .values(name="after")
        .execution_options(synchronize_session=False)
    )
    assert thing.name == "before"  # the session's copy, not yet re-read
    locked = await repo.lock(thing.id)
    assert locked is thing
    assert locked.name == "after"


async def test_update_where_and_update_if_change_only_the_workspaces_rows(
    db_session: AsyncSession,
) -> None:
    a = ThingRepository(db_session, WORKSPACE_A)
    b = ThingRepository(db_session, WORKSPACE_B)
    mine = await a.add(Thing(name="open"))
    theirs = await b.add(Thing(name="open"))
    assert await a.update_if(theirs.id, Thing.name == "open", name="closed") is False
    assert await a.update_if(mine.id, Thing.name == "open", name="closed") is True
    # The condition no longer holds: a second racer loses.
    assert await a.update_if(mine.id, Thing.name == "open", name="closed") is False
    await db_session.execute(a.update_where(name="closed").values(name="archived"))
    assert (await a.reload(mine)).name == "archived"
    assert (await b.reload(theirs)).name == "open"


async def test_update_sets_the_changes_and_flushes_them(db_session: AsyncSession) -> None:
    repo = ThingRepository(db_session, WORKSPACE_A)
    thing = await repo.add(Thing(name="x"))
    await repo.update(thing, {"name": "y"})
    stored = await db_session.scalar(select(Thing.name).where(Thing.id == thing.id))
    assert stored == "y"
