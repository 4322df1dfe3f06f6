"""Where test databases come from: ``TEST_DATABASE_URL``, else testcontainers when a Docker
engine answers, else the embedded PostgreSQL (the default on a fresh machine)."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from servicekit.db import async_url
from servicekit.embedded_pg import ensure_database


def repo_root(start: Path | None = None) -> Path:
    """The workspace root (the folder holding ``uv.lock``), or the current folder."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "uv.lock").exists():
            return folder
    return here


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


async def _recreate(admin_url: str, name: str) -> None:
    dsn = async_url(admin_url).replace("postgresql+asyncpg://", "postgresql://", 1)
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()


def _docker_available() -> bool:
    if os.environ.get("MEDIAOPS_TEST_NO_DOCKER"):
        return False
    try:
        import docker

        docker.from_env(timeout=2).ping()
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
        from testcontainers.postgres import PostgresContainer

        with PostgresContainer("postgres:16-alpine", driver="asyncpg") as pg:
            yield "testcontainers", pg.get_connection_url()
        return
    data_dir = Path(os.environ.get("MEDIAOPS_TEST_PG_DIR", repo_root() / "var" / "test-pg"))
    # keep_running=False: the server stops when the last test process lets go of it.
    yield "embedded", ensure_database(data_dir, "postgres", keep_running=False)


def create_test_database(admin_url: str, name: str) -> str:
    """Drop and create database ``name`` next to ``admin_url``; return its URL."""
    asyncio.run(_recreate(admin_url, name))
    return _with_database(admin_url, name)
