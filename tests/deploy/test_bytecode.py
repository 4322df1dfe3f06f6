"""Installed packages come compiled to bytecode (``[tool.uv] compile-bytecode``), so an app
process never compiles its dependencies on import: where PYTHONDONTWRITEBYTECODE is set (CI
images, containers) every start otherwise spent ~3 s of CPU compiling, and `make run`'s ten
workers starting at once outran uvicorn's health check of its workers."""

from __future__ import annotations

import importlib.util
from pathlib import Path


def test_a_module_nothing_imports_is_compiled_at_install() -> None:
    # SQLAlchemy's SQL Server dialect: no MediaOps process or test imports it, so its bytecode
    # can only come from the installation.
    spec = importlib.util.find_spec("sqlalchemy")
    assert spec is not None
    assert spec.origin is not None
    source = Path(spec.origin).parent / "dialects" / "mssql" / "base.py"
    assert source.is_file()
    compiled = Path(importlib.util.cache_from_source(str(source)))
    assert compiled.is_file(), f"{compiled} is missing: uv did not compile the installed packages"
