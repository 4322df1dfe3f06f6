"""Alembic glue shared by every service's ``migrations/env.py``.

The URL comes from ``config.attributes["database_url"]`` (tests, ``make run``) or the service's
settings; online migrations run on the async engine.

Two guarantees for rolling upgrades live here:

- **One migration run at a time.** An upgrade takes a transaction-scoped advisory lock first, so
  two runs started together (two migration Jobs, a Job and a developer) apply each revision
  once: the second waits, then finds the database at head and does nothing.
- **Which code the schema serves.** A revision that only adds (a table, a nullable column, an
  index), or swaps an index for another the same queries use, declares
  ``keeps_previous_code_working = True`` in its module. After each run the revisions whose code
  the schema still serves are written to ``alembic_compatibility``: the head, and walking down
  through such additive revisions, each one's parent. ``/readyz`` of a
  replica whose code is at one of them says ready, so old and new replicas serve side by side
  across an expand migration; a contract migration (anything else) leaves only its own code
  ready.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from logging.config import fileConfig
from pathlib import Path
from typing import Protocol

from alembic import command, context
from alembic.config import Config
from alembic.script import Script, ScriptDirectory
from sqlalchemy import MetaData, pool, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

from servicekit.db import async_url

COMPATIBILITY_TABLE = "alembic_compatibility"
# The key of the advisory lock every migration run takes (advisory locks are per database, so one
# key serves every service). A fixed number, "MEDIAOPS" read as bytes, mod 2**63.
MIGRATION_LOCK_KEY = 0x4D45_4449_414F_5053
# What a revision module sets to say it only adds, so the previous revision's code keeps working.
ADDITIVE_MARKER = "keeps_previous_code_working"


def not_bookkeeping(name: str | None, type_: str, _: object) -> bool:
    """Alembic's ``include_name`` hook: the compatibility table is the migrations' own
    bookkeeping, like ``alembic_version``, never a model."""
    return not (type_ == "table" and name == COMPATIBILITY_TABLE)


def served_revisions(script: ScriptDirectory, heads: frozenset[str]) -> frozenset[str]:
    """The code revisions a schema at ``heads`` serves: the heads, and below each additive
    revision its parents (transitively)."""
    served: set[str] = set()
    todo = list(heads)
    while todo:
        revision = todo.pop()
        if revision in served:
            continue
        served.add(revision)
        found = script.get_revision(revision)
        if isinstance(found, Script) and getattr(found.module, ADDITIVE_MARKER, False):
            todo.extend(_parents(found))
    return frozenset(served)


def _parents(script: Script) -> tuple[str, ...]:
    down = script.down_revision
    if down is None:
        return ()
    return (down,) if isinstance(down, str) else tuple(down)


def _record_compatibility(connection: Connection, script: ScriptDirectory) -> None:
    heads = frozenset(
        r[0] for r in connection.execute(text("SELECT version_num FROM alembic_version"))
    )
    connection.execute(
        text(f"CREATE TABLE IF NOT EXISTS {COMPATIBILITY_TABLE} (code_revision text PRIMARY KEY)")
    )
    connection.execute(text(f"DELETE FROM {COMPATIBILITY_TABLE}"))
    served = sorted(served_revisions(script, heads))
    if served:
        connection.execute(
            text(f"INSERT INTO {COMPATIBILITY_TABLE} (code_revision) VALUES (:revision)"),
            [{"revision": r} for r in served],
        )


class DatabaseSettings(Protocol):
    """What ``run_env`` needs of an app's settings: a service's ``ServiceSettings``, or any
    other app's settings that name its database (the gateway's)."""

    def resolved_database_url(self) -> str: ...


def run_env(target_metadata: MetaData, settings_factory: Callable[[], DatabaseSettings]) -> None:
    """The body of an app's ``env.py``."""
    config = context.config
    if config.config_file_name and "database_url" not in config.attributes:
        # The command line (`alembic upgrade head`) logs which revisions ran; programmatic
        # callers (tests, readiness) keep their own logging untouched.
        fileConfig(config.config_file_name, disable_existing_loggers=False)
    url = config.attributes.get("database_url") or settings_factory().resolved_database_url()
    if context.is_offline_mode():
        context.configure(
            url=async_url(url),
            target_metadata=target_metadata,
            literal_binds=True,
            include_name=not_bookkeeping,
        )
        with context.begin_transaction():
            context.run_migrations()
        return

    def do_run(connection: Connection) -> None:
        context.configure(
            connection=connection, target_metadata=target_metadata, include_name=not_bookkeeping
        )
        with context.begin_transaction():
            # Held to the end of this transaction, which holds every revision of the run
            # (PostgreSQL's DDL is transactional): a second run waits here, then reads the
            # version the first one committed.
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
            )
            context.run_migrations()
            _record_compatibility(connection, context.script)

    async def online() -> None:
        engine = create_async_engine(async_url(url), poolclass=pool.NullPool)
        async with engine.connect() as conn:
            await conn.run_sync(do_run)
            await conn.commit()
        await engine.dispose()

    asyncio.run(online())


def alembic_config(alembic_ini: Path, database_url: str | None = None) -> Config:
    cfg = Config(str(alembic_ini))
    cfg.set_main_option("script_location", str(alembic_ini.parent / "migrations"))
    if database_url:
        cfg.attributes["database_url"] = database_url
    return cfg


def upgrade_head(alembic_ini: Path, database_url: str) -> None:
    """``alembic upgrade head`` against ``database_url`` (not to be called inside an event loop)."""
    command.upgrade(alembic_config(alembic_ini, database_url), "heads")


def head_revisions(migrations_dir: Path) -> frozenset[str]:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir))
    return frozenset(ScriptDirectory.from_config(cfg).get_heads())


async def schema_serves(conn: AsyncConnection, code_heads: frozenset[str]) -> bool:
    """Whether the schema, as its last migration run recorded, still serves code at
    ``code_heads`` (an older replica's, across an additive migration)."""
    exists = await conn.scalar(text(f"SELECT to_regclass('{COMPATIBILITY_TABLE}') IS NOT NULL"))
    if not exists:
        return False
    rows = await conn.execute(text(f"SELECT code_revision FROM {COMPATIBILITY_TABLE}"))
    return code_heads <= frozenset(r[0] for r in rows)


async def current_revisions(conn: AsyncConnection) -> frozenset[str]:
    exists = await conn.scalar(text("SELECT to_regclass('alembic_version') IS NOT NULL"))
    if not exists:
        return frozenset()
    rows = await conn.execute(text("SELECT version_num FROM alembic_version"))
    return frozenset(r[0] for r in rows)
