"""Model base: constraint naming convention, UUID ids, tz-aware timestamps, workspace column."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import DateTime, MetaData, String, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def service_metadata() -> MetaData:
    """A fresh ``MetaData`` with the naming convention, for one service's declarative base.

    Each service declares ``class Base(DeclarativeBase): metadata = service_metadata()`` so its
    tables never share a registry with another service's, even when both are imported in one
    process (the end-to-end and deployment tests do).
    """
    return MetaData(naming_convention=NAMING_CONVENTION)


class IdMixin:
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)


class TimestampMixin:
    # Set in Python (not only now()) so rows made in one transaction still order by creation.
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now(), index=True
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow, server_default=func.now()
    )


class WorkspaceMixin:
    workspace_id: Mapped[str] = mapped_column(String(64), index=True)


class WorkspaceModel(IdMixin, WorkspaceMixin, TimestampMixin):
    """Columns every workspace-owned row has: id, workspace_id, created_at, updated_at."""
