"""Rolling upgrades: old and new replicas both ready across an additive migration, only the new
code after a contracting one, and two migration runs at once applying each revision once."""

from __future__ import annotations

import asyncio
import concurrent.futures
import shutil
import subprocess
import sys
import textwrap
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fixture_service.app import HEAD_REVISION, MIGRATIONS_DIR, Settings, create_app
from sqlalchemy import NullPool, text
from sqlalchemy.ext.asyncio import create_async_engine

from servicekit.app import create_service_app
from servicekit.db import async_url
from servicekit.migrations import (
    COMPATIBILITY_TABLE,
    alembic_config,
    head_revisions,
    served_revisions,
    upgrade_head,
)

ADD_NOTE = "f004_note"
DROP_NOTE = "f005_drop_note"


def revision_file(revision: str, down: str, body: str, *, additive: bool) -> str:
    marker = "keeps_previous_code_working = True\n" if additive else ""
    return (
        textwrap.dedent(
            f'''\
        """{revision}"""

        import sqlalchemy as sa
        from alembic import op

        revision = "{revision}"
        down_revision = "{down}"
        branch_labels = None
        depends_on = None
        '''
        )
        + marker
        + "\n\ndef upgrade() -> None:\n"
        + textwrap.indent(body, "    ")
        + ("\n\ndef downgrade() -> None:\n    pass\n")
    )


def code_release(root: Path, name: str, *revisions: tuple[str, str, str, bool]) -> Path:
    """A copy of the fixture service's migrations plus ``revisions``: the migrations folder of a
    later release of its code. Returns its ``alembic.ini``."""
    release = root / name
    shutil.copytree(MIGRATIONS_DIR, release / "migrations")
    shutil.copy(MIGRATIONS_DIR.parent / "alembic.ini", release / "alembic.ini")
    for revision, down, body, additive in revisions:
        path = release / "migrations" / "versions" / f"{revision}.py"
        path.write_text(revision_file(revision, down, body, additive=additive))
    return release / "alembic.ini"


ADD = (ADD_NOTE, HEAD_REVISION, 'op.add_column("thing", sa.Column("note", sa.Text()))', True)
DROP = (DROP_NOTE, ADD_NOTE, 'op.drop_column("thing", "note")', False)


def upgrade(alembic_ini: Path, url: str) -> None:
    with concurrent.futures.ThreadPoolExecutor(1) as pool:  # Alembic runs its own event loop
        pool.submit(upgrade_head, alembic_ini, url).result()


@asynccontextmanager
async def replica(url: str, alembic_ini: Path | None) -> AsyncIterator[httpx.AsyncClient]:
    """A running replica of the fixture service whose code is at ``alembic_ini``'s head (the
    fixture's own head when None)."""
    settings = Settings(database_url=url, log_json=False, relay_enabled=False)
    app = (
        create_app(settings)
        if alembic_ini is None
        else create_service_app(
            settings,
            title="fixture, a later release",
            routers=[],
            migrations_dir=alembic_ini.parent / "migrations",
        )
    )
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://svc") as client:
            yield client


async def ready(url: str, alembic_ini: Path | None) -> tuple[int, str]:
    async with replica(url, alembic_ini) as client:
        r = await client.get("/readyz")
    return r.status_code, r.json()["checks"]["migrations"]


@pytest.fixture
def expand_url(scratch_database: Callable[[str], str]) -> str:
    return scratch_database("upgrade_expand")


async def test_old_and_new_replicas_are_both_ready_across_an_added_column(
    expand_url: str, tmp_path: Path
) -> None:
    url = expand_url
    old = None  # the fixture's own code, at HEAD_REVISION
    new = code_release(tmp_path, "new", ADD)
    newest = code_release(tmp_path, "newest", ADD, DROP)
    upgrade(MIGRATIONS_DIR.parent / "alembic.ini", url)
    assert await ready(url, old) == (200, "ok")
    # The new release before its migration ran: it needs the column, so it waits.
    status, detail = await ready(url, new)
    assert status == 503
    assert ADD_NOTE in detail

    upgrade(new, url)  # the expand step: adds a nullable column
    assert await ready(url, new) == (200, "ok")
    assert await ready(url, old) == (200, "ok"), "the old replicas must keep serving"

    upgrade(newest, url)  # the contract step: drops it, which only the newest code survives
    assert await ready(url, newest) == (200, "ok")
    for release in (old, new):
        status, detail = await ready(url, release)
        assert status == 503, release
        assert DROP_NOTE in detail


def test_what_the_schema_serves_walks_down_additive_revisions_only(tmp_path: Path) -> None:
    from alembic.script import ScriptDirectory

    ini = code_release(tmp_path, "r", ADD, DROP)
    script = ScriptDirectory.from_config(alembic_config(ini))
    assert served_revisions(script, frozenset({ADD_NOTE})) == {ADD_NOTE, HEAD_REVISION}
    assert served_revisions(script, frozenset({DROP_NOTE})) == {DROP_NOTE}
    # The fixture's own revisions declare nothing: each serves only its own code.
    assert served_revisions(script, frozenset({HEAD_REVISION})) == {HEAD_REVISION}
    assert head_revisions(ini.parent / "migrations") == {DROP_NOTE}


def test_migrations_started_together_apply_each_revision_once(
    scratch_database: Callable[[str], str], tmp_path: Path
) -> None:
    url = scratch_database("upgrade_race")
    # A slow revision that counts its own runs: without the lock the runners would all start
    # from an empty database and all but one fail on "relation already exists".
    slow = (
        "f004_slow",
        HEAD_REVISION,
        'op.execute("CREATE TABLE upgrade_run (n int)")\n'
        'op.execute("INSERT INTO upgrade_run VALUES (1)")\n'
        'op.execute("SELECT pg_sleep(0.3)")',
        True,
    )
    ini = code_release(tmp_path, "slow", slow)
    # Separate processes, as two migration Jobs would be (Alembic's context is process-wide).
    run = (
        "from pathlib import Path; from servicekit.migrations import upgrade_head; "
        f"upgrade_head(Path({str(ini)!r}), {url!r})"
    )
    runners = [subprocess.Popen([sys.executable, "-c", run]) for _ in range(4)]
    assert [p.wait(timeout=60) for p in runners] == [0, 0, 0, 0]  # none failed

    async def read() -> tuple[list[str], int, list[str]]:
        engine = create_async_engine(async_url(url), poolclass=NullPool)
        try:
            async with engine.connect() as conn:
                versions = list(await conn.scalars(text("SELECT version_num FROM alembic_version")))
                runs = await conn.scalar(text("SELECT count(*) FROM upgrade_run"))
                served = list(
                    await conn.scalars(
                        text(f"SELECT code_revision FROM {COMPATIBILITY_TABLE} ORDER BY 1")
                    )
                )
                return versions, int(runs or 0), served
        finally:
            await engine.dispose()

    versions, runs, served = asyncio.run(read())
    assert versions == ["f004_slow"]
    assert runs == 1
    assert served == sorted(["f004_slow", HEAD_REVISION])
