"""The job engine: long work run in the background of the service's own process, chunk by
chunk, state in the service's PostgreSQL, surviving a crash of the process.

- **Submit**: a row in the service's ``job`` table (``JobRepository.submit``), written in the
  request's own transaction: a request that rolls back leaves no job, and the answer an
  ``Idempotency-Key`` stores names a job that exists.
- **Claim**: each process runs ``job_concurrency`` runners (a background task of
  ``create_service_app``). A runner takes the oldest open job whose lease is free or expired
  with one ``UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED)``: replicas never claim the
  same job, and a job whose process died is claimed again once its lease (``job_lease_s``) runs
  out.
- **Step**: each chunk of the work runs in ONE transaction that first re-reads the job row
  ``FOR UPDATE`` (still ours? a runner whose lease was taken over stops there), then does the
  kind's work on the same session (``JobKind.step``), appends the chunk's part of the result
  file, and moves ``done``, the ``cursor``, the errors and the lease on. A SIGKILL before the
  commit loses the chunk's work and its progress together, after it keeps both: the job goes
  on from ``done`` and its cursor, with neither duplicates nor gaps. The row lock held through
  the step keeps other runners off the job however long the chunk takes; the lease only has
  to cover the moments between chunks.
- **Failures**: a kind raising ``JobFailed`` ends the job (status ``failed``, the message in
  its errors; chunks committed before stay). Any other error (the database restarting, a bug)
  rolls the chunk back and it is tried again with backoff; ``job_max_failures`` failures in a
  row fail the job, with the detail in the log and ``last_error``, not in the answer.

Why not procrastinate (a well-kept PostgreSQL job queue): a procrastinate task is one call,
acknowledged on its own connection in its own transaction, and retried whole. Exactness here
needs each chunk's work and the job's progress to commit in the same transaction on the
service's own connection (its SQLAlchemy session, its unit of work and outbox), and progress,
errors and result parts that clients read through the service's API; procrastinate would add
its own schema outside the services' Alembic migrations and still leave all of that to write.
What is left to a queue here is one ``SKIP LOCKED`` claim and a lease, the same pattern as
``servicekit.relay``.
"""

from __future__ import annotations

import asyncio
import os
import socket
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, ClassVar, Protocol

import structlog
from prometheus_client import Counter, Gauge
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from servicekit.db import Database, plan_with_values
from servicekit.jobs.models import (
    MAX_KEPT_ERRORS,
    OPEN_STATUSES,
    JobMixin,
    JobResultPartMixin,
    JobStatus,
)
from servicekit.models import utcnow
from servicekit.outbox import OutboxEventMixin
from servicekit.settings import ServiceSettings
from servicekit.unitofwork import UnitOfWork

log = structlog.get_logger("servicekit.jobs")

# Finished jobs older than the retention are purged this often, in short transactions.
PURGE_EVERY_S = 3600.0
PURGE_CHUNK = 500
GAUGES_EVERY_S = 5.0
# The first wait after a failed chunk; each next one doubles, up to the last.
RETRY_INITIAL_S = 0.5
RETRY_MAX_S = 30.0

OPEN_JOBS = Gauge(
    "mediaops_jobs_open", "Jobs queued or running, by kind", ["service", "kind", "status"]
)
FINISHED = Counter(
    "mediaops_jobs_finished", "Jobs that ended, by kind and status", ["service", "kind", "status"]
)
STEPS = Counter("mediaops_job_steps", "Chunks of job work committed, by kind", ["service", "kind"])
STEP_FAILURES = Counter(
    "mediaops_job_step_failures",
    "Chunks of job work that failed and were rolled back (retried with backoff)",
    ["service", "kind"],
)


@dataclass(frozen=True, slots=True)
class JobError:
    """A problem with one part of the job's input (``at``: ``line 17``), or with the job."""

    at: str
    message: str

    def as_json(self) -> dict[str, str]:
        return {"at": self.at, "message": self.message}


@dataclass(frozen=True, slots=True)
class RunningJob:
    """What a kind's step reads of its job: as it was when this chunk began."""

    id: uuid.UUID
    workspace_id: str
    kind: str
    params: Mapping[str, Any]
    cursor: Mapping[str, Any]
    done: int
    total: int | None
    error_count: int
    result_parts: int
    input: bytes | None = None


@dataclass(frozen=True, slots=True)
class Step:
    """What one chunk did: ``done`` more units finished; where the next chunk starts
    (``cursor``, None to keep it); the total when the chunk learnt it; the chunk's errors; the
    next part of the result file (``output``); the job's result (None to keep it); and whether
    the job is complete."""

    done: int = 0
    cursor: Mapping[str, Any] | None = None
    total: int | None = None
    errors: Sequence[JobError] = ()
    output: bytes | None = None
    result: Mapping[str, Any] | None = None
    finished: bool = False


class JobFailed(Exception):
    """Raised by a kind's step when the job cannot go on (what it works on is gone): the job
    ends ``failed`` with this message in its errors; what earlier chunks committed stays."""


class JobKind(Protocol):
    """One kind of long work. ``step`` does one chunk in the unit of work it is given (the
    transaction that also records the progress: never commit in it), from ``job.cursor`` and
    ``job.done``, and says what it did. A chunk should take a few seconds at most."""

    name: ClassVar[str]

    async def step(self, uow: UnitOfWork, job: RunningJob) -> Step: ...


def _owner_name() -> str:
    # Unique per runner; the host and process make the log and the database rows readable.
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class JobRunner:
    """Runs one service's jobs (``model``, its ``part_model``) of the given ``kinds``.

    ``run()`` runs ``concurrency`` runners until cancelled; ``claim()``, ``step()``,
    ``run_job()`` and ``purge()`` are its pieces, for the tests and for whoever drives the
    engine another way."""

    def __init__(
        self,
        database: Database,
        model: type[JobMixin],
        part_model: type[JobResultPartMixin],
        kinds: Sequence[JobKind],
        *,
        service: str,
        outbox_model: type[OutboxEventMixin] | None = None,
        lease_s: float = 20.0,
        poll_interval_s: float = 1.0,
        concurrency: int = 2,
        max_failures: int = 5,
        retention_days: float = 7.0,
        owner: str | None = None,
    ) -> None:
        self.database = database
        self.model = model
        self.part_model = part_model
        self.kinds = {kind.name: kind for kind in kinds}
        self.service = service
        self.outbox_model = outbox_model
        self.lease = timedelta(seconds=lease_s)
        self.poll_interval_s = poll_interval_s
        self.concurrency = concurrency
        self.max_failures = max_failures
        self.retention = timedelta(days=retention_days)
        self.owner = owner or _owner_name()

    @classmethod
    def from_settings(
        cls,
        database: Database,
        model: type[JobMixin],
        part_model: type[JobResultPartMixin],
        kinds: Sequence[JobKind],
        settings: ServiceSettings,
        outbox_model: type[OutboxEventMixin] | None = None,
    ) -> JobRunner:
        return cls(
            database,
            model,
            part_model,
            kinds,
            service=settings.service_name,
            outbox_model=outbox_model,
            lease_s=settings.job_lease_s,
            poll_interval_s=settings.job_poll_interval_s,
            concurrency=settings.job_concurrency,
            max_failures=settings.job_max_failures,
            retention_days=settings.job_retention_days,
        )

    # -- the loop ---------------------------------------------------------------------------

    async def run(self) -> None:
        """Run jobs until cancelled: ``concurrency`` runners, each claiming a job and running
        it to its end, or waiting ``poll_interval_s`` when there is none; beside them, the
        gauges and the purge of old finished jobs."""
        log.info(
            "job runner started",
            kinds=sorted(self.kinds),
            concurrency=self.concurrency,
            owner=self.owner,
        )
        tasks = [
            asyncio.create_task(self._runner(), name=f"jobs-{i}") for i in range(self.concurrency)
        ]
        tasks.append(asyncio.create_task(self._housekeeping(), name="jobs-housekeeping"))
        try:
            await asyncio.gather(*tasks)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            log.info("job runner stopped", owner=self.owner)

    async def _runner(self) -> None:
        while True:
            try:
                job = await self.claim()
            except Exception:
                log.exception("claiming a job failed")
                job = None
            if job is None:
                await asyncio.sleep(self.poll_interval_s)
                continue
            try:
                await self.run_job(job)
            except Exception:
                # Ending it failed too (the database away): its lease runs out, and this runner
                # or another takes the job up again.
                log.exception("running a job failed", job_id=str(job.id))
                await asyncio.sleep(self.poll_interval_s)

    async def run_job(self, job: RunningJob) -> None:
        """Step ``job`` (claimed by this runner) until it ends or is lost; a failed chunk is
        tried again with backoff. Cancelled (the process shutting down), the chunk under way is
        rolled back and the lease released, so another process takes the job over at once."""
        log.info("job claimed", job_id=str(job.id), kind=job.kind, done=job.done)
        current = job
        try:
            while True:
                try:
                    after = await self.step(current)
                except JobFailed as failed:
                    await self._fail(current, str(failed))
                    return
                except Exception as exc:
                    STEP_FAILURES.labels(self.service, current.kind).inc()
                    failures = await self._record_failure(current, exc)
                    if failures is None:
                        return
                    if failures >= self.max_failures:
                        await self._fail(
                            current,
                            f"stopped after {failures} failed attempts at one chunk; the "
                            f"service's log has the error (job {current.id})",
                        )
                        return
                    await asyncio.sleep(min(RETRY_MAX_S, RETRY_INITIAL_S * 2 ** (failures - 1)))
                    continue
                if after is None:
                    return
                current = after
        except asyncio.CancelledError:
            await self.release(current.id)
            raise

    # -- one claim --------------------------------------------------------------------------

    async def claim(self) -> RunningJob | None:
        """Take the oldest open job of a known kind whose lease is free or expired; None when
        there is none."""
        if not self.kinds:
            return None
        m = self.model
        now = func.now()
        candidate = (
            select(m.id)
            .where(
                m.finished_at.is_(None),
                m.status.in_(OPEN_STATUSES),
                m.kind.in_(sorted(self.kinds)),
                (m.leased_until.is_(None)) | (m.leased_until < now),
            )
            .order_by(m.created_at)
            .limit(1)
            .with_for_update(skip_locked=True)
            .scalar_subquery()
        )
        statement = (
            update(m)
            .where(m.id == candidate)
            .values(
                status=JobStatus.RUNNING,
                lease_owner=self.owner,
                leased_until=now + self.lease,
                attempts=m.attempts + 1,
                started_at=func.coalesce(m.started_at, now),
                updated_at=now,
            )
            .returning(
                m.id,
                m.workspace_id,
                m.kind,
                m.params,
                m.cursor,
                m.done,
                m.total,
                m.error_count,
                m.result_parts,
                m.input,
            )
            .execution_options(synchronize_session=False)
        )
        async with self.database.sessionmaker() as session, session.begin():
            row = (await session.execute(statement)).one_or_none()
        if row is None:
            return None
        return RunningJob(
            id=row.id,
            workspace_id=row.workspace_id,
            kind=row.kind,
            params=row.params,
            cursor=row.cursor,
            done=row.done,
            total=row.total,
            error_count=row.error_count,
            result_parts=row.result_parts,
            input=row.input,
        )

    # -- one chunk --------------------------------------------------------------------------

    async def step(self, job: RunningJob) -> RunningJob | None:
        """Run one chunk of ``job`` and record its progress, in one transaction. The job as
        it now stands, or None when it has ended or is no longer this runner's."""
        m = self.model
        kind = self.kinds[job.kind]
        async with self.database.sessionmaker() as session, session.begin():
            row = (
                await session.execute(
                    select(
                        m.cursor,
                        m.done,
                        m.total,
                        m.errors,
                        m.error_count,
                        m.result_parts,
                    )
                    .where(
                        m.id == job.id,
                        m.lease_owner == self.owner,
                        m.status == JobStatus.RUNNING,
                    )
                    .with_for_update()
                )
            ).one_or_none()
            if row is None:
                log.warning("job no longer held by this runner", job_id=str(job.id))
                return None
            job = replace(
                job,
                cursor=row.cursor,
                done=row.done,
                total=row.total,
                error_count=row.error_count,
                result_parts=row.result_parts,
            )
            uow = UnitOfWork(session, job.workspace_id, self.outbox_model)
            step = await kind.step(uow, job)
            await self._record(session, job, row.errors, step)
        STEPS.labels(self.service, job.kind).inc()
        if step.finished:
            FINISHED.labels(self.service, job.kind, JobStatus.SUCCEEDED).inc()
            log.info("job succeeded", job_id=str(job.id), kind=job.kind, done=job.done + step.done)
            return None
        return replace(
            job,
            cursor=step.cursor if step.cursor is not None else job.cursor,
            done=job.done + step.done,
            total=step.total if step.total is not None else job.total,
            error_count=job.error_count + len(step.errors),
            result_parts=job.result_parts + (step.output is not None),
        )

    async def _record(
        self,
        session: AsyncSession,
        job: RunningJob,
        kept: list[dict[str, str]],
        step: Step,
    ) -> None:
        m = self.model
        now = func.now()
        values: dict[str, Any] = {
            "done": m.done + step.done,
            "leased_until": now + self.lease,
            "failures": 0,
            "updated_at": now,
        }
        if step.cursor is not None:
            values["cursor"] = dict(step.cursor)
        if step.total is not None:
            values["total"] = step.total
        if step.result is not None:
            values["result"] = dict(step.result)
        if step.errors:
            room = max(0, MAX_KEPT_ERRORS - len(kept))
            values["errors"] = [*kept, *(e.as_json() for e in step.errors[:room])]
            values["error_count"] = m.error_count + len(step.errors)
        if step.output is not None:
            await session.execute(
                insert(self.part_model).values(
                    job_id=job.id,
                    seq=job.result_parts,
                    workspace_id=job.workspace_id,
                    data=step.output,
                )
            )
            values["result_parts"] = m.result_parts + 1
        if step.finished:
            values |= {
                "status": JobStatus.SUCCEEDED,
                "finished_at": now,
                "lease_owner": None,
                "leased_until": None,
                "last_error": None,
            }
        await session.execute(
            update(m)
            .where(m.id == job.id)
            .values(**values)
            .execution_options(synchronize_session=False)
        )

    # -- endings ----------------------------------------------------------------------------

    async def _fail(self, job: RunningJob, message: str) -> None:
        """End the job ``failed`` with ``message`` among its errors (if still ours)."""
        m = self.model
        async with self.database.sessionmaker() as session, session.begin():
            kept = (
                await session.execute(
                    select(m.errors)
                    .where(m.id == job.id, m.lease_owner == self.owner)
                    .with_for_update()
                )
            ).scalar_one_or_none()
            if kept is None:
                return
            error = JobError("job", message).as_json()
            errors = [*kept, error] if len(kept) < MAX_KEPT_ERRORS else kept
            await session.execute(
                update(m)
                .where(m.id == job.id)
                .values(
                    status=JobStatus.FAILED,
                    errors=errors,
                    error_count=m.error_count + 1,
                    finished_at=func.now(),
                    updated_at=func.now(),
                    lease_owner=None,
                    leased_until=None,
                )
                .execution_options(synchronize_session=False)
            )
        FINISHED.labels(self.service, job.kind, JobStatus.FAILED).inc()
        log.warning("job failed", job_id=str(job.id), kind=job.kind, reason=message)

    async def _record_failure(self, job: RunningJob, exc: Exception) -> int | None:
        """Note a failed chunk (rolled back) on the job and keep its lease over the backoff;
        how many chunks have failed in a row, or None when the job is no longer ours."""
        log.exception("job chunk failed; retrying", job_id=str(job.id), kind=job.kind)
        m = self.model
        try:
            async with self.database.sessionmaker() as session, session.begin():
                failures = (
                    await session.execute(
                        update(m)
                        .where(m.id == job.id, m.lease_owner == self.owner)
                        .values(
                            failures=m.failures + 1,
                            last_error=f"{type(exc).__name__}: {exc}"[:2000],
                            leased_until=func.now() + self.lease + timedelta(seconds=RETRY_MAX_S),
                            updated_at=func.now(),
                        )
                        .returning(m.failures)
                        .execution_options(synchronize_session=False)
                    )
                ).scalar_one_or_none()
        except Exception:
            # The database itself is away: wait as after any failure; the next step finds out
            # whether the job is still ours.
            log.exception("recording a failed job chunk failed", job_id=str(job.id))
            return 1
        return failures

    async def release(self, job_id: uuid.UUID) -> None:
        """Give the job's lease up (this process is stopping): another runner may claim it
        at once. Its status stays running; what it committed stays."""
        m = self.model
        try:
            async with self.database.sessionmaker() as session, session.begin():
                await session.execute(
                    update(m)
                    .where(m.id == job_id, m.lease_owner == self.owner)
                    .values(lease_owner=None, leased_until=None, updated_at=func.now())
                    .execution_options(synchronize_session=False)
                )
            log.info("job lease released", job_id=str(job_id))
        except Exception:
            log.exception("releasing a job's lease failed; it expires by itself")

    # -- housekeeping -----------------------------------------------------------------------

    async def _housekeeping(self) -> None:
        last_purge: float | None = None
        loop = asyncio.get_running_loop()
        while True:
            try:
                await self.refresh_gauges()
                if last_purge is None or loop.time() - last_purge >= PURGE_EVERY_S:
                    last_purge = loop.time()
                    removed = await self.purge()
                    if removed:
                        log.info("finished jobs purged", removed=removed)
            except Exception:
                log.exception("job housekeeping failed")
            await asyncio.sleep(GAUGES_EVERY_S)

    async def refresh_gauges(self) -> dict[tuple[str, str], int]:
        """Open jobs by (kind, status), into the gauge; returned too."""
        m = self.model
        async with self.database.sessionmaker() as session:
            rows = (
                await session.execute(
                    select(m.kind, m.status, func.count())
                    # finished_at IS NULL: the same jobs (an open status has none), found
                    # through ix_job_open_created_at; by status alone, every process read the
                    # whole table every 5 s (9-38 ms at 100,000 finished jobs, by their width).
                    .where(m.finished_at.is_(None), m.status.in_(OPEN_STATUSES))
                    .group_by(m.kind, m.status)
                )
            ).all()
        counts = {(kind, status): int(n) for kind, status, n in rows}
        for kind in self.kinds:
            for status in OPEN_STATUSES:
                OPEN_JOBS.labels(self.service, kind, status).set(counts.get((kind, status), 0))
        return counts

    async def purge(self, *, now: datetime | None = None) -> int:
        """Delete jobs (and their result files) finished longer ago than the retention."""
        m = self.model
        before = (now or utcnow()) - self.retention
        removed = 0
        while True:
            async with self.database.sessionmaker() as session, session.begin():
                # With its values: a generic plan, made without the cut-off, reads the whole
                # table to find the old finished jobs (36 ms against 6 for 500 of 100,000,
                # bench/RESULTS.md, "background polls").
                await plan_with_values(session)
                chunk = (
                    select(m.id)
                    .where(m.finished_at.is_not(None), m.finished_at < before)
                    .limit(PURGE_CHUNK)
                    .scalar_subquery()
                )
                result = await session.execute(delete(m).where(m.id.in_(chunk)))
            count = int(getattr(result, "rowcount", 0) or 0)
            removed += count
            if count < PURGE_CHUNK:
                return removed
