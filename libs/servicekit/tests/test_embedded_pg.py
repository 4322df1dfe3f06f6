"""The embedded PostgreSQL: databases made on demand, and the ``url`` command.

One fresh server for the module (initdb takes a few seconds), stopped at the end. As root,
pgserver runs postgres as the ``pgserver`` user and opens the parent folders for it.
"""

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from servicekit import embedded_pg
from servicekit.embedded_pg import ensure_database, server_url, stop


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("embedded") / "pg"
    yield folder
    stop(folder)


async def current_database(url: str) -> str:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            return str(await conn.scalar(text("SELECT current_database()")))
    finally:
        await engine.dispose()


async def test_ensure_database_creates_it_once(data_dir: Path) -> None:
    url = ensure_database(data_dir, "svc_one")
    assert url.startswith("postgresql+asyncpg://")
    assert await current_database(url) == "svc_one"

    engine = create_async_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.execute(text("CREATE TABLE kept (n int)"))
    finally:
        await engine.dispose()

    # Again: the same URL, and the database (with its table) is left alone.
    assert ensure_database(data_dir, "svc_one") == url
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            assert await conn.scalar(text("SELECT to_regclass('kept') IS NOT NULL")) is True
    finally:
        await engine.dispose()


async def test_recreate_starts_the_database_empty(data_dir: Path) -> None:
    url = ensure_database(data_dir, "svc_two")
    engine = create_async_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.execute(text("CREATE TABLE dropped (n int)"))
    finally:
        await engine.dispose()
    url = ensure_database(data_dir, "svc_two", recreate=True)
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            assert await conn.scalar(text("SELECT to_regclass('dropped') IS NULL")) is True
    finally:
        await engine.dispose()


@pytest.mark.parametrize(
    "name",
    ["Content", "content-svc", "1st", "", "a" * 64, "abc\n", 'x"; DROP DATABASE postgres; --'],
)
def test_bad_database_names_are_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str
) -> None:
    def no_server(*args: object, **kwargs: object) -> None:
        raise AssertionError("a bad name reached the server")

    monkeypatch.setattr(embedded_pg, "_server", no_server)
    with pytest.raises(ValueError, match="database name must match"):
        ensure_database(tmp_path / "pg", name)


def test_server_url_names_the_database(data_dir: Path) -> None:
    assert re.match(r"^postgresql://postgres:@/other\?host=/", server_url(data_dir, "other"))


def test_url_command_prints_one_line_per_database(data_dir: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "servicekit.embedded_pg", "--data-dir", str(data_dir), "url", "x"],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    out = done.stdout
    # The module runs once: nothing imported it before runpy did (no RuntimeWarning that
    # `make run` would print).
    assert "RuntimeWarning" not in done.stderr, done.stderr
    assert re.fullmatch(r"x=postgresql\+asyncpg://postgres:@/x\?host=\S+\n", out), out
    assert out.strip().split("=", 1)[1] == ensure_database(data_dir, "x")


def test_url_command_can_print_env_variables(data_dir: Path) -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "servicekit.embedded_pg",
            "--data-dir",
            str(data_dir),
            "url",
            "content",
            "campaign",
            "--env-prefix-upper",
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    keys = [line.split("=", 1)[0] for line in out.splitlines()]
    assert keys == ["CONTENT_DATABASE_URL", "CAMPAIGN_DATABASE_URL"]
