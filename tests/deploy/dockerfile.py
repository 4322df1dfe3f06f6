"""The Dockerfile read as its stages and instructions, and a stage's build replayed on this
machine, which has no Docker engine: its files copied (honouring .dockerignore) and its `uv`
commands run, with the container's /app mapped to a temporary folder.

Only the instructions the root Dockerfile uses are understood (FROM, ARG, ENV, WORKDIR, COPY,
RUN, USER, EXPOSE, HEALTHCHECK, ENTRYPOINT, CMD); anything else is an error, so a change to the
Dockerfile that this replay would silently skip fails the test instead.
"""

from __future__ import annotations

import fnmatch
import os
import re
import shlex
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"
KNOWN = {
    "FROM", "ARG", "ENV", "WORKDIR", "COPY", "RUN", "USER", "EXPOSE", "HEALTHCHECK", "ENTRYPOINT",
    "CMD",
}  # fmt: skip


@dataclass
class Instruction:
    keyword: str
    flags: dict[str, str]
    arguments: str


@dataclass
class Stage:
    image: str
    name: str
    instructions: list[Instruction] = field(default_factory=list)

    def all(self, keyword: str) -> list[Instruction]:
        return [i for i in self.instructions if i.keyword == keyword]


@dataclass
class Dockerfile:
    global_args: dict[str, str]
    stages: dict[str, Stage]

    @property
    def final(self) -> Stage:
        return list(self.stages.values())[-1]


def _logical_lines(text: str) -> list[str]:
    lines: list[str] = []
    current = ""
    for raw in text.splitlines():
        stripped = raw.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if raw.rstrip().endswith("\\"):
            current += raw.rstrip()[:-1] + " "
            continue
        lines.append(current + raw)
        current = ""
    assert not current, "the Dockerfile ends inside a continued line"
    return lines


def parse(path: Path = DOCKERFILE) -> Dockerfile:
    global_args: dict[str, str] = {}
    stages: dict[str, Stage] = {}
    stage: Stage | None = None
    for line in _logical_lines(path.read_text()):
        keyword, _, rest = line.strip().partition(" ")
        keyword = keyword.upper()
        assert keyword in KNOWN, f"Dockerfile instruction {keyword} is not replayed by this test"
        flags: dict[str, str] = {}
        rest = rest.strip()
        while m := re.match(r"--([a-z-]+)=(\S+)\s+", rest):
            flags[m.group(1)] = m.group(2)
            rest = rest[m.end() :]
        if keyword == "FROM":
            image, _, name = rest.partition(" AS ")
            stage = Stage(image.strip(), name.strip() or str(len(stages)))
            stages[stage.name] = stage
        elif stage is None:
            assert keyword == "ARG", f"{keyword} before the first FROM"
            name, _, default = rest.partition("=")
            global_args[name] = default
        else:
            stage.instructions.append(Instruction(keyword, flags, rest))
    return Dockerfile(global_args, stages)


def substitute(text: str, variables: dict[str, str]) -> str:
    """${NAME} and $NAME as the Dockerfile itself substitutes them in COPY, ENV and WORKDIR
    (a name it does not know, such as the base image's PATH, is left as written)."""
    return re.sub(
        r"\$\{(\w+)\}|\$(\w+)",
        lambda m: variables.get(m.group(1) or m.group(2), m.group(0)),
        text,
    )


def _ignored(relative: str, patterns: list[str]) -> bool:
    parts = PurePosixPath(relative).parts
    prefixes = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    for pattern in patterns:
        bare = pattern[3:] if pattern.startswith("**/") else None
        for prefix in prefixes:
            if fnmatch.fnmatchcase(prefix, pattern) or (
                bare is not None and fnmatch.fnmatchcase(PurePosixPath(prefix).name, bare)
            ):
                return True
    return False


def dockerignore() -> list[str]:
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    return [ln.strip().rstrip("/") for ln in lines if ln.strip() and not ln.startswith("#")]


def copy_tree(
    source: Path, destination: Path, ignore: list[str] | None = None, *, link: bool = False
) -> None:
    """``COPY source destination`` (a file or a folder's contents), leaving out what the build
    context would not hold (``ignore``: .dockerignore's patterns, for paths under ROOT).
    ``link``: hard links instead of copies (from an earlier stage's replay, which is thrown
    away: the same bytes, much faster)."""
    place = os.link if link else shutil.copy2
    if source.is_file():
        destination.parent.mkdir(parents=True, exist_ok=True)
        place(source, destination)
        return
    assert source.is_dir(), f"COPY: {source} does not exist"
    for path in sorted(source.rglob("*")):
        if ignore is not None and _ignored(path.relative_to(ROOT).as_posix(), ignore):
            continue
        target = destination / path.relative_to(source)
        if path.is_symlink():  # kept a link, as COPY keeps it (the venv's bin/python)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(path.readlink())
        elif path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        elif path.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            place(path, target)


@dataclass
class Replay:
    """One stage replayed with ``/`` of its container at ``root``."""

    root: Path
    args: dict[str, str]
    env: dict[str, str] = field(default_factory=dict)
    workdir: str = "/"
    commands: list[str] = field(default_factory=list)

    def host(self, container_path: str) -> Path:
        path = PurePosixPath(self.workdir) / container_path
        return self.root / path.relative_to("/")

    def to_host(self, text: str) -> str:
        """A value naming container paths under /app, pointed at the replay's folder instead."""
        return re.sub(r"(?<![\w/])/app\b", str(self.root / "app"), text)


def replay(
    dockerfile: Dockerfile,
    stage: Stage,
    root: Path,
    args: dict[str, str],
    *,
    built: dict[str, Path] | None = None,
    run: bool = True,
) -> Replay:
    """Replay ``stage``: COPY from the context (ROOT, less .dockerignore) or from an earlier
    stage's replay (``built``: stage name → its root); RUN its commands with bash when ``run``,
    in the mapped WORKDIR and with the stage's ENV and ARGs (paths under /app mapped)."""
    variables = {**dockerfile.global_args}
    state = Replay(root, args)
    root.mkdir(parents=True, exist_ok=True)
    ignore = dockerignore()
    for instruction in stage.instructions:
        text = instruction.arguments
        if instruction.keyword == "ARG":
            name, _, default = text.partition("=")
            variables[name] = args.get(name, default)
        elif instruction.keyword == "ENV":
            for item in shlex.split(substitute(text, variables | state.env)):
                name, _, value = item.partition("=")
                state.env[name] = value
        elif instruction.keyword == "WORKDIR":
            state.workdir = str(PurePosixPath(state.workdir) / substitute(text, variables))
            state.host(".").mkdir(parents=True, exist_ok=True)
        elif instruction.keyword == "COPY":
            *sources, destination = shlex.split(substitute(text, variables))
            origin = instruction.flags.get("from")
            for source in sources:
                if origin is None:
                    copy_tree(ROOT / source, _destination(state, source, destination), ignore)
                elif built is not None and origin in built:
                    from_root = built[origin]
                    copy_tree(
                        from_root / source.lstrip("/"),
                        _destination(state, source, destination),
                        link=True,
                    )
                else:
                    state.commands.append(f"COPY --from={origin} {source}")
        elif instruction.keyword == "RUN" and run:
            # The shell expands a RUN's variables (the stage's ARGs and ENV), not Docker.
            command = text
            state.commands.append(command)
            env = {k: state.to_host(v) for k, v in state.env.items()}
            done = subprocess.run(
                ["bash", "-c", command],
                cwd=state.host("."),
                env=_clean_environment() | variables | env,
                capture_output=True,
                text=True,
                timeout=900,
            )
            assert done.returncode == 0, f"RUN {command}\n{done.stdout}\n{done.stderr}"
    return state


def _destination(state: Replay, source: str, destination: str) -> Path:
    target = state.host(destination)
    if destination.endswith("/") and (ROOT / source).is_file():
        return target / Path(source).name
    return target


def uv_executable() -> str:
    """The uv running these tests (`uv run` names itself in UV), else the one on PATH: the
    stand-in for the Dockerfile's pinned copy."""
    found = os.environ.get("UV") or shutil.which("uv")
    assert found, "no uv: run the tests with `uv run` (make test does)"
    return found


def _clean_environment() -> dict[str, str]:
    """This process's environment less what would point uv or Python at another environment,
    with this uv first on PATH (the Dockerfile's RUN lines call `uv`)."""
    drop = ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "UV_PROJECT_ENVIRONMENT")
    env = {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("UV_")}
    env |= {k: v for k, v in os.environ.items() if k in ("UV_CACHE_DIR", "UV_INDEX_URL")}
    env["PATH"] = f"{Path(uv_executable()).parent}{os.pathsep}{env.get('PATH', '')}"
    return env
