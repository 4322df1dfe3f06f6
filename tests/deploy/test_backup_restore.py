"""Backup and restore, per database, as deploy/README.md ("Backup and restore") tells an
operator to do it: the stack is loaded with the demo workspace and an API key, stopped, each of
its five databases dumped with `pg_dump --format=custom` and restored with `pg_restore
--no-owner` into a fresh database; the stack started on the restored databases answers every
read the same as the original did, the API key still authenticates, and each service is ready
(its database at the migrations' head).

Real processes and a real PostgreSQL; pg_dump, pg_restore and psql are the ones
``servicekit.backup.pg_tool`` picks for the server, as deploy/README.md advises: the closest
version not older than the server's (the embedded server's own, or the machine's when
``TEST_DATABASE_URL`` names another server; the newest client's dump sets parameters an
older server refuses on restore)."""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest

from servicekit.backup import pg_tool, server_major
from servicekit.migrations import upgrade_head
from servicekit.testing.databases import (
    create_test_database,
    drop_test_database,
    run_database_name,
)
from servicekit.testing.databases import test_server_url as server_url
from tests.e2e.stack import GATEWAY_DATABASE, JWT_SECRET, ROOT, SERVICES, Stack

DATABASES = (*SERVICES, GATEWAY_DATABASE)
READ_SCOPES = tuple(f"{svc}:read" for svc in SERVICES)
SCOPES = (*READ_SCOPES, *(f"{svc}:write" for svc in SERVICES), "admin")
# Reads that cover each service's data (and, through metrics-svc, what the relays delivered).
READS = (
    "/v1/channels",
    "/v1/topics",
    "/v1/posts",
    "/v1/publications",
    "/v1/campaigns",
    "/v1/leads",
    "/v1/groups",
    "/v1/sop-templates",
    "/v1/sop-runs",
    "/v1/tasks",
    "/v1/targets",
)
METRICS = ("impressions", "views", "leads", "joins", "coupon_claims", "redemptions")


def _token(workspace: str, scopes: tuple[str, ...]) -> str:
    claims = {"sub": "backup-test", "ws": workspace, "scopes": list(scopes)}
    return jwt.encode(claims | {"exp": int(time.time()) + 900}, JWT_SECRET, algorithm="HS256")


@functools.cache
def _fitting(name: str, url: str) -> Path:
    return pg_tool(name, server_major(url))


def _tool(name: str, url: str, *args: str) -> str:
    """Run the client tool ``name`` that fits the server at ``url``."""
    done = subprocess.run(
        [str(_fitting(name, url)), *args], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, f"{name} {args}: {done.stderr}"
    return done.stdout


def _libpq(url: str) -> str:
    """A SQLAlchemy-style URL as libpq (pg_dump, psql) reads it."""
    return url.replace("postgresql+asyncpg://", "postgresql://")


@pytest.fixture(scope="module")
def databases() -> Iterator[tuple[str, dict[str, str], dict[str, str]]]:
    """(admin URL, the original databases' URLs, the names the restored ones get)."""
    with server_url() as (_, admin_url):
        originals = {db: run_database_name(f"bk_{db}") for db in DATABASES}
        restored = {db: run_database_name(f"rs_{db}") for db in DATABASES}
        try:
            urls = {db: create_test_database(admin_url, name) for db, name in originals.items()}
            for svc in SERVICES:
                upgrade_head(ROOT / "services" / f"{svc}-svc" / "alembic.ini", urls[svc])
            upgrade_head(ROOT / "gateway" / "alembic.ini", urls[GATEWAY_DATABASE])
            yield admin_url, urls, restored
        finally:
            for name in [*originals.values(), *restored.values()]:
                drop_test_database(admin_url, name)


def _pending_events(url: str) -> int:
    sql = "SELECT count(*) FROM outbox_event WHERE delivered_at IS NULL"
    return int(_tool("psql", url, _libpq(url), "-Atc", sql).strip())


def _answers(gateway: str, workspace: str, api_key: str) -> dict[str, Any]:
    """What the stack answers to the reads, through the gateway."""
    answers: dict[str, Any] = {}
    headers = {"Authorization": f"Bearer {_token(workspace, READ_SCOPES)}"}
    with httpx.Client(base_url=gateway, headers=headers, timeout=30.0) as api:
        for path in READS:
            response = api.get(path, params={"limit": 200})
            assert response.status_code == 200, f"{path}: {response.text}"
            answers[path] = response.json()
        # A target's `expected` is its value pro rata at this instant: it moves with the clock.
        for target in answers["/v1/targets"]["items"]:
            target.pop("expected")
        for metric in METRICS:
            path = f"/v1/metrics/{metric}"
            today = datetime.now(UTC).date()
            window = {"from": str(today - timedelta(days=60)), "to": str(today + timedelta(days=2))}
            params = {**window, "interval": "day"}
            response = api.get(path, params=params)
            assert response.status_code == 200, f"{path}: {response.text}"
            answers[path] = response.json()
    with httpx.Client(base_url=gateway, timeout=30.0) as machine:
        response = machine.get("/v1/channels", headers={"Authorization": f"Bearer {api_key}"})
        assert response.status_code == 200, response.text
        answers["/v1/channels with the API key"] = response.json()
    return answers


# Goals' live progress and partners' returns are asked of metrics-svc and kept a while; kept
# answers would compare a moment of the original with the restored copy's present.
NO_PEER_CACHE = {
    "campaign": {
        "CAMPAIGN_GOAL_PROGRESS_CACHE_S": "0",
        "CAMPAIGN_GOAL_UNAVAILABLE_CACHE_S": "0",
        "CAMPAIGN_RETURNS_CACHE_S": "0",
        "CAMPAIGN_RETURNS_UNAVAILABLE_CACHE_S": "0",
    },
    "community": {
        "COMMUNITY_GOAL_PROGRESS_CACHE_S": "0",
        "COMMUNITY_GOAL_UNAVAILABLE_CACHE_S": "0",
    },
}


def test_each_database_dumped_and_restored_answers_the_same(
    databases: tuple[str, dict[str, str], dict[str, str]], tmp_path: Path
) -> None:
    admin_url, urls, restored_names = databases
    workspace = f"ws-{uuid.uuid4().hex[:12]}"
    original = Stack(urls, tmp_path / "original-logs", extra_env=NO_PEER_CACHE)
    (tmp_path / "original-logs").mkdir()
    try:
        original.start_all()
        demo = subprocess.run(
            [
                sys.executable,
                str(ROOT / "scripts" / "demo.py"),
                "--gateway",
                original.gateway,
                "--secret",
                JWT_SECRET,
                "--workspace",
                workspace,
                "--scale",
                "small",
                "--quiet",
            ],
            capture_output=True,
            text=True,
            timeout=600,
            cwd=ROOT,
        )
        assert demo.returncode == 0, demo.stdout + demo.stderr
        admin = {"Authorization": f"Bearer {_token(workspace, SCOPES)}"}
        created = httpx.post(
            f"{original.gateway}/v1/api-keys",
            json={"name": "backup test", "scopes": ["content:read"]},
            headers=admin,
            timeout=30.0,
        )
        assert created.status_code == 201, created.text
        api_key = created.json()["secret"]
        # Nothing left in flight: every event the services recorded has reached metrics-svc.
        deadline = time.monotonic() + 120
        while any(_pending_events(urls[svc]) for svc in ("content", "campaign", "community")):
            assert time.monotonic() < deadline, "the outbox relays did not drain"
            time.sleep(1)
        before = _answers(original.gateway, workspace, api_key)
    finally:
        original.stop_all()

    # Per database: dump, a fresh database, restore (deploy/README.md's commands).
    restored_urls = {}
    for db, url in urls.items():
        dump = tmp_path / f"{db}.dump"
        _tool("pg_dump", url, "--format=custom", "--no-owner", "--file", str(dump), _libpq(url))
        assert dump.stat().st_size > 0
        restored_urls[db] = create_test_database(admin_url, restored_names[db])
        _tool(
            "pg_restore", admin_url, "--no-owner", "--no-privileges", "--exit-on-error",
            "--dbname", _libpq(restored_urls[db]), str(dump),
        )  # fmt: skip

    copy = Stack(restored_urls, tmp_path / "restored-logs", extra_env=NO_PEER_CACHE)
    (tmp_path / "restored-logs").mkdir()
    try:
        copy.start_all()
        for svc in SERVICES:
            ready = httpx.get(f"{copy.url(svc)}/readyz", timeout=10.0)
            assert ready.status_code == 200, f"{svc}: {ready.text}"
        # A read that asks a peer live (a campaign's or group's goal progress at metrics-svc)
        # shows "unavailable" while the peer is slow to answer its first calls: ask again for
        # a while before calling a read different.
        deadline = time.monotonic() + 60
        while (after := _answers(copy.gateway, workspace, api_key)) != before:
            if time.monotonic() > deadline:
                break
            time.sleep(2)
    finally:
        copy.stop_all()
    assert before["/v1/channels"]["items"], "the demo loaded no channel"
    assert before["/v1/metrics/impressions"] != {}, "metrics-svc has nothing"
    for path, answer in before.items():
        assert after[path] == answer, (
            f"{path} answers differently after the restore:\n{json.dumps(answer)[:3000]}\n"
            f"{json.dumps(after[path])[:3000]}"
        )
