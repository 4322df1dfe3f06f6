"""``Idempotency-Key``: the same key and request replays the first answer, exactly once executed.

Every POST route of a service gets this from ``servicekit.door`` without code of its own; the
service maps ``IdempotencyKeyMixin`` on its own Base (table ``idempotency_key``) and hands the
model to ``create_service_app(idempotency_model=...)``:

- no header → the route runs as usual (and a route marked ``not_keyed``, which a platform calls
  without a workspace, never reads the header);
- a new key → when the request's session opens (``servicekit.db.get_db_session``), the key is
  claimed with ``INSERT … ON CONFLICT`` *in the request's own transaction*; the route runs, and
  the answer it returns (status, headers, body) is stored in that same transaction, before the
  one commit point commits, so the key is recorded if and only if the change committed;
- the same key again (even concurrently: the second ``INSERT`` waits on the first one's
  uncommitted index entry) → the stored status, body and headers are replayed byte for byte;
- the same key with a different method, path or body → 409.

A request that fails (4xx/5xx) rolls back with its transaction and leaves no key behind, so the
client may retry it under the same key. Keys are per workspace and live ``ttl`` (24 h by
default); an expired key is claimed afresh by the same
``INSERT … ON CONFLICT … DO UPDATE … WHERE expires_at < now()``. A route whose answer depends
on who asks (masked fields) stores the full answer and shows it per caller with
``answer_view``, on the first answer and on every replay alike. A route whose answer holds a
secret shown once (a new API key) stores it without the secret with ``stored_as``: the first
caller gets the whole answer, a replay the stored one.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import json
import re
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

import structlog
from fastapi import Request, Response
from sqlalchemy import (
    DateTime,
    Integer,
    LargeBinary,
    String,
    Table,
    delete,
    func,
    select,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, class_mapper, mapped_column

from servicekit.context import get_request_context
from servicekit.db import SCOPE_ON_SESSION, Database, DriverStatement
from servicekit.errors import Conflict, Unprocessable
from servicekit.repository import rows_changed

HEADER_IDEMPOTENCY_KEY = "Idempotency-Key"
HEADER_REPLAYED = "Idempotent-Replayed"
DEFAULT_TTL = timedelta(hours=24)
# Expired keys are deleted this often by the service's own housekeeping task (``purging``).
PURGE_EVERY_S = 3600.0

log = structlog.get_logger("servicekit.idempotency")
_KEY_PATTERN = re.compile(r"^[\x21-\x7e]{1,255}$")  # visible ASCII, as Stripe and the IETF draft


class IdempotencyKeyMixin:
    """Columns of a service's ``idempotency_key`` table (one row per workspace and key)."""

    __tablename__ = "idempotency_key"

    workspace_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    method: Mapped[str] = mapped_column(String(10))
    path: Mapped[str] = mapped_column(String(2000))
    request_hash: Mapped[str] = mapped_column(String(64))
    response_status: Mapped[int | None] = mapped_column(Integer, default=None)
    response_body: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    response_headers: Mapped[dict[str, str]] = mapped_column(JSONB, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # Indexed so a periodic purge of expired keys does not scan the table.
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


def _key_table(model: type[IdempotencyKeyMixin]) -> Table:
    """The ``Table`` a service mapped the mixin to (SQLAlchemy types a mapped class's table as any
    ``FromClause``; a class with ``__tablename__`` always has a ``Table``)."""
    table = class_mapper(model).local_table
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is mapped to {table!r}, not to a table")
    return table


@dataclass(frozen=True, slots=True)
class _Statements:
    claim: DriverStatement
    complete: DriverStatement


@functools.cache
def _statements(table: Table) -> _Statements:
    """The claim and the completion of a key, made once per table and sent by the driver
    itself (``DriverStatement``): every keyed POST sends both, and through SQLAlchemy's
    statement machinery each cost ~110 µs more CPU than the driver alone (measured,
    bench/RESULTS.md, 2026-12-05)."""
    name = table.name
    claim = f"""
INSERT INTO {name} AS k (workspace_id, key, method, path, request_hash, response_status,
    response_body, response_headers, created_at, expires_at)
VALUES (:workspace_id, :key, :method, :path, :request_hash, NULL, NULL, '{{}}'::jsonb, now(),
    now() + CAST(:ttl AS interval))
ON CONFLICT (workspace_id, key) DO UPDATE SET
    method = excluded.method, path = excluded.path, request_hash = excluded.request_hash,
    response_status = NULL, response_body = NULL, response_headers = '{{}}'::jsonb,
    created_at = excluded.created_at, expires_at = excluded.expires_at
WHERE k.expires_at < now()
RETURNING k.key"""
    complete = f"""
UPDATE {name} SET response_status = :status, response_body = :body, response_headers = :headers
WHERE workspace_id = :workspace_id AND key = :key"""
    return _Statements(DriverStatement(claim), DriverStatement(complete, json_params=("headers",)))


@dataclass(frozen=True, slots=True)
class StoredResponse:
    status: int
    body: bytes
    headers: dict[str, str]

    @classmethod
    def of(cls, response: Response) -> StoredResponse:
        headers = {k: v for k, v in response.headers.items() if k != "content-length"}
        return cls(response.status_code, bytes(response.body), headers)

    def to_response(self) -> Response:
        headers = {**self.headers, HEADER_REPLAYED: "true"}
        return Response(content=self.body, status_code=self.status, headers=headers)


def request_fingerprint(method: str, path: str, payload: Any) -> str:
    """SHA-256 over method, path and the canonical JSON of the parsed body.

    The parsed body (not the raw bytes) is hashed so whitespace or key order do not make the
    same request look different.
    """
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{method.upper()} {path}\n{canonical}".encode()).hexdigest()


class IdempotencyStore:
    """Claim, replay and complete keys of one workspace in the caller's transaction."""

    def __init__(
        self,
        session: AsyncSession,
        model: type[IdempotencyKeyMixin],
        workspace_id: str,
        ttl: timedelta = DEFAULT_TTL,
    ) -> None:
        self.session = session
        self.model = model
        self.table = _key_table(model)
        self.workspace_id = workspace_id
        self.ttl = ttl

    async def claim(
        self, key: str, method: str, path: str, request_hash: str
    ) -> StoredResponse | None:
        """``None`` when this request now owns ``key``; the stored answer when it was used.

        Raises ``Conflict`` when the key was used for a different request.
        """
        m = self.model
        # One statement: a fresh key is inserted, an expired one is taken over, a live one is
        # left alone (and a concurrent claimer waits here until the first commits or aborts).
        claimed = await _statements(self.table).claim.fetchrow(
            self.session,
            {
                "workspace_id": self.workspace_id,
                "key": key,
                "method": method.upper(),
                "path": path,
                "request_hash": request_hash,
                "ttl": self.ttl,
            },
        )
        if claimed is not None:
            return None
        row = (
            await self.session.execute(
                select(
                    m.method,
                    m.path,
                    m.request_hash,
                    m.response_status,
                    m.response_body,
                    m.response_headers,
                ).where(m.workspace_id == self.workspace_id, m.key == key)
            )
        ).one()
        if (row.method, row.path, row.request_hash) != (method.upper(), path, request_hash):
            raise IdempotencyKeyReused(key, row.method, row.path)
        # A row is only ever visible committed, and committed rows carry their response.
        assert row.response_status is not None
        assert row.response_body is not None
        return StoredResponse(row.response_status, row.response_body, dict(row.response_headers))

    async def complete(self, key: str, response: StoredResponse) -> None:
        """Store the answer of the request that owns ``key`` (same transaction as its work)."""
        await _statements(self.table).complete.execute(
            self.session,
            {
                "workspace_id": self.workspace_id,
                "key": key,
                "status": response.status,
                "body": response.body,
                "headers": response.headers,
            },
        )

    async def purge_expired(self) -> int:
        """Delete this workspace's expired keys; returns how many."""
        m = self.model
        return await rows_changed(
            self.session,
            delete(m).where(m.workspace_id == self.workspace_id, m.expires_at < func.now()),
        )


async def purge_expired_keys(session: AsyncSession, model: type[IdempotencyKeyMixin]) -> int:
    """Delete every workspace's expired keys (the housekeeping pass); returns how many."""
    return await rows_changed(session, delete(model).where(model.expires_at < func.now()))


def purging(
    model: type[IdempotencyKeyMixin], every_s: float = PURGE_EVERY_S
) -> Callable[[Database], Coroutine[object, object, None]]:
    """A background task for ``create_service_app``: purge expired keys at start and then every
    ``every_s`` seconds, so a table that every POST writes to does not grow without end. A
    failed pass is logged and tried again next time."""

    async def purge(database: Database) -> None:
        while True:
            try:
                async with database.sessionmaker() as session, session.begin():
                    removed = await purge_expired_keys(session, model)
                if removed:
                    log.info("expired idempotency keys purged", removed=removed)
            except Exception:
                log.exception("purging expired idempotency keys failed")
            await asyncio.sleep(every_s)

    return purge


class IdempotencyKeyReused(Conflict):
    def __init__(self, key: str, method: str, path: str) -> None:
        super().__init__(
            f"Idempotency-Key {key!r} was already used for a different request ({method} {path} "
            "with another body); send a new key for a new request.",
        )


class _Replay(Exception):
    """Raised when the session opens on a key already answered: the route must not run."""

    def __init__(self, stored: StoredResponse) -> None:
        self.stored = stored


AnswerView = Callable[[Request, Response], Awaitable[Response]]
_VIEW_ATTR = "__mediaops_answer_view__"
_Endpoint = TypeVar("_Endpoint", bound=Callable[..., Any])


def answer_view(view: AnswerView) -> Callable[[_Endpoint], _Endpoint]:
    """Decorate an endpoint whose answer depends on the caller: the full answer is what is
    stored under an Idempotency-Key, and ``view`` turns it (fresh or replayed) into what this
    caller may see."""

    def mark(endpoint: _Endpoint) -> _Endpoint:
        setattr(endpoint, _VIEW_ATTR, view)
        return endpoint

    return mark


def view_of(endpoint: Callable[..., Any]) -> AnswerView | None:
    view: AnswerView | None = getattr(endpoint, _VIEW_ATTR, None)
    return view


StoredForm = Callable[[Response], Response]
_STORED_ATTR = "__mediaops_stored_form__"


def stored_as(form: StoredForm) -> Callable[[_Endpoint], _Endpoint]:
    """Decorate an endpoint whose answer must not be kept as it is (it holds a secret shown
    once): ``form`` turns the answer into what is stored under the Idempotency-Key and
    replayed; the request that ran the route still gets its own answer whole."""

    def mark(endpoint: _Endpoint) -> _Endpoint:
        setattr(endpoint, _STORED_ATTR, form)
        return endpoint

    return mark


def stored_form_of(endpoint: Callable[..., Any]) -> StoredForm | None:
    form: StoredForm | None = getattr(endpoint, _STORED_ATTR, None)
    return form


_NOT_KEYED_ATTR = "__mediaops_not_keyed__"


def not_keyed(endpoint: _Endpoint) -> _Endpoint:
    """Mark a POST that takes no ``Idempotency-Key``: one a platform calls without a workspace
    (a push to a callback), which carries its own ids and de-duplicates on them. The door
    neither reads nor documents the header on it."""
    setattr(endpoint, _NOT_KEYED_ATTR, True)
    return endpoint


def is_keyed(endpoint: Callable[..., Any]) -> bool:
    """Whether a POST endpoint takes an ``Idempotency-Key`` (all but the ``not_keyed``)."""
    return not getattr(endpoint, _NOT_KEYED_ATTR, False)


IDEMPOTENCY_PARAMETER: dict[str, Any] = {
    "name": HEADER_IDEMPOTENCY_KEY,
    "in": "header",
    "required": False,
    "description": "Any unique string of 1 to 255 visible ASCII characters (a UUID is good); a "
    "retry with the same key and body replays the first answer (header "
    f"`{HEADER_REPLAYED}: true`), another body under the same key is a 409. Kept 24 hours, "
    "per workspace.",
    "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[!-~]+$"},
}


def _payload(body: bytes) -> Any:
    """What a request's fingerprint is taken of: its JSON, or its bytes when it is not JSON
    (a CSV import)."""
    if not body:
        return None
    try:
        return json.loads(body)
    except ValueError:
        return body.hex()


async def serve(
    request: Request,
    handler: Callable[[Request], Awaitable[Response]],
    model: type[IdempotencyKeyMixin] | None,
    view: AnswerView | None = None,
    stored_form: StoredForm | None = None,
) -> Response:
    """Run a POST route under its ``Idempotency-Key`` (``servicekit.door`` calls this)."""
    key = request.headers.get(HEADER_IDEMPOTENCY_KEY)
    if key is None or model is None:
        response = await handler(request)
        return await view(request, response) if view is not None else response
    if not _KEY_PATTERN.fullmatch(key):
        raise Unprocessable(
            "Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID works).",
            errors=[
                {
                    "loc": ["header", HEADER_IDEMPOTENCY_KEY],
                    "msg": "1 to 255 visible ASCII characters",
                    "type": "string_pattern_mismatch",
                }
            ],
        )
    method, path = request.method, request.url.path
    claimed: list[IdempotencyStore] = []

    async def claim(session: AsyncSession) -> None:
        ctx = await get_request_context(request)
        store = IdempotencyStore(session, model, ctx.workspace_id)
        fingerprint = request_fingerprint(method, path, _payload(await request.body()))
        stored = await store.claim(key, method, path, fingerprint)
        if stored is not None:
            raise _Replay(stored)
        claimed.append(store)

    request.scope[SCOPE_ON_SESSION] = claim
    try:
        response = await handler(request)
    except _Replay as replay:
        response = replay.stored.to_response()
    else:
        # Still inside the session's scope: this write commits with the route's own work.
        stored = StoredResponse.of(stored_form(response) if stored_form else response)
        for store in claimed:
            await store.complete(key, stored)
    return await view(request, response) if view is not None else response
