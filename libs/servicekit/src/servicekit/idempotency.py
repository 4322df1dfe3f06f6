"""``Idempotency-Key``: the same key and request replays the first answer, exactly once executed.

A service maps ``IdempotencyKeyMixin`` on its own Base (table ``idempotency_key``) and builds a
dependency with ``idempotency_dependency(Model)``. An endpoint then runs its work through
``Idempotency.run(...)``:

- no header → the work runs as usual;
- a new key → the key is claimed with ``INSERT … ON CONFLICT`` *in the request's own
  transaction*, the work runs, and the serialised answer is stored in that same transaction, so
  the key is recorded if and only if the change committed;
- the same key again (even concurrently: the second ``INSERT`` waits on the first one's
  uncommitted index entry) → the stored status, body and headers are replayed byte for byte;
- the same key with a different method, path or body → 409.

A request that fails (4xx/5xx) rolls back with its transaction and leaves no key behind, so the
client may retry it under the same key. Keys live ``ttl`` (24 h by default); an expired key is
claimed afresh by the same ``INSERT … ON CONFLICT … DO UPDATE … WHERE expires_at < now()``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import Header, Request, Response
from pydantic import BaseModel
from sqlalchemy import DateTime, Integer, LargeBinary, String, delete, func, select
from sqlalchemy.dialects.postgresql import JSONB, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from servicekit.context import ContextDep
from servicekit.db import SessionDep
from servicekit.errors import Conflict, Unprocessable

HEADER_IDEMPOTENCY_KEY = "Idempotency-Key"
HEADER_REPLAYED = "Idempotent-Replayed"
DEFAULT_TTL = timedelta(hours=24)
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


@dataclass(frozen=True, slots=True)
class StoredResponse:
    status: int
    body: bytes
    headers: dict[str, str]

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
        self.workspace_id = workspace_id
        self.ttl = ttl

    async def claim(
        self, key: str, method: str, path: str, request_hash: str
    ) -> StoredResponse | None:
        """``None`` when this request now owns ``key``; the stored answer when it was used.

        Raises ``Conflict`` when the key was used for a different request.
        """
        m = self.model
        table = m.__table__  # type: ignore[attr-defined]
        values: dict[str, Any] = {
            "workspace_id": self.workspace_id,
            "key": key,
            "method": method.upper(),
            "path": path,
            "request_hash": request_hash,
            "response_status": None,
            "response_body": None,
            "response_headers": {},
            "created_at": func.now(),
            "expires_at": func.now() + self.ttl,
        }
        insert_stmt = insert(table).values(**values)
        # One statement: a fresh key is inserted, an expired one is taken over, a live one is
        # left alone (and a concurrent claimer waits here until the first commits or aborts).
        stmt = insert_stmt.on_conflict_do_update(
            index_elements=[table.c.workspace_id, table.c.key],
            set_={k: insert_stmt.excluded[k] for k in values if k not in ("workspace_id", "key")},
            where=table.c.expires_at < func.now(),
        ).returning(table.c.key)
        claimed = (await self.session.execute(stmt)).first()
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
        m = self.model
        table = m.__table__  # type: ignore[attr-defined]
        await self.session.execute(
            table.update()
            .where(table.c.workspace_id == self.workspace_id, table.c.key == key)
            .values(
                response_status=response.status,
                response_body=response.body,
                response_headers=response.headers,
            )
        )

    async def purge_expired(self) -> int:
        """Delete this workspace's expired keys; returns how many."""
        m = self.model
        result = await self.session.execute(
            delete(m).where(m.workspace_id == self.workspace_id, m.expires_at < func.now())
        )
        return int(getattr(result, "rowcount", 0) or 0)


class IdempotencyKeyReused(Conflict):
    def __init__(self, key: str, method: str, path: str) -> None:
        super().__init__(
            f"Idempotency-Key {key!r} was already used for a different request ({method} {path} "
            "with another body); send a new key for a new request.",
        )


@dataclass(frozen=True, slots=True)
class Answer:
    """What ``execute`` may return when the status depends on the outcome (201 vs 200)."""

    body: BaseModel
    status_code: int
    headers: dict[str, str] | None = None


@dataclass(slots=True)
class Idempotency:
    """What an endpoint gets: run its work once per key, replay the answer afterwards."""

    store: IdempotencyStore
    key: str | None
    method: str
    path: str

    async def run(
        self,
        payload: BaseModel | dict[str, Any] | None,
        execute: Callable[[], Awaitable[BaseModel | Answer]],
        *,
        status_code: int = 200,
        headers: dict[str, str] | None = None,
    ) -> Response:
        """Run ``execute`` (or replay); the answer is the JSON of the model it returns, with
        ``status_code`` and ``headers`` unless it returns an ``Answer`` that says otherwise."""
        if self.key is not None:
            data = payload.model_dump(mode="json") if isinstance(payload, BaseModel) else payload
            request_hash = request_fingerprint(self.method, self.path, data)
            stored = await self.store.claim(self.key, self.method, self.path, request_hash)
            if stored is not None:
                return stored.to_response()
        result = await execute()
        if isinstance(result, Answer):
            model, status_code, headers = result.body, result.status_code, result.headers
        else:
            model = result
        answer = StoredResponse(
            status=status_code,
            body=model.model_dump_json().encode(),
            headers={"content-type": "application/json", **(headers or {})},
        )
        if self.key is not None:
            await self.store.complete(self.key, answer)
        return Response(content=answer.body, status_code=answer.status, headers=answer.headers)


def idempotency_dependency(
    model: type[IdempotencyKeyMixin], ttl: timedelta = DEFAULT_TTL
) -> Callable[..., Awaitable[Idempotency]]:
    """A FastAPI dependency yielding an ``Idempotency`` for the request's workspace."""

    async def get_idempotency(  # async: no worker thread for a quick dependency
        request: Request,
        session: SessionDep,
        ctx: ContextDep,
        idempotency_key: Annotated[
            str | None,
            Header(
                alias=HEADER_IDEMPOTENCY_KEY,
                description="Any unique string (a UUID is good); a retry with the same key and "
                "body replays the first answer. Kept at least 24 hours.",
            ),
        ] = None,
    ) -> Idempotency:
        if idempotency_key is not None and not _KEY_PATTERN.fullmatch(idempotency_key):
            raise Unprocessable(
                "Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID works)."
            )
        return Idempotency(
            store=IdempotencyStore(session, model, ctx.workspace_id, ttl),
            key=idempotency_key,
            method=request.method,
            path=request.url.path,
        )

    return get_idempotency
