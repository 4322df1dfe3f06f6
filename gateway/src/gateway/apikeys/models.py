"""The gateway's tables: API keys, and the answers of POSTs sent with an Idempotency-Key."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import DateTime, LargeBinary, String
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from servicekit.idempotency import IdempotencyKeyMixin
from servicekit.models import WorkspaceModel, service_metadata

NAME_MAX = 100
SUBJECT_MAX = 255


class Base(DeclarativeBase):
    """Declarative base of the gateway's models: one metadata, the gateway's alone."""

    metadata = service_metadata()


class KeyStatus(StrEnum):
    """Where a key stands: only an active key is accepted."""

    ACTIVE = "active"
    EXPIRED = "expired"
    REVOKED = "revoked"


class ApiKey(WorkspaceModel, Base):
    """A machine's credential in one workspace; the key itself is never stored, its hash is."""

    __tablename__ = "api_key"

    name: Mapped[str] = mapped_column(String(NAME_MAX))
    # Not secret: how the key's row is found (``secret.prefix_of``) and how lists name it.
    prefix: Mapped[str] = mapped_column(String(16), unique=True)
    # SHA-256 of the whole key (``secret.digest``).
    key_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    scopes: Mapped[list[str]] = mapped_column(ARRAY(String(64)))
    # The subject of the token that created or revoked it.
    created_by: Mapped[str] = mapped_column(String(SUBJECT_MAX))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    revoked_by: Mapped[str | None] = mapped_column(String(SUBJECT_MAX), default=None)

    def status(self, now: datetime) -> KeyStatus:
        if self.revoked_at is not None:
            return KeyStatus.REVOKED
        if self.expires_at is not None and self.expires_at <= now:
            return KeyStatus.EXPIRED
        return KeyStatus.ACTIVE


class IdempotencyKey(IdempotencyKeyMixin, Base):
    """One POST's answer per workspace and key, replayed to a retry with the same key (a new
    API key's answer is kept without its secret: ``apikeys.router``)."""

    __tablename__ = "idempotency_key"


metadata = Base.metadata

__all__ = ["ApiKey", "Base", "IdempotencyKey", "KeyStatus", "metadata"]
