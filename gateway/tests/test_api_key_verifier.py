"""The key itself, the rules of making one, and checking one: hashing, the cache and its
eviction on revoke, last use, the database down. Real PostgreSQL: the run's migrated gateway
database (rows committed in a workspace of the test's own, deleted afterwards, or the test's
rolled-back transaction)."""

from __future__ import annotations

import asyncio
import socket
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import get_args

import pytest
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from gateway.apikeys import secret
from gateway.apikeys.exceptions import ExpiryNotInFuture, ScopeNotHeld
from gateway.apikeys.models import ApiKey
from gateway.apikeys.repository import KeyLookup, KeyRecord
from gateway.apikeys.schemas import ApiKeyCreate, KeyScope
from gateway.apikeys.service import create_api_key
from gateway.apikeys.verifier import ApiKeyVerifier, KeysUnavailable
from gateway.auth import InvalidToken
from gateway.routes import KNOWN_SCOPES
from servicekit.context import RequestContext
from servicekit.db import Database
from servicekit.unitofwork import UnitOfWork

# --- the key ----------------------------------------------------------------------------------


def test_a_key_is_mo_a_16_hex_prefix_and_256_random_bits() -> None:
    made = secret.generate()
    assert made.key.startswith(f"mo_{made.prefix}_")
    assert len(made.key) == secret.KEY_LENGTH == 63
    assert secret.prefix_of(made.key) == made.prefix
    assert made.digest == secret.digest(made.key)
    assert len(made.digest) == 32  # SHA-256
    assert len({secret.generate().key for _ in range(100)}) == 100


@pytest.mark.parametrize(
    "text",
    [
        "",
        "mo_",
        "mo_0123456789ABCDEF_" + "x" * 43,  # the prefix is lower-case hex
        "mo_0123456789abcdef_" + "x" * 42,
        "mo_0123456789abcdef_" + "x" * 44,
        "mo_0123456789abcdef-" + "x" * 43,
        "mo_0123456789abcdef_" + "x" * 42 + "=",
        "MO_0123456789abcdef_" + "x" * 43,
        "mo_0123456789abcdef_" + "x" * 42 + "\n",
        "eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl",
    ],
)
def test_anything_else_is_not_a_key(text: str) -> None:
    assert secret.prefix_of(text) is None


def test_digests_are_compared_whole() -> None:
    made = secret.generate()
    other = secret.digest(made.key[:-1] + ("a" if made.key[-1] != "a" else "b"))
    assert secret.matches(made.digest, secret.digest(made.key))
    assert not secret.matches(made.digest, other)


def test_a_key_may_be_given_exactly_the_scopes_mediaops_knows() -> None:
    assert sorted(get_args(KeyScope)) == sorted(KNOWN_SCOPES)


# --- the rules of making one ------------------------------------------------------------------


def context(*scopes: str, workspace: str = "ws-rules") -> RequestContext:
    return RequestContext(workspace, "user-7", frozenset(scopes), None)


async def test_a_key_gets_only_scopes_its_creator_holds(db_session: AsyncSession) -> None:
    uow = UnitOfWork(db_session, "ws-rules")
    body = ApiKeyCreate(name="x", scopes=["content:read", "metrics:write", "leads:pii"])
    with pytest.raises(ScopeNotHeld) as refused:
        await create_api_key(uow, body, context("content:read"), datetime.now(UTC))
    assert refused.value.extra["errors"] == [
        {"loc": ["body", "scopes", 1], "msg": refused.value.extra["errors"][0]["msg"],
         "type": "scope_not_held"},
        {"loc": ["body", "scopes", 2], "msg": refused.value.extra["errors"][1]["msg"],
         "type": "scope_not_held"},
    ]  # fmt: skip
    assert "`metrics:write`, `leads:pii`" in refused.value.detail
    stored = select(func.count()).select_from(ApiKey).where(ApiKey.workspace_id == "ws-rules")
    assert await db_session.scalar(stored) == 0


async def test_admin_holds_every_scope_and_repeats_are_dropped(db_session: AsyncSession) -> None:
    uow = UnitOfWork(db_session, "ws-rules")
    body = ApiKeyCreate(name="x", scopes=["leads:pii", "content:read", "leads:pii"])
    key, whole = await create_api_key(uow, body, context("admin"), datetime.now(UTC))
    assert key.scopes == ["leads:pii", "content:read"]
    assert key.created_by == "user-7"
    assert key.key_hash == secret.digest(whole)
    stored = (await db_session.execute(select(ApiKey).where(ApiKey.id == key.id))).scalar_one()
    assert whole not in repr(stored.__dict__)


async def test_an_expiry_must_be_in_the_future(db_session: AsyncSession) -> None:
    uow = UnitOfWork(db_session, "ws-rules")
    now = datetime.now(UTC)
    body = ApiKeyCreate(name="x", scopes=["content:read"], expires_at=now)
    with pytest.raises(ExpiryNotInFuture):
        await create_api_key(uow, body, context("admin"), now)


# --- checking one -----------------------------------------------------------------------------


@pytest.fixture
async def keys(engine: AsyncEngine) -> AsyncIterator[Callable[..., Awaitable[str]]]:
    """``await keys(scopes=…, expires_at=…)`` → a whole key committed in a workspace of the
    test's own (deleted afterwards)."""
    workspace = f"ws-verify-{uuid.uuid4().hex[:8]}"

    async def make(
        scopes: tuple[str, ...] = ("content:read",), expires_at: datetime | None = None
    ) -> str:
        made = secret.generate()
        async with engine.begin() as conn:
            await conn.execute(
                insert(ApiKey).values(
                    id=uuid.uuid4(),
                    workspace_id=workspace,
                    name="test",
                    prefix=made.prefix,
                    key_hash=made.digest,
                    scopes=list(scopes),
                    created_by="user-1",
                    expires_at=expires_at,
                )
            )
        return made.key

    yield make
    async with engine.begin() as conn:
        await conn.execute(delete(ApiKey).where(ApiKey.workspace_id == workspace))


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    db = Database(database_url, pool_size=2)
    yield db
    await db.dispose()


async def row_of(engine: AsyncEngine, key: str) -> ApiKey:
    async with AsyncSession(engine) as session:
        found = await session.scalar(select(ApiKey).where(ApiKey.prefix == secret.prefix_of(key)))
    assert found is not None
    return found


async def test_a_key_becomes_its_workspaces_principal(
    database: Database, engine: AsyncEngine, keys: Callable[..., Awaitable[str]]
) -> None:
    key = await keys(scopes=("metrics:write", "content:read"))
    row = await row_of(engine, key)
    principal = await ApiKeyVerifier(database).authenticate(key)
    assert principal.workspace_id == row.workspace_id
    assert principal.subject == f"apikey:{row.id}"
    assert principal.api_key_id == str(row.id)
    assert principal.scopes == {"metrics:write", "content:read"}
    assert principal.scopes_header == "metrics:write content:read"


async def test_a_checked_key_is_cached_until_forgotten(
    database: Database, engine: AsyncEngine, keys: Callable[..., Awaitable[str]]
) -> None:
    key = await keys()
    verifier = ApiKeyVerifier(database, cache_s=300)
    await verifier.authenticate(key)
    async with engine.begin() as conn:  # revoked behind the cache's back
        await conn.execute(
            update(ApiKey)
            .where(ApiKey.prefix == secret.prefix_of(key))
            .values(revoked_at=func.now())
        )
    await verifier.authenticate(key)  # still the cached check: no query
    prefix = secret.prefix_of(key)
    assert prefix is not None
    verifier.forget(prefix)
    with pytest.raises(InvalidToken, match="revoked"):
        await verifier.authenticate(key)


async def test_without_a_cache_every_check_reads_the_database(
    database: Database, engine: AsyncEngine, keys: Callable[..., Awaitable[str]]
) -> None:
    key = await keys()
    verifier = ApiKeyVerifier(database, cache_s=0)
    await verifier.authenticate(key)
    async with engine.begin() as conn:
        await conn.execute(delete(ApiKey).where(ApiKey.prefix == secret.prefix_of(key)))
    with pytest.raises(InvalidToken, match="not valid"):
        await verifier.authenticate(key)


class HeldVerifier(ApiKeyVerifier):
    """A verifier whose database reads wait, once read, until the test lets them go on."""

    def __init__(self, database: Database) -> None:
        super().__init__(database, cache_s=300)
        self.read = asyncio.Event()
        self.go_on = asyncio.Event()

    async def _lookup(self, prefix: str) -> KeyRecord | None:
        record = await super()._lookup(prefix)
        self.read.set()
        await self.go_on.wait()
        return record


async def test_a_check_that_read_before_a_revocation_is_not_cached(
    database: Database, engine: AsyncEngine, keys: Callable[..., Awaitable[str]]
) -> None:
    key = await keys()
    prefix = secret.prefix_of(key)
    assert prefix is not None
    verifier = HeldVerifier(database)
    in_flight = asyncio.create_task(verifier.authenticate(key))
    await verifier.read.wait()  # it has read the key as active...
    async with engine.begin() as conn:  # ...then the key is revoked and forgotten...
        await conn.execute(
            update(ApiKey).where(ApiKey.prefix == prefix).values(revoked_at=func.now())
        )
    verifier.forget(prefix)
    verifier.go_on.set()
    await in_flight  # ...the request already under way may pass...
    with pytest.raises(InvalidToken, match="revoked"):
        await verifier.authenticate(key)  # ...but what it read was not kept


async def test_expiry_is_checked_on_every_request(
    database: Database, keys: Callable[..., Awaitable[str]]
) -> None:
    soon = datetime.now(UTC) + timedelta(hours=1)
    key = await keys(expires_at=soon)
    clock = [datetime.now(UTC)]
    verifier = ApiKeyVerifier(database, cache_s=300, now=lambda: clock[0])
    await verifier.authenticate(key)
    clock[0] = soon
    with pytest.raises(InvalidToken, match="expired at"):
        await verifier.authenticate(key)


async def test_last_use_is_written_once_per_interval_across_replicas(
    database: Database, engine: AsyncEngine, keys: Callable[..., Awaitable[str]]
) -> None:
    key = await keys()
    verifier = ApiKeyVerifier(database, cache_s=0, touch_every_s=60)
    for _ in range(5):
        await verifier.authenticate(key)
    await verifier.close()
    first = (await row_of(engine, key)).last_used_at
    assert first is not None
    for _ in range(5):
        await verifier.authenticate(key)
    await verifier.close()
    assert (await row_of(engine, key)).last_used_at == first  # noted once this minute
    # Another replica has no memory of it, but the statement skips a row written this minute.
    other = ApiKeyVerifier(database, cache_s=0, touch_every_s=60)
    await other.authenticate(key)
    await other.close()
    assert (await row_of(engine, key)).last_used_at == first
    async with database.sessionmaker() as session, session.begin():
        row = await row_of(engine, key)
        assert not await KeyLookup(session).touch(row.id, timedelta(seconds=60))
        assert await KeyLookup(session).touch(row.id, timedelta(0))


async def test_an_unreachable_database_is_keys_unavailable_soon(
    keys: Callable[..., Awaitable[str]], dead_socket: socket.socket
) -> None:
    key = await keys()
    port = dead_socket.getsockname()[1]
    refused = Database(f"postgresql://postgres@127.0.0.1:{port}/gateway", connect_timeout_s=0.5)
    with pytest.raises(KeysUnavailable) as unavailable:
        await ApiKeyVerifier(refused, timeout_s=1).authenticate(key)
    assert unavailable.value.retry_after_s == 5
    await refused.dispose()

    with socket.socket() as hung:  # accepts nothing: only the timeout ends the wait
        hung.bind(("127.0.0.1", 0))
        hung.listen(1)
        silent = Database(f"postgresql://postgres@127.0.0.1:{hung.getsockname()[1]}/gateway")
        started = time.monotonic()
        with pytest.raises(KeysUnavailable):
            await ApiKeyVerifier(silent, timeout_s=0.5).authenticate(key)
        assert time.monotonic() - started < 3
        await silent.dispose()


async def test_without_a_database_keys_are_off() -> None:
    with pytest.raises(KeysUnavailable, match="GATEWAY_DATABASE_URL") as off:
        await ApiKeyVerifier(None).authenticate(secret.generate().key)
    assert off.value.retry_after_s is None


async def test_a_malformed_key_never_reaches_the_database() -> None:
    with pytest.raises(InvalidToken, match="not a MediaOps API key"):
        await ApiKeyVerifier(None).authenticate("mo_short")
