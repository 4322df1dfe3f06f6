"""``/v1/api-keys`` and API keys on real calls, through a real gateway on a real port, its keys in
the run's migrated gateway database (real commits: each test has a workspace of its own)."""

from __future__ import annotations

import asyncio
import hashlib
import socket
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from gateway.apikeys.models import ApiKey, IdempotencyKey
from servicekit.testing.problems import assert_problem

from .support import EchoUpstream
from .test_proxy import header_values

ADMIN = ("admin",)


@pytest.fixture
def workspace() -> str:
    return f"ws-keys-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def admin(gateway: str, make_token: Callable[..., str], workspace: str) -> Iterator[httpx.Client]:
    """A person of the workspace holding ``admin``, calling the shared gateway."""
    headers = {"Authorization": f"Bearer {make_token(ADMIN, ws=workspace)}"}
    with httpx.Client(base_url=gateway, headers=headers, timeout=10.0) as client:
        yield client


def create(client: httpx.Client, **body: Any) -> dict[str, Any]:
    payload = {"name": "埋点上报", "scopes": ["content:read"], **body}
    r = client.post("/v1/api-keys", json=payload)
    assert r.status_code == 201, r.text
    created: dict[str, Any] = r.json()
    return created


async def rows(engine: AsyncEngine, workspace: str) -> int:
    async with engine.connect() as conn:
        count = await conn.scalar(
            select(func.count()).select_from(ApiKey).where(ApiKey.workspace_id == workspace)
        )
    return int(count or 0)


def test_an_admin_creates_a_key_shown_once_and_stored_hashed(
    admin: httpx.Client, workspace: str
) -> None:
    r = admin.post(
        "/v1/api-keys",
        json={
            "name": "  埋点上报 🚀 ",
            "scopes": ["metrics:write", "content:read", "metrics:write"],
        },
    )
    assert r.status_code == 201, r.text
    created = r.json()
    assert created["secret"].startswith(created["prefix"] + "_")
    assert len(created["secret"]) == 63
    assert created["name"] == "埋点上报 🚀"
    assert created["scopes"] == ["metrics:write", "content:read"]
    assert created["status"] == "active"
    assert created["created_by"] == "user-1"
    assert created["last_used_at"] is created["expires_at"] is created["revoked_at"] is None
    assert r.headers["location"] == f"/v1/api-keys/{created['id']}"

    read = admin.get(r.headers["location"])
    assert read.status_code == 200
    assert read.json() == {k: v for k, v in created.items() if k != "secret"}
    listed = admin.get("/v1/api-keys").json()
    assert listed == {"items": [read.json()], "next_cursor": None}
    assert created["secret"] not in read.text + admin.get("/v1/api-keys").text


async def test_the_database_holds_the_keys_hash_never_the_key(
    admin: httpx.Client, engine: AsyncEngine
) -> None:
    created = create(admin)
    async with engine.connect() as conn:
        row = (
            await conn.execute(
                select(ApiKey.prefix, ApiKey.key_hash).where(ApiKey.id == uuid.UUID(created["id"]))
            )
        ).one()
    assert row.key_hash == hashlib.sha256(created["secret"].encode()).digest()
    assert created["prefix"] == f"mo_{row.prefix}"


@pytest.mark.parametrize("how", ["bearer", "x-api-key"])
def test_a_key_calls_as_its_workspace_with_its_scopes(
    admin: httpx.Client,
    gateway: str,
    upstream: EchoUpstream,
    workspace: str,
    key: str,
    how: str,
) -> None:
    created = create(admin, scopes=["content:read", "metrics:write"])
    secret = created["secret"]
    headers = {"Authorization": f"Bearer {secret}"} if how == "bearer" else {"X-Api-Key": secret}
    r = httpx.get(gateway + "/v1/posts", params={"t": key}, headers=headers)
    assert r.status_code == 200, r.text
    seen = upstream.completed[key]
    assert header_values(seen, "x-workspace-id") == [workspace]
    assert header_values(seen, "x-actor-id") == [f"apikey:{created['id']}"]
    assert header_values(seen, "x-scopes") == ["content:read metrics:write"]
    # The credential stays at the door: a service never sees a key.
    assert header_values(seen, "x-api-key") == header_values(seen, "authorization") == []


def test_a_key_without_the_scope_is_403(admin: httpx.Client, gateway: str, key: str) -> None:
    secret = create(admin, scopes=["content:read"])["secret"]
    r = httpx.post(gateway + "/v1/posts", params={"t": key}, headers={"X-Api-Key": secret})
    assert "content:write" in assert_problem(r, 403)["detail"]


@pytest.mark.parametrize(
    ("headers", "words"),
    [
        ({"X-Api-Key": "mo_not-a-key"}, "not a MediaOps API key"),
        ({"Authorization": "Bearer mo_0123456789abcdef_" + "x" * 43}, "not valid"),
        ({"X-Api-Key": "eyJhbGciOiJIUzI1NiJ9.e30.sig"}, "not a MediaOps API key"),
    ],
    ids=["malformed", "unknown", "a-jwt-as-api-key"],
)
def test_a_bad_key_is_401_saying_what_is_wrong(
    gateway: str, key: str, headers: dict[str, str], words: str
) -> None:
    r = httpx.get(gateway + "/v1/posts", params={"t": key}, headers=headers)
    problem = assert_problem(r, 401)
    assert words in problem["detail"]
    assert r.headers["www-authenticate"] == 'Bearer realm="mediaops", error="invalid_token"'


def test_a_right_prefix_with_a_wrong_secret_is_401(
    admin: httpx.Client, gateway: str, key: str
) -> None:
    secret = create(admin)["secret"]
    forged = secret[:-1] + ("A" if secret[-1] != "A" else "B")
    r = httpx.get(gateway + "/v1/posts", params={"t": key}, headers={"X-Api-Key": forged})
    assert "not valid" in assert_problem(r, 401)["detail"]


def test_a_token_and_a_key_together_are_refused(
    admin: httpx.Client, gateway: str, make_token: Callable[..., str], key: str
) -> None:
    secret = create(admin)["secret"]
    headers = {"Authorization": f"Bearer {make_token()}", "X-Api-Key": secret}
    r = httpx.get(gateway + "/v1/posts", params={"t": key}, headers=headers)
    assert "not both" in assert_problem(r, 401)["detail"]


def test_a_revoked_key_is_401_and_revoking_again_is_fine(
    admin: httpx.Client, gateway: str, key: str
) -> None:
    created = create(admin)
    path = f"/v1/api-keys/{created['id']}"
    assert httpx.get(gateway + "/v1/posts", headers={"X-Api-Key": created["secret"]}).is_success

    assert admin.delete(path).status_code == 204
    r = httpx.get(
        gateway + "/v1/posts", params={"t": key}, headers={"X-Api-Key": created["secret"]}
    )
    assert "revoked" in assert_problem(r, 401)["detail"]
    first = admin.get(path).json()
    assert first["status"] == "revoked"
    assert first["revoked_by"] == "user-1"

    again = admin.delete(path)
    assert again.status_code == 204
    assert admin.get(path).json()["revoked_at"] == first["revoked_at"]


async def test_an_expired_key_is_401(
    admin: httpx.Client, gateway: str, engine: AsyncEngine, key: str
) -> None:
    created = create(admin, expires_at=(datetime.now(UTC) + timedelta(seconds=2)).isoformat())
    assert created["expires_at"] is not None
    ok = httpx.get(gateway + "/v1/posts", headers={"X-Api-Key": created["secret"]})
    assert ok.status_code == 200
    await asyncio.sleep(2.2)  # expiry is checked on every request, cached or not
    r = httpx.get(
        gateway + "/v1/posts", params={"t": key}, headers={"X-Api-Key": created["secret"]}
    )
    assert "expired" in assert_problem(r, 401)["detail"]
    assert admin.get(f"/v1/api-keys/{created['id']}").json()["status"] == "expired"


async def test_last_use_is_noted(admin: httpx.Client, gateway: str) -> None:
    created = create(admin)
    path = f"/v1/api-keys/{created['id']}"
    before = datetime.now(UTC)
    for _ in range(3):
        assert httpx.get(gateway + "/v1/posts", headers={"X-Api-Key": created["secret"]}).is_success
    for _ in range(50):  # written in the background, not on the request's path
        last_used = admin.get(path).json()["last_used_at"]
        if last_used is not None:
            break
        await asyncio.sleep(0.1)
    assert last_used is not None
    assert datetime.fromisoformat(last_used) >= before - timedelta(seconds=1)


def test_another_workspaces_key_is_404_and_untouched(
    admin: httpx.Client, gateway: str, make_token: Callable[..., str]
) -> None:
    created = create(admin)
    theirs = f"ws-keys-{uuid.uuid4().hex[:10]}"
    other = {"Authorization": f"Bearer {make_token(ADMIN, ws=theirs)}"}
    path = f"{gateway}/v1/api-keys/{created['id']}"
    assert_problem(httpx.get(path, headers=other), 404)
    assert_problem(httpx.delete(path, headers=other), 404)
    assert_problem(httpx.get(f"{gateway}/v1/api-keys/{uuid.uuid4()}", headers=other), 404)
    assert httpx.get(f"{gateway}/v1/api-keys", headers=other).json()["items"] == []
    assert admin.get(f"/v1/api-keys/{created['id']}").json()["status"] == "active"


def test_a_key_of_one_workspace_reaches_only_its_own(
    admin: httpx.Client, gateway: str, upstream: EchoUpstream, workspace: str, key: str
) -> None:
    secret = create(admin)["secret"]
    # However the caller dresses it, the workspace is the key's.
    forged = {"X-Api-Key": secret, "X-Workspace-Id": "ws-someone-else", "X-Scopes": "admin"}
    assert httpx.get(gateway + "/v1/posts", params={"t": key}, headers=forged).is_success
    seen = upstream.completed[key]
    assert header_values(seen, "x-workspace-id") == [workspace]
    assert header_values(seen, "x-scopes") == ["content:read"]


def test_api_keys_cannot_manage_api_keys(admin: httpx.Client, gateway: str) -> None:
    secret = create(admin, scopes=["admin"])["secret"]
    for how in ({"X-Api-Key": secret}, {"Authorization": f"Bearer {secret}"}):
        r = httpx.post(
            gateway + "/v1/api-keys", json={"name": "child", "scopes": ["admin"]}, headers=how
        )
        assert "API keys cannot" in assert_problem(r, 403)["detail"]
        assert_problem(httpx.get(gateway + "/v1/api-keys", headers=how), 403)


def test_managing_keys_needs_admin(
    gateway: str, make_token: Callable[..., str], workspace: str
) -> None:
    token = make_token(("content:read", "content:write", "metrics:write"), ws=workspace)
    headers = {"Authorization": f"Bearer {token}"}
    body = {"name": "x", "scopes": ["content:read"]}
    r = httpx.post(gateway + "/v1/api-keys", json=body, headers=headers)
    assert "`admin`" in assert_problem(r, 403)["detail"]
    assert_problem(httpx.get(gateway + "/v1/api-keys", headers=headers), 403)
    assert_problem(httpx.get(gateway + "/v1/api-keys"), 401)


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"name": "x", "scopes": ["content:admin"]}, ["body", "scopes", 0]),
        ({"name": "x", "scopes": []}, ["body", "scopes"]),
        ({"name": "x"}, ["body", "scopes"]),
        ({"name": "", "scopes": ["content:read"]}, ["body", "name"]),
        ({"name": "   ", "scopes": ["content:read"]}, ["body", "name"]),
        ({"name": "长" * 101, "scopes": ["content:read"]}, ["body", "name"]),
        ({"name": "a\nb", "scopes": ["content:read"]}, ["body", "name"]),
        ({"name": "x", "scopes": "content:read"}, ["body", "scopes"]),
        ({"name": 5, "scopes": ["content:read"]}, ["body", "name"]),
        ({"name": "x", "scopes": ["content:read"], "secret": "mine"}, ["body", "secret"]),
        (
            {"name": "x", "scopes": ["content:read"], "expires_at": "0001-01-01T00:00:00+14:00"},
            ["body", "expires_at"],
        ),
        (
            {"name": "x", "scopes": ["content:read"], "expires_at": "9999-12-31T23:59:59Z"},
            ["body", "expires_at"],
        ),
        (
            {"name": "x", "scopes": ["content:read"], "expires_at": "2020-01-01T00:00:00Z"},
            ["body", "expires_at"],
        ),
        (
            {"name": "x", "scopes": ["content:read"], "expires_at": "2030-01-01T00:00:00"},
            ["body", "expires_at"],
        ),
        (
            {"name": "x", "scopes": ["content:read"], "expires_at": 1893456000},
            ["body", "expires_at"],
        ),
    ],
    ids=[
        "unknown-scope",
        "no-scopes",
        "scopes-missing",
        "empty-name",
        "blank-name",
        "name-101-characters",
        "name-with-newline",
        "scopes-not-a-list",
        "name-not-text",
        "unknown-field",
        "expiry-year-1",
        "expiry-year-9999",
        "expiry-in-the-past",
        "expiry-without-offset",
        "expiry-as-a-number",
    ],
)
async def test_bad_input_is_422_naming_the_field_and_stores_nothing(
    admin: httpx.Client, engine: AsyncEngine, workspace: str, body: Any, loc: list[Any]
) -> None:
    r = admin.post("/v1/api-keys", json=body)
    problem = assert_problem(r, 422)
    assert loc in [error["loc"] for error in problem["errors"]], problem
    assert await rows(engine, workspace) == 0


@pytest.mark.parametrize(
    "raw",
    [
        b'{"name": "bad-\\u0000", "scopes": ["content:read"]}',
        b'{"name": "bad-\\ud800", "scopes": ["content:read"]}',
        b"[" * 500 + b"]" * 500,
    ],
    ids=["nul", "lone-surrogate", "nested-500-deep"],
)
async def test_unstorable_or_deep_bodies_are_422(
    admin: httpx.Client, engine: AsyncEngine, workspace: str, raw: bytes
) -> None:
    r = admin.post("/v1/api-keys", content=raw, headers={"Content-Type": "application/json"})
    assert_problem(r, 422)
    assert await rows(engine, workspace) == 0


def test_malformed_json_is_400_and_a_huge_body_413(admin: httpx.Client) -> None:
    r = admin.post("/v1/api-keys", content=b"{", headers={"Content-Type": "application/json"})
    assert_problem(r, 400)
    huge = {"name": "x" * 2_000_000, "scopes": ["content:read"]}
    assert_problem(admin.post("/v1/api-keys", json=huge), 413)


def test_ids_and_query_parameters_are_checked(admin: httpx.Client) -> None:
    assert_problem(admin.get("/v1/api-keys/not-a-uuid"), 422)
    assert_problem(admin.delete("/v1/api-keys/not-a-uuid"), 422)
    r = admin.get("/v1/api-keys", params={"stauts": "active"})
    assert "stauts" in assert_problem(r, 422)["detail"]
    assert_problem(admin.get("/v1/api-keys", params={"limit": 0}), 422)
    assert_problem(admin.get("/v1/api-keys", params={"cursor": "forged"}), 422)
    assert_problem(admin.patch("/v1/api-keys/" + str(uuid.uuid4()), json={}), 405)


def test_the_list_is_paged_with_a_cursor(admin: httpx.Client) -> None:
    made = [create(admin, name=f"key {i}")["id"] for i in range(3)]
    first = admin.get("/v1/api-keys", params={"limit": 2}).json()
    assert [k["id"] for k in first["items"]] == made[:2]
    assert first["next_cursor"]
    second = admin.get("/v1/api-keys", params={"limit": 2, "cursor": first["next_cursor"]}).json()
    assert [k["id"] for k in second["items"]] == made[2:]
    assert second["next_cursor"] is None


async def test_an_idempotent_retry_replays_the_key_without_its_secret(
    admin: httpx.Client, engine: AsyncEngine, workspace: str
) -> None:
    body = {"name": "重试", "scopes": ["content:read"]}
    headers = {"Idempotency-Key": uuid.uuid4().hex}
    first = admin.post("/v1/api-keys", json=body, headers=headers)
    again = admin.post("/v1/api-keys", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json()["secret"].startswith("mo_")
    assert again.json() == {**first.json(), "secret": None}
    assert again.headers["idempotent-replayed"] == "true"
    assert await rows(engine, workspace) == 1
    async with engine.connect() as conn:
        stored = await conn.scalar(
            select(IdempotencyKey.response_body).where(
                IdempotencyKey.workspace_id == workspace,
                IdempotencyKey.key == headers["Idempotency-Key"],
            )
        )
    assert stored is not None
    assert first.json()["secret"].encode() not in stored
    other = admin.post("/v1/api-keys", json={**body, "name": "另一个"}, headers=headers)
    assert_problem(other, 409)


def test_scopes_may_only_be_what_the_creator_holds(
    gateway: str, make_token: Callable[..., str], workspace: str
) -> None:
    # An admin holds every scope, so it may give any; the rule itself is the service's
    # (test_api_key_service), and here it lets a narrow key be made by a full admin.
    token = make_token(ADMIN, ws=workspace)
    r = httpx.post(
        gateway + "/v1/api-keys",
        json={"name": "pii", "scopes": ["leads:pii", "campaign:read"]},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert r.status_code == 201, r.text
    assert r.json()["scopes"] == ["leads:pii", "campaign:read"]


def test_revocation_on_this_replica_is_immediate_despite_the_cache(
    start_gateway: Callable[..., str], make_token: Callable[..., str], workspace: str
) -> None:
    # A cache far longer than the test: only the revocation's own eviction can stop the key.
    url = start_gateway(api_key_cache_s=300)
    token = {"Authorization": f"Bearer {make_token(ADMIN, ws=workspace)}"}
    with httpx.Client(base_url=url, headers=token) as admin_client:
        created = create(admin_client)
        use = {"X-Api-Key": created["secret"]}
        assert httpx.get(url + "/v1/posts", headers=use).status_code == 200  # now cached
        assert admin_client.delete(f"/v1/api-keys/{created['id']}").status_code == 204
    assert_problem(httpx.get(url + "/v1/posts", headers=use), 401)


def test_another_replica_stops_a_revoked_key_when_its_cache_entry_ages_out(
    start_gateway: Callable[..., str], make_token: Callable[..., str], workspace: str
) -> None:
    first = start_gateway(api_key_cache_s=1)
    second = start_gateway(api_key_cache_s=1)
    token = {"Authorization": f"Bearer {make_token(ADMIN, ws=workspace)}"}
    with httpx.Client(base_url=first, headers=token) as admin_client:
        created = create(admin_client)
        use = {"X-Api-Key": created["secret"]}
        assert httpx.get(second + "/v1/posts", headers=use).status_code == 200  # cached there
        assert admin_client.delete(f"/v1/api-keys/{created['id']}").status_code == 204
    # The bound the README states: at most the cache's lifetime on the other replica.
    assert httpx.get(second + "/v1/posts", headers=use).status_code == 200
    time.sleep(1.1)
    assert_problem(httpx.get(second + "/v1/posts", headers=use), 401)


@pytest.fixture
def dead_database(dead_socket: socket.socket) -> str:
    return f"postgresql://postgres@127.0.0.1:{dead_socket.getsockname()[1]}/gateway"


def test_with_its_database_down_tokens_work_and_keys_are_503(
    start_gateway: Callable[..., str],
    make_token: Callable[..., str],
    dead_database: str,
    key: str,
) -> None:
    url = start_gateway(database_url=dead_database)
    token = {"Authorization": f"Bearer {make_token()}"}
    assert httpx.get(url + "/v1/posts", params={"t": key}, headers=token).status_code == 200
    assert httpx.get(url + "/v1/dashboard", headers=token).status_code == 200
    key_call = httpx.get(
        url + "/v1/posts", headers={"X-Api-Key": "mo_0123456789abcdef_" + "x" * 43}
    )
    problem = assert_problem(key_call, 503)
    assert "bearer tokens are not affected" in problem["detail"]
    assert key_call.headers["retry-after"] == "5"
    admin_token = {"Authorization": f"Bearer {make_token(ADMIN)}"}
    assert_problem(httpx.get(url + "/v1/api-keys", headers=admin_token), 503)
    assert_problem(
        httpx.post(
            url + "/v1/api-keys", json={"name": "x", "scopes": ["admin"]}, headers=admin_token
        ),
        503,
    )


def test_without_a_database_keys_are_off_and_tokens_work(
    start_gateway: Callable[..., str], make_token: Callable[..., str], key: str
) -> None:
    url = start_gateway(database_url=None)
    token = {"Authorization": f"Bearer {make_token()}"}
    assert httpx.get(url + "/v1/posts", params={"t": key}, headers=token).status_code == 200
    r = httpx.get(url + "/v1/posts", headers={"X-Api-Key": "mo_0123456789abcdef_" + "x" * 43})
    assert "GATEWAY_DATABASE_URL" in assert_problem(r, 503)["detail"]
    assert "retry-after" not in r.headers
    admin_token = {"Authorization": f"Bearer {make_token(ADMIN)}"}
    assert_problem(httpx.get(url + "/v1/api-keys", headers=admin_token), 503)
