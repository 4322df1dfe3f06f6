"""``python -m gateway.token`` prints a token the gateway accepts."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable

import httpx
import jwt
import pytest

from gateway.config import DEV_JWT_SECRET

from .support import JWT_SECRET, EchoUpstream
from .test_proxy import header_values


def run_cli(*args: str, secret: str | None = JWT_SECRET) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
    if secret is not None:
        env["GATEWAY_JWT_SECRET"] = secret
    done = subprocess.run(
        [sys.executable, "-m", "gateway.token", *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    assert done.stderr == ""
    return done.stdout.strip()


def test_cli_token_verifies_and_is_accepted_by_the_gateway(
    gateway: str, upstream: EchoUpstream, key: str
) -> None:
    token = run_cli(
        "--workspace",
        "demo",
        "--scopes",
        "content:read content:write",
        "--sub",
        "ops-1",
        "--ttl",
        "120",
    )
    claims = jwt.decode(token, JWT_SECRET, algorithms=["HS256"])
    assert claims["ws"] == "demo"
    assert claims["sub"] == "ops-1"
    assert claims["scopes"] == ["content:read", "content:write"]
    assert claims["exp"] - claims["iat"] == 120

    r = httpx.get(
        gateway + "/v1/posts", params={"t": key}, headers={"Authorization": f"Bearer {token}"}
    )
    assert r.status_code == 200
    assert header_values(upstream.completed[key], "x-workspace-id") == ["demo"]


def test_cli_defaults_to_every_read_and_write_scope() -> None:
    claims = jwt.decode(run_cli("--workspace", "demo"), JWT_SECRET, algorithms=["HS256"])
    assert sorted(claims["scopes"]) == sorted(
        f"{svc}:{mode}"
        for svc in ("content", "campaign", "community", "metrics")
        for mode in ("read", "write")
    )
    assert claims["sub"] == "dev-user"
    assert claims["exp"] - claims["iat"] == 86_400


@pytest.mark.filterwarnings("ignore::jwt.InsecureKeyLengthWarning")
def test_cli_signs_with_the_development_secret_by_default() -> None:
    token = run_cli("--workspace", "demo", secret=None)
    claims = jwt.decode(token, DEV_JWT_SECRET, algorithms=["HS256"])
    assert claims["ws"] == "demo"
    assert DEV_JWT_SECRET == "mediaops-dev-jwt-secret-not-for-production"


def test_cli_secret_flag_wins_over_the_environment(make_token: Callable[..., str]) -> None:
    token = run_cli("--workspace", "demo", "--secret", "flag-secret-of-at-least-32-bytes!!")
    claims = jwt.decode(token, "flag-secret-of-at-least-32-bytes!!", algorithms=["HS256"])
    assert claims["ws"] == "demo"


def test_cli_refuses_a_malformed_workspace() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "gateway.token", "--workspace", "bad ws!"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2
    assert "--workspace" in done.stderr


def test_cli_refuses_a_lifetime_the_gateway_would_refuse() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "gateway.token", "--workspace", "demo", "--ttl", "172800"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2
    assert "--ttl may be at most 86700 s" in done.stderr
