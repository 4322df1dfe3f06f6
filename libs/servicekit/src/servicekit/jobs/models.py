"""A service's ``job`` and ``job_result_part`` tables: each service maps the two mixins on its
own Base (as it does the outbox and the idempotency keys) and creates them in a migration."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    Uuid,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from servicekit.models import WorkspaceModel
from servicekit.vocabulary import sql_in


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


# The statuses a runner may still claim a job in (a running one once its lease has expired).
OPEN_STATUSES = (JobStatus.QUEUED, JobStatus.RUNNING)
# At most this many row errors are kept on a job; ``error_count`` counts them all.
MAX_KEPT_ERRORS = 100


class JobMixin(WorkspaceModel):
    """Columns of a service's ``job`` table: one piece of long work, its progress and its
    answer. ``cursor`` is where the work goes on from (the kind's own words), written in the
    same transaction as each chunk of the work, so a job resumed elsewhere starts exactly
    where the last committed chunk ended."""

    __tablename__ = "job"
    # The public id is this prefix, a dash and the row's UUID (``campaign-<uuid>``): the
    # gateway routes ``/v1/jobs/{id}`` to the service the prefix names.
    id_prefix: ClassVar[str]

    @declared_attr.directive
    def __table_args__(cls) -> tuple[Any, ...]:
        # A fresh Index and constraint per table. Runners look only at open jobs (not finished),
        # oldest first; finished ones (nearly all of them, in time) stay out of the index.
        return (
            CheckConstraint(sql_in("status", JobStatus), name="status_known"),
            CheckConstraint("done >= 0 AND error_count >= 0", name="counts"),
            Index(
                "ix_job_open_created_at",
                "created_at",
                postgresql_where=text("finished_at IS NULL"),
            ),
        )

    kind: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default=JobStatus.QUEUED)
    # What was asked (the kind's own words), and the body it came with (a CSV to import),
    # read by the runner only.
    params: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    input: Mapped[bytes | None] = mapped_column(LargeBinary, default=None, deferred=True)
    cursor: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    done: Mapped[int] = mapped_column(BigInteger, default=0)
    total: Mapped[int | None] = mapped_column(BigInteger, default=None)
    # [{"at": …, "message": …}], the first MAX_KEPT_ERRORS of them.
    errors: Mapped[list[dict[str, str]]] = mapped_column(JSONB, default=list)
    error_count: Mapped[int] = mapped_column(Integer, default=0)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSONB, default=None)
    # A file the job writes (an export), in parts (``job_result_part``): its media type and
    # name are fixed when the job is submitted; None: the job writes none.
    result_media_type: Mapped[str | None] = mapped_column(String(100), default=None)
    result_filename: Mapped[str | None] = mapped_column(String(200), default=None)
    result_parts: Mapped[int] = mapped_column(Integer, default=0)
    # Who runs it and until when the claim holds without a word from them; a runner that
    # died leaves a lease that expires, and another runner claims the job again.
    lease_owner: Mapped[str | None] = mapped_column(String(100), default=None)
    leased_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # Chunks that failed in a row (a database restarting, a bug): retried with backoff, the
    # job failed after too many. Reset by a chunk that commits.
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    finished_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), default=None, index=True
    )

    @property
    def public_id(self) -> str:
        return f"{self.id_prefix}-{self.id}"


class JobResultPartMixin:
    """Columns of a service's ``job_result_part`` table: the file a job writes, part by part
    (each chunk of an export adds one, in the chunk's own transaction), read back in order."""

    __tablename__ = "job_result_part"

    @declared_attr
    def job_id(cls) -> Mapped[uuid.UUID]:
        return mapped_column(Uuid, ForeignKey("job.id", ondelete="CASCADE"), primary_key=True)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The job's workspace again, so a workspace's rows can be found (and deleted) table by table.
    workspace_id: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)


__all__ = [
    "MAX_KEPT_ERRORS",
    "OPEN_STATUSES",
    "JobMixin",
    "JobResultPartMixin",
    "JobStatus",
]
