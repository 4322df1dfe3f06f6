"""Long work as jobs: what can outlast a request (bulk generation, imports, large exports)
answers ``202`` with a job, runs in the background of the service's own process chunk by
chunk, and survives a restart (``engine``: how and why). A service maps the two table mixins
(``models``), declares its ``JobRepository`` and kinds, and hands ``JobSetup`` to
``create_service_app(jobs=…)``, which serves ``GET /v1/jobs/<service>-{id}`` and runs them."""

from servicekit.jobs.api import (
    JobRead,
    JobSetup,
    accepted,
    accepted_response,
    job_location,
    job_read,
    jobs_router,
)
from servicekit.jobs.engine import JobError, JobFailed, JobKind, JobRunner, RunningJob, Step
from servicekit.jobs.models import JobMixin, JobResultPartMixin, JobStatus
from servicekit.jobs.repository import JobRepository, parse_job_id

__all__ = [
    "JobError",
    "JobFailed",
    "JobKind",
    "JobMixin",
    "JobRead",
    "JobRepository",
    "JobResultPartMixin",
    "JobRunner",
    "JobSetup",
    "JobStatus",
    "RunningJob",
    "Step",
    "accepted",
    "accepted_response",
    "job_location",
    "job_read",
    "jobs_router",
    "parse_job_id",
]
