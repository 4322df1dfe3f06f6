"""API keys through the real stack: an admin makes a key, a machine uses it on the services'
real routes (as a bearer and as X-Api-Key), its use is noted, it never reaches another
workspace's data, it is refused past its scopes and once revoked, even while requests race the
revocation; the README's API key block runs as written."""

from __future__ import annotations

import asyncio
import re
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from .conftest import ALL_SCOPES, make_token
from .helpers import ok
from .stack import ROOT, Stack
from .test_readme import run_quickstart
from .test_schemathesis import CHECKS as SCHEMATHESIS_CHECKS
from .test_schemathesis import CONFIG as SCHEMATHESIS_CONFIG

ADMIN = ("admin",)
BLOCK = re.compile(r"<!-- api-keys -->\s*```bash\n(?P<script>.*?)```\s*<!-- /api-keys -->", re.S)


def client(base_url: str, headers: dict[str, str]) -> httpx.Client:
    return httpx.Client(base_url=base_url, headers=headers, timeout=15.0)


@pytest.fixture
def admin(stack: Stack, workspace: str) -> Iterator[httpx.Client]:
    with client(stack.gateway, {"Authorization": f"Bearer {make_token(workspace, ADMIN)}"}) as c:
        yield c


def new_key(admin: httpx.Client, *scopes: str) -> dict[str, Any]:
    body = {"name": "机器 e2e", "scopes": list(scopes)}
    created: dict[str, Any] = ok(admin.post("/v1/api-keys", json=body), 201)
    return created


def problem_detail(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    return str(response.json()["detail"])


def test_a_key_works_on_real_routes_by_both_headers_and_its_use_is_noted(
    stack: Stack, admin: httpx.Client, workspace: str
) -> None:
    created = new_key(admin, "content:read", "content:write", "metrics:write")
    secret = created["secret"]
    as_bearer = client(stack.gateway, {"Authorization": f"Bearer {secret}"})
    as_header = client(stack.gateway, {"X-Api-Key": secret})
    with as_bearer, as_header:
        channel = ok(
            as_bearer.post(
                "/v1/channels",
                json={"platform": "weibo", "name": "官方微博", "handle": "brand"},
            ),
            201,
        )
        listed = ok(as_header.get("/v1/channels"))
        assert [c["id"] for c in listed["items"]] == [channel["id"]]
        event = {"id": str(uuid.uuid4()), "type": "view", "occurred_at": "2026-12-01T08:00:00Z"}
        assert ok(as_header.post("/v1/events", json=[event]))["accepted"] == 1
    # The channel is the workspace's, made by the key: a person of the workspace sees it.
    person = {"Authorization": f"Bearer {make_token(workspace)}"}
    with client(stack.gateway, person) as people:
        assert ok(people.get(f"/v1/channels/{channel['id']}"))["name"] == "官方微博"

    deadline = time.monotonic() + 10
    while (last := ok(admin.get(f"/v1/api-keys/{created['id']}"))["last_used_at"]) is None:
        assert time.monotonic() < deadline, "last_used_at was never set"
        time.sleep(0.2)
    assert last >= created["created_at"]


def test_a_key_of_one_workspace_never_reaches_anothers_data(
    stack: Stack, admin: httpx.Client
) -> None:
    theirs = f"ws-{uuid.uuid4().hex[:12]}"
    with client(stack.gateway, {"Authorization": f"Bearer {make_token(theirs)}"}) as them:
        their_channel = ok(
            them.post("/v1/channels", json={"platform": "zhihu", "name": "知乎", "handle": "z"}),
            201,
        )
    secret = new_key(admin, *ALL_SCOPES)["secret"]
    # Tenancy headers a caller sends are replaced by the key's own workspace.
    forged = {"X-Api-Key": secret, "X-Workspace-Id": theirs}
    with client(stack.gateway, forged) as mine:
        problem_detail(mine.get(f"/v1/channels/{their_channel['id']}"), 404)
        assert ok(mine.get("/v1/channels"))["items"] == []
        problem_detail(mine.delete(f"/v1/channels/{their_channel['id']}"), 404)
    with client(stack.gateway, {"Authorization": f"Bearer {make_token(theirs)}"}) as them:
        assert ok(them.get(f"/v1/channels/{their_channel['id']}"))["name"] == "知乎"


def test_a_key_without_the_scope_is_403_and_a_revoked_key_401(
    stack: Stack, admin: httpx.Client
) -> None:
    created = new_key(admin, "content:read")
    with client(stack.gateway, {"X-Api-Key": created["secret"]}) as machine:
        ok(machine.get("/v1/channels"))
        body = {"platform": "weibo", "name": "x", "handle": "x"}
        assert "content:write" in problem_detail(machine.post("/v1/channels", json=body), 403)
        assert "API keys cannot" in problem_detail(machine.get("/v1/api-keys"), 403)

        assert admin.delete(f"/v1/api-keys/{created['id']}").status_code == 204
        assert "revoked" in problem_detail(machine.get("/v1/channels"), 401)
    assert ok(admin.get(f"/v1/api-keys/{created['id']}"))["status"] == "revoked"


@dataclass
class Call:
    sent: float
    status: int


async def _hammer(url: str, secret: str, until: asyncio.Event, calls: list[Call]) -> None:
    async with httpx.AsyncClient(headers={"X-Api-Key": secret}, timeout=15.0) as machine:
        while not until.is_set():
            sent = time.monotonic()
            response = await machine.get(url + "/v1/channels")
            calls.append(Call(sent, response.status_code))


async def _race(gateway: str, admin_token: str, key: dict[str, Any]) -> tuple[list[Call], float]:
    calls: list[Call] = []
    until = asyncio.Event()
    workers = [asyncio.create_task(_hammer(gateway, key["secret"], until, calls)) for _ in range(8)]
    async with httpx.AsyncClient(
        base_url=gateway, headers={"Authorization": f"Bearer {admin_token}"}, timeout=15.0
    ) as admin:
        while sum(c.status == 200 for c in calls) < 20:  # the key at work, cached
            await asyncio.sleep(0.05)
        revoked = await admin.delete(f"/v1/api-keys/{key['id']}")
        answered = time.monotonic()
        assert revoked.status_code == 204, revoked.text
    while sum(c.sent > answered for c in calls) < 40:  # plenty sent after the answer
        await asyncio.sleep(0.05)
    until.set()
    await asyncio.gather(*workers)
    return calls, answered


def test_no_request_after_the_revocations_answer_succeeds_on_that_replica(
    stack: Stack, workspace: str
) -> None:
    # A gateway of its own: a long key cache (only the revocation's eviction can stop the key)
    # and no rate limit in the way of the burst.
    url = stack.start_gateway(
        "gateway-keys-race",
        {"GATEWAY_API_KEY_CACHE_S": "300", "GATEWAY_RATE_LIMITS_ENABLED": "false"},
    )
    try:
        token = make_token(workspace, ADMIN)
        with client(url, {"Authorization": f"Bearer {token}"}) as admin:
            key = new_key(admin, "content:read")
        calls, answered = asyncio.run(_race(url, token, key))
    finally:
        stack.stop("gateway-keys-race")
    before = [c for c in calls if c.sent < answered]
    after = [c for c in calls if c.sent > answered]
    assert {c.status for c in before} <= {200, 401}
    assert sum(c.status == 200 for c in before) >= 20
    assert after
    assert {c.status for c in after} == {401}, sorted({c.status for c in after})


def test_with_the_gateways_database_down_tokens_work_and_keys_are_503(
    stack: Stack, workspace: str
) -> None:
    with socket.socket() as refusing:
        refusing.bind(("127.0.0.1", 0))  # bound, never listening: every connection refused
        port = refusing.getsockname()[1]
        url = stack.start_gateway(
            "gateway-keys-db-down",
            {"GATEWAY_DATABASE_URL": f"postgresql://postgres@127.0.0.1:{port}/gateway"},
        )
        try:
            with client(url, {"Authorization": f"Bearer {make_token(workspace)}"}) as person:
                ok(person.get("/v1/channels"))
            key = "mo_0123456789abcdef_" + "A" * 43
            with client(url, {"X-Api-Key": key}) as machine:
                refused = machine.get("/v1/channels")
                assert "tokens are not affected" in problem_detail(refused, 503)
                assert refused.headers["retry-after"] == "5"
        finally:
            stack.stop("gateway-keys-db-down")


def test_the_readme_api_key_block_runs_as_written(stack: Stack, workspace: str) -> None:
    (script,) = BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    assert 'make token SCOPES="admin"' in script

    done = run_quickstart(stack, script, workspace)

    assert done.returncode == 0, f"a command failed:\n{done.stderr}\n{done.stdout}"
    assert done.stdout.rstrip().endswith("401"), done.stdout[-500:]
    keys = ok(
        httpx.get(
            f"{stack.gateway}/v1/api-keys",
            headers={"Authorization": f"Bearer {make_token(workspace, ADMIN)}"},
        )
    )["items"]
    assert [(k["name"], k["status"]) for k in keys] == [("埋点上报 (event ingestion)", "revoked")]
    assert keys[0]["scopes"] == ["metrics:write", "content:read"]


def test_schemathesis_on_the_api_key_routes(stack: Stack, tmp_path: Path) -> None:
    """The gateway's own operations, as the merged document describes them, fuzzed as
    test_schemathesis.py fuzzes each service's (a gateway of its own, rate limits off)."""
    url = stack.start_gateway("gateway-keys-fuzz", {"GATEWAY_RATE_LIMITS_ENABLED": "false"})
    token = make_token(f"ws-fuzz-{uuid.uuid4().hex[:8]}", ADMIN)
    command = [
        sys.executable, "-m", "schemathesis.cli", "--config-file", str(SCHEMATHESIS_CONFIG),
        "run", url + "/openapi.json",
        "--url", url,
        "--include-path-regex", "^/v1/api-keys",
        "-H", f"Authorization: Bearer {token}",
        "--checks", SCHEMATHESIS_CHECKS,
        "--mode", "all",
        "--phases", "examples,coverage,fuzzing",
        "--max-examples", "10",
        "--no-shrink",
        "--seed", "11",
        "--request-timeout", "15",
        "--no-color",
    ]  # fmt: skip
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=tmp_path)
    finally:
        stack.stop("gateway-keys-fuzz")
    report = run.stdout[-20_000:] + run.stderr[-2_000:]
    assert run.returncode == 0, f"schemathesis found failures in /v1/api-keys:\n{report}"
    assert "Tested: 4" in run.stdout, report  # the four operations, none skipped
