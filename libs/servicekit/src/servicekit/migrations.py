"""Alembic glue shared by every service's ``migrations/env.py``.

The URL comes from ``config.attributes["database_url"]`` (tests, ``make run``) or the service's
settings; online migrations run on the async engine.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from logging.config import fileConfig
from pathlib import Path
from typing import Protocol

from alembic import command, context
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, pool, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

from servicekit.db import async_url


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
        context.configure(url=async_url(url), target_metadata=target_metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return

    def do_run(connection: Connection) -> None:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()

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


async def current_revisions(conn: AsyncConnection) -> frozenset[str]:
    exists = await conn.scalar(text("SELECT to_regclass('alembic_version') IS NOT NULL"))
    if not exists:
        return frozenset()
    rows = await conn.execute(text("SELECT version_num FROM alembic_version"))
    return frozenset(r[0] for r in rows)
