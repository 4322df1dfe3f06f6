"""Checking an API key on a request: the key's row, its hash, its state, a short cache.

A key is found by its prefix (``repository.KeyLookup``) and accepted when the SHA-256 of what
was sent equals the stored one (compared in constant time), it is not revoked and has not
expired. The caller then becomes a ``Principal`` like a token's: the key's workspace, subject
``apikey:<id>`` and the key's scopes.

**Cache.** A checked key (accepted or revoked, never an unknown one, so garbage cannot push good
keys out) is kept ``cache_s`` seconds, so a busy machine does not cost a database query a
request. Expiry is checked on every request. A revocation through this replica removes the key
from the cache as soon as it is committed, before its answer is sent, so no request after that
answer gets through here; another replica may accept the key until its own entry is
``cache_s`` old. A check that read the row before a revocation and finishes after it is not
cached (the revocation bumps a generation the check compares).

**Last use.** ``last_used_at`` is written at most once per ``touch_every_s`` per key, by a
background write the request does not wait for; the statement itself skips rows written less
than that long ago, so several replicas together still write about once per interval.

**The database down.** Only key checks need it: a check that cannot reach it within
``timeout_s`` is a ``KeysUnavailable`` (503) while cached keys and every token keep working.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import asyncpg
import structlog
from cachetools import TTLCache
from sqlalchemy.exc import SQLAlchemyError

from gateway.apikeys import secret
from gateway.apikeys.repository import KeyLookup, KeyRecord
from gateway.auth import InvalidToken, Principal
from servicekit.db import Database

log = structlog.get_logger("gateway.apikeys")

SUBJECT_PREFIX = "apikey:"
RETRY_AFTER_S = 5
# What a database that cannot be reached (or answers nothing usable) raises here.
DATABASE_FAILURES = (
    OSError,
    TimeoutError,
    SQLAlchemyError,
    asyncpg.PostgresError,
    asyncpg.InterfaceError,
)

MALFORMED = (
    "This is not a MediaOps API key: a key is `mo_`, 16 hex digits, `_` and 43 more "
    "characters, exactly as shown when it was created."
)
UNKNOWN = (
    "This API key is not valid: no key matches it (check it was copied whole, or ask a "
    "workspace admin for a new one)."
)


class KeysUnavailable(Exception):
    """API keys cannot be checked now (503); ``retry_after_s`` is None when retrying will not
    help (the gateway has no database)."""

    def __init__(self, detail: str, retry_after_s: int | None = RETRY_AFTER_S) -> None:
        super().__init__(detail)
        self.retry_after_s = retry_after_s


@dataclass(frozen=True, slots=True)
class _Checked:
    record: KeyRecord
    principal: Principal


def _utc(at: datetime) -> str:
    return at.astimezone(UTC).isoformat().replace("+00:00", "Z")


class ApiKeyVerifier:
    """Turns a presented key into a ``Principal`` (see the module's docstring)."""

    def __init__(
        self,
        database: Database | None,
        *,
        cache_s: float = 10.0,
        cache_size: int = 10_000,
        touch_every_s: float = 60.0,
        timeout_s: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._database = database
        self._timeout_s = timeout_s
        self._touch_every = timedelta(seconds=touch_every_s)
        self._now = now
        self._cache: TTLCache[str, _Checked] | None = (
            TTLCache(maxsize=cache_size, ttl=cache_s, timer=clock) if cache_s > 0 else None
        )
        # Keys whose use was noted within the interval (by this replica).
        self._touched: TTLCache[str, bool] = TTLCache(
            maxsize=cache_size, ttl=touch_every_s, timer=clock
        )
        self._generation = 0
        self._writes: set[asyncio.Task[None]] = set()

    @property
    def enabled(self) -> bool:
        return self._database is not None

    async def authenticate(self, key: str) -> Principal:
        prefix = secret.prefix_of(key)
        if prefix is None:
            raise InvalidToken(MALFORMED)
        presented = secret.digest(key)
        checked = self._cache.get(prefix) if self._cache is not None else None
        if checked is None:
            generation = self._generation
            record = await self._lookup(prefix)
            if record is None:
                raise InvalidToken(UNKNOWN)
            checked = _Checked(record, _principal(record))
            if self._cache is not None and generation == self._generation:
                self._cache[prefix] = checked
        record = checked.record
        if not secret.matches(presented, record.key_hash):
            raise InvalidToken(UNKNOWN)
        if record.revoked_at is not None:
            raise InvalidToken(
                f"This API key was revoked at {_utc(record.revoked_at)}; ask a workspace admin "
                "for a new one."
            )
        if record.expires_at is not None and record.expires_at <= self._now():
            raise InvalidToken(
                f"This API key expired at {_utc(record.expires_at)}; ask a workspace admin for "
                "a new one."
            )
        self._note_use(record)
        return checked.principal

    def forget(self, prefix: str) -> None:
        """Drop the key from this replica's cache (it was just revoked), and keep any check
        already on its way to the database from caching what it read."""
        self._generation += 1
        if self._cache is not None:
            self._cache.pop(prefix, None)

    async def close(self) -> None:
        """Wait for the last-use writes still running (at shutdown)."""
        if self._writes:
            await asyncio.gather(*self._writes, return_exceptions=True)

    async def _lookup(self, prefix: str) -> KeyRecord | None:
        if self._database is None:
            raise KeysUnavailable(
                "This gateway takes no API keys: it has no database (GATEWAY_DATABASE_URL is "
                "not set). Use a bearer token.",
                retry_after_s=None,
            )
        try:
            async with (
                asyncio.timeout(self._timeout_s),
                self._database.sessionmaker() as session,
            ):
                return await KeyLookup(session).by_prefix(prefix)
        except DATABASE_FAILURES as exc:
            log.warning("api key lookup failed", error=f"{type(exc).__name__}: {exc}"[:300])
            raise KeysUnavailable(
                "API keys cannot be checked right now: the gateway's database does not answer. "
                f"Try again in {RETRY_AFTER_S} s (bearer tokens are not affected)."
            ) from exc

    def _note_use(self, record: KeyRecord) -> None:
        key = str(record.id)
        if self._database is None or key in self._touched:
            return
        self._touched[key] = True
        task = asyncio.create_task(self._touch(record))
        self._writes.add(task)
        task.add_done_callback(self._writes.discard)

    async def _touch(self, record: KeyRecord) -> None:
        assert self._database is not None
        try:
            async with (
                asyncio.timeout(self._timeout_s),
                self._database.sessionmaker() as session,
                session.begin(),
            ):
                await KeyLookup(session).touch(record.id, self._touch_every)
        except DATABASE_FAILURES as exc:
            # The next request after the interval tries again; a missed note is harmless.
            log.warning("api key last use not recorded", key_id=str(record.id), error=repr(exc))


def _principal(record: KeyRecord) -> Principal:
    return Principal(
        f"{SUBJECT_PREFIX}{record.id}",
        record.workspace_id,
        frozenset(record.scopes),
        " ".join(record.scopes),
        api_key_id=str(record.id),
    )
