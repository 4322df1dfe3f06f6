"""The README's quick start works as written: its marked block runs in bash, as a newcomer after
`make run` would paste it (no uv on PATH, no MEDIAOPS_ENV), against a real stack."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import uuid
from pathlib import Path

import httpx

from .conftest import make_token
from .stack import JWT_SECRET, ROOT, Stack

README_GATEWAY = "http://127.0.0.1:8100"
BLOCK = re.compile(
    r"<!-- quickstart -->\s*```bash\n(?P<script>.*?)```\s*<!-- /quickstart -->", re.S
)


def quickstart() -> str:
    found = BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(found) == 1, "README.md marks one ```bash block with <!-- quickstart -->"
    return str(found[0])


def newcomer_env(workspace: str) -> dict[str, str]:
    """A shell after `make run`: uv not on PATH, no MEDIAOPS_ENV, no make or uv run around it.
    `make token` signs for this stack's gateway through GATEWAY_JWT_SECRET, in ``workspace``."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GATEWAY_", "MEDIAOPS_", "MAKE", "MFLAGS", "UV", "VIRTUAL_ENV"))
        and k not in ("TOKEN", "G", "ID", "NEXT")
    }
    env["PATH"] = os.pathsep.join(
        d for d in os.environ["PATH"].split(os.pathsep) if d and not (Path(d) / "uv").exists()
    )
    env["GATEWAY_JWT_SECRET"] = JWT_SECRET
    env["WORKSPACE"] = workspace
    if not (ROOT / ".tools" / "bin" / "uv").exists():
        # uv was not installed by `make run` here: the Makefile finds the one running the tests.
        uv = os.environ.get("UV") or shutil.which("uv")
        assert uv, "no uv to run `make token` with"
        env["UV"] = uv
    return env


def run_quickstart(stack: Stack, script: str, workspace: str) -> subprocess.CompletedProcess[str]:
    assert script.count(README_GATEWAY) == 1, "the block sets G to the `make run` gateway once"
    script = script.replace(README_GATEWAY, stack.gateway)
    return subprocess.run(
        ["bash", "-c", "set -xeo pipefail\n" + script],
        env=newcomer_env(workspace),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_the_readme_quick_start_runs_as_written(stack: Stack) -> None:
    script = quickstart()
    assert "export TOKEN=$(make token)" in script
    workspace = f"ws-{uuid.uuid4().hex[:12]}"

    done = run_quickstart(stack, script, workspace)

    assert done.returncode == 0, f"a quick-start command failed:\n{done.stderr}\n{done.stdout}"
    # What the block says it did, read back through the gateway.
    headers = {"Authorization": f"Bearer {make_token(workspace)}"}
    channels = httpx.get(f"{stack.gateway}/v1/channels", headers=headers).json()["items"]
    by_platform = {c["platform"]: c for c in channels}
    assert set(by_platform) == {"xiaohongshu", "weibo"}
    assert by_platform["xiaohongshu"]["name"] == "新名字"
    assert by_platform["xiaohongshu"]["version"] == 2


def test_a_broken_quick_start_command_fails_the_run(stack: Stack) -> None:
    """The run is a real check: a request the API refuses stops it with a non-zero exit."""
    script = quickstart().replace('If-Match: "1"', 'If-Match: "7"')
    assert script != quickstart()

    done = run_quickstart(stack, script, f"ws-{uuid.uuid4().hex[:12]}")

    assert done.returncode != 0
    assert "412" in done.stderr
