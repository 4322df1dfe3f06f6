"""Where test databases come from: ``TEST_DATABASE_URL``, else testcontainers when a Docker
engine answers, else the embedded PostgreSQL (the default on a fresh machine)."""

from __future__ import annotations

import asyncio
import importlib
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import NullPool, text
from sqlalchemy.ext.asyncio import create_async_engine

from servicekit.db import async_url
from servicekit.embedded_pg import ensure_database
from servicekit.paths import repo_root

_DB_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


async def _recreate(admin_url: str, name: str, *, create: bool = True) -> None:
    # CREATE/DROP DATABASE cannot run inside a transaction block.
    engine = create_async_engine(
        async_url(admin_url), isolation_level="AUTOCOMMIT", poolclass=NullPool
    )
    try:
        async with engine.connect() as conn:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            if create:
                await conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        await engine.dispose()


def _docker_available() -> bool:
    if os.environ.get("MEDIAOPS_TEST_NO_DOCKER"):
        return False
    try:
        # Optional (the `testcontainers` extra): imported by name so neither is required.
        importlib.import_module("testcontainers.postgres")
        importlib.import_module("docker").from_env(timeout=2).ping()
        return True
    except Exception:
        return False


@contextmanager
def test_server_url() -> Iterator[tuple[str, str]]:
    """Yield ``(kind, admin_url)`` for a PostgreSQL server the tests may create databases on."""
    if url := os.environ.get("TEST_DATABASE_URL"):
        yield "external", url
        return
    if _docker_available():
        postgres = importlib.import_module("testcontainers.postgres")
        with postgres.PostgresContainer("postgres:16-alpine", driver="asyncpg") as pg:
            yield "testcontainers", pg.get_connection_url()
        return
    data_dir = Path(os.environ.get("MEDIAOPS_TEST_PG_DIR", repo_root() / "var" / "test-pg"))
    # keep_running=False: the server stops when the last test process lets go of it.
    yield "embedded", ensure_database(data_dir, "postgres", keep_running=False)


def create_test_database(admin_url: str, name: str) -> str:
    """Drop and create database ``name`` next to ``admin_url``; return its URL."""
    if not _DB_NAME.fullmatch(name):
        raise ValueError(f"database name must match {_DB_NAME.pattern} (got {name!r})")
    asyncio.run(_recreate(admin_url, name))
    return _with_database(admin_url, name)


def drop_test_database(admin_url: str, name: str) -> None:
    """Drop database ``name`` (a test run's own) if it exists."""
    if not _DB_NAME.fullmatch(name):
        raise ValueError(f"database name must match {_DB_NAME.pattern} (got {name!r})")
    asyncio.run(_recreate(admin_url, name, create=False))


def run_database_name(prefix: str) -> str:
    """A database name of this test run's own (``<prefix>_<pid>``), so runs side by side on one
    server (two checkouts, CI next to a developer) never drop each other's databases."""
    return f"{prefix}_{os.getpid()}"
