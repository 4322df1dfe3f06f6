"""Outside ``MEDIAOPS_ENV=development`` no process starts on a development secret: each exits at
once, naming the variable to set."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UVICORN = [sys.executable, "-m", "uvicorn", "--factory", "--port", "0"]


def _run(command: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k != "MEDIAOPS_ENV" and not k.startswith(("GATEWAY_", "CONTENT_", "CAMPAIGN_"))
    }
    return subprocess.run(
        command, env=clean | env, cwd=ROOT, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    ("command", "env", "variable"),
    [
        ([*UVICORN, "campaign_svc.main:create_app"], {}, "CAMPAIGN_INTERNAL_TOKEN"),
        ([sys.executable, "-m", "content_svc.worker"], {}, "CONTENT_INTERNAL_TOKEN"),
        (
            [*UVICORN, "gateway.main:create_app"],
            {"GATEWAY_JWT_SECRET": "x" * 40},
            "GATEWAY_INTERNAL_TOKEN",
        ),
        (
            [*UVICORN, "gateway.main:create_app"],
            {"GATEWAY_INTERNAL_TOKEN": "a-real-internal-token"},
            "GATEWAY_JWT_SECRET",
        ),
        (
            [*UVICORN, "gateway.main:create_app"],
            {"GATEWAY_INTERNAL_TOKEN": "a-real-internal-token", "GATEWAY_JWT_SECRET": "short"},
            "GATEWAY_JWT_SECRET is shorter than 32 bytes",
        ),
    ],
    ids=["service", "publisher-worker", "gateway-token", "gateway-jwt", "gateway-short-jwt"],
)
def test_a_development_secret_outside_development_mode_stops_the_process(
    command: list[str], env: dict[str, str], variable: str
) -> None:
    done = _run(command, **env)
    assert done.returncode != 0
    assert variable in done.stderr
    assert "MEDIAOPS_ENV=development" in done.stderr


def test_development_mode_accepts_the_development_token() -> None:
    done = _run(
        [sys.executable, "-c", "from gateway.config import Settings; Settings()"],
        MEDIAOPS_ENV="development",
    )
    assert done.returncode == 0, done.stderr
