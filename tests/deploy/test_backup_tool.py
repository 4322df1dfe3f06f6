"""``servicekit.backup`` (``make backup``): the pg_dump that fits the server is picked, a dump
restores into a fresh database the service answers from exactly as from the original, and a
database that already has tables is refused and left as it was. (The operator's procedure with
the bare tools, over every database of a loaded stack: test_backup_restore.py.)"""

from __future__ import annotations

import asyncio
import concurrent.futures
import importlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from asgi_lifespan import LifespanManager

from servicekit import backup
from servicekit.migrations import upgrade_head
from servicekit.settings import DEVELOPMENT, ENVIRONMENT_VARIABLE
from servicekit.testing.databases import (
    create_test_database,
    drop_test_database,
    run_database_name,
)
from servicekit.testing.databases import test_server_url as server_url
from servicekit.testing.headers import client_as_gateway

ROOT = Path(__file__).resolve().parents[2]
WORKSPACE = "ws-backup"
# service → (its write and read scopes, the collection written and read back)
SERVICES = {
    "content": (("content:read", "content:write"), "/v1/channels"),
    "metrics": (("metrics:read", "metrics:write"), "/v1/targets"),
}


@pytest.fixture(scope="module")
def databases() -> Iterator[Callable[[str], str]]:
    # The apps run with their development secrets, as in every package's tests.
    with pytest.MonkeyPatch.context() as env, server_url() as (_, admin_url):
        env.setenv(ENVIRONMENT_VARIABLE, DEVELOPMENT)
        made: list[str] = []

        def make(label: str) -> str:
            name = run_database_name(f"backup_{label}")
            made.append(name)
            return create_test_database(admin_url, name)

        yield make
        for name in made:
            drop_test_database(admin_url, name)


def create_app(service: str, url: str) -> Any:
    module = importlib.import_module(f"{service}_svc.main")
    config = importlib.import_module(f"{service}_svc.config")
    return module.create_app(config.Settings(database_url=url, log_json=False, relay_enabled=False))


async def exchange(service: str, url: str, write: bool) -> tuple[int, Any, int]:
    """Write one example resource (when ``write``), then read the collection back: the read's
    status and body, and ``/readyz``'s status."""
    scopes, path = SERVICES[service]
    app = create_app(service, url)
    async with LifespanManager(app) as manager:
        async with client_as_gateway(manager.app, WORKSPACE, scopes) as client:
            if write:
                # The documented example of the create body (every body schema has one).
                document = app.openapi()
                body = document["paths"][path]["post"]["requestBody"]["content"]
                name = body["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
                example = document["components"]["schemas"][name]["examples"][0]
                created = await client.post(path, json=example)
                assert created.status_code == 201, created.text
            read = await client.get(path)
            ready = await client.get("/readyz")
    return read.status_code, without_clock(read.json()), ready.status_code


def without_clock(page: dict[str, Any]) -> dict[str, Any]:
    """The page without what depends on the time of the read (a target's ``expected`` value
    grows with the clock), so two reads of the same rows compare equal."""
    return {
        **page,
        "items": [{k: v for k, v in i.items() if k != "expected"} for i in page["items"]],
    }


def migrate(service: str, url: str) -> None:
    ini = ROOT / "services" / f"{service}-svc" / "alembic.ini"
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(upgrade_head, ini, url).result()


@pytest.mark.parametrize("service", list(SERVICES))
def test_a_restored_database_answers_as_the_original(
    service: str, databases: Callable[[str], str], tmp_path: Path
) -> None:
    original = databases(f"{service}_original")
    migrate(service, original)
    before = asyncio.run(exchange(service, original, write=True))
    assert before[0] == 200
    assert before[1]["items"], "the example resource was written"
    assert before[2] == 200

    dump_file = backup.dump(original, tmp_path / f"{service}.dump")
    assert dump_file.stat().st_size > 0
    copy = databases(f"{service}_restored")
    backup.restore(copy, dump_file)

    # Same rows, same ids and versions, the schema at head (ready), nothing migrated again.
    assert asyncio.run(exchange(service, copy, write=False)) == before


def test_restore_refuses_a_database_that_has_tables(
    databases: Callable[[str], str], tmp_path: Path
) -> None:
    original = databases("content_refuse_src")
    migrate("content", original)
    dump_file = backup.dump(original, tmp_path / "content.dump")
    target = databases("content_refuse_dst")
    migrate("content", target)
    asyncio.run(exchange("content", target, write=True))
    before = asyncio.run(exchange("content", target, write=False))
    with pytest.raises(backup.BackupError, match=r"already has \d+ tables"):
        backup.restore(target, dump_file)
    assert asyncio.run(exchange("content", target, write=False)) == before


def test_the_command_line_says_what_is_missing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = ["restore", "--url", "postgresql://x@127.0.0.1:1/none", "--file", "/no/such.dump"]
    assert backup.main(missing) == 2
    assert "no such dump file" in capsys.readouterr().err
    for app in backup.APPS:
        monkeypatch.delenv(f"{app.upper()}_DATABASE_URL", raising=False)
    assert backup.main(["dump-all", "--dir", "/nonexistent"]) == 2
    assert "CONTENT_DATABASE_URL" in capsys.readouterr().err


def test_the_tool_picked_is_the_oldest_that_is_not_older_than_the_server(tmp_path: Path) -> None:
    dirs = []
    for major in (14, 15, 18):
        d = tmp_path / str(major)
        d.mkdir()
        tool = d / "pg_dump"
        tool.write_text(f"#!/bin/sh\necho 'pg_dump (PostgreSQL) {major}.3'\n")
        tool.chmod(0o755)
        dirs.append(d)
    assert backup.pg_tool("pg_dump", 15, dirs) == dirs[1] / "pg_dump"
    assert backup.pg_tool("pg_dump", 16, dirs) == dirs[2] / "pg_dump"
    with pytest.raises(backup.BackupError, match="PostgreSQL 19 or newer"):
        backup.pg_tool("pg_dump", 19, dirs)
