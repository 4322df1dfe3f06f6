"""Every query request code makes of a service's jobs: submitting one, finding one by its
public id, reading its result file part by part (workspace-filtered, as every repository).

A service declares its own, naming its two tables::

    class JobRepository(servicekit.jobs.JobRepository[Job]):
        model = Job
        part_model = JobResultPart
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Mapping
from typing import Any, TypeVar

from sqlalchemy import select

from servicekit.jobs.models import JobMixin, JobResultPartMixin, JobStatus
from servicekit.repository import WorkspaceRepository

J = TypeVar("J", bound=JobMixin)


def parse_job_id(prefix: str, public_id: str) -> uuid.UUID | None:
    """The row id of ``<prefix>-<uuid>`` (or of the UUID alone); None when it is neither."""
    raw = public_id.removeprefix(f"{prefix}-")
    try:
        return uuid.UUID(raw)
    except ValueError:
        return None


class JobRepository(WorkspaceRepository[J]):
    """A service's jobs of one workspace (subclass it with ``model`` and ``part_model``)."""

    part_model: type[JobResultPartMixin]

    async def submit(
        self,
        kind: str,
        *,
        params: Mapping[str, Any],
        total: int | None = None,
        input: bytes | None = None,
        result: Mapping[str, Any] | None = None,
        result_media_type: str | None = None,
        result_filename: str | None = None,
    ) -> J:
        """A queued job of ``kind``, in the caller's transaction: a runner may claim it once
        that commits. ``params`` are the kind's own words (JSON); ``input`` a body it reads
        (a file to import); ``result_media_type`` and ``result_filename`` name the file the
        job writes, if it writes one."""
        job = self.model()
        job.kind = kind
        job.status = JobStatus.QUEUED
        job.params = dict(params)
        job.input = input
        job.cursor = {}
        job.done = 0
        job.total = total
        job.errors = []
        job.error_count = 0
        job.result = dict(result) if result is not None else None
        job.result_media_type = result_media_type
        job.result_filename = result_filename
        job.result_parts = 0
        job.attempts = 0
        job.failures = 0
        return await self.add(job)

    async def get_by_public_id(self, public_id: str) -> J | None:
        """The workspace's job whose public id is ``public_id`` (``campaign-<uuid>``)."""
        job_id = parse_job_id(self.model.id_prefix, public_id)
        return await self.get(job_id) if job_id is not None else None

    async def result_file(self, job: J) -> AsyncIterator[bytes]:
        """The job's result file, part after part: one part in memory at a time."""
        part = self.part_model
        for seq in range(job.result_parts):
            data = (
                await self.session.execute(
                    select(part.data).where(
                        part.workspace_id == self.workspace_id,
                        part.job_id == job.id,
                        part.seq == seq,
                    )
                )
            ).scalar_one_or_none()
            if data is None:  # purged meanwhile: the answer ends where the file ended
                return
            yield data
