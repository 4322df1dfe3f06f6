"""The job resource on the wire: ``GET /v1/jobs/{id}`` and ``GET /v1/jobs/{id}/result``, the
``JobRead`` every ``202 Accepted`` answers with, and ``JobSetup``, what a service hands
``create_service_app`` to have its jobs run and served.

A job's id is ``<service>-<uuid>`` (``campaign-…``): the gateway routes ``/v1/jobs/{id}`` to
the service the prefix names, and each service serves only its own prefix
(``/v1/jobs/campaign-{job_id}``), so the merged API document holds one path per service.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Path, Response
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from servicekit.context import require_scope
from servicekit.errors import Conflict, NotFound
from servicekit.jobs.engine import JobKind
from servicekit.jobs.models import MAX_KEPT_ERRORS, JobMixin, JobStatus
from servicekit.jobs.repository import JobRepository
from servicekit.problems import problem_doc
from servicekit.state import ServiceState
from servicekit.unitofwork import StreamingUnitOfWorkDep, UnitOfWorkDep

JOBS_PATH = "/v1/jobs"


class JobErrorRead(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"at": "line 17", "message": "name: String should have at most 200 characters"}
            ]
        }
    )

    at: str = Field(
        description="Where the problem is: `line 17` of an imported file (the header is line "
        "1), or `job` for the job as a whole",
        examples=["line 17"],
    )
    message: str = Field(description="What is wrong, and what to change")


_RUNNING_EXAMPLE: dict[str, Any] = {
    "id": "campaign-6f2c1a9e-4b7d-4e0f-9a51-3c8d2e7f1b40",
    "kind": "export",
    "status": "running",
    "done": 420000,
    "total": 1000000,
    "errors": [],
    "error_count": 0,
    "result": None,
    "result_url": None,
    "created_at": "2026-12-10T08:00:00Z",
    "started_at": "2026-12-10T08:00:01Z",
    "finished_at": None,
}
_SUCCEEDED_EXAMPLE: dict[str, Any] = {
    **_RUNNING_EXAMPLE,
    "status": "succeeded",
    "done": 1000000,
    "result": {"rows": 1000000},
    "result_url": "/v1/jobs/campaign-6f2c1a9e-4b7d-4e0f-9a51-3c8d2e7f1b40/result",
    "finished_at": "2026-12-10T08:00:41Z",
}
_IMPORT_EXAMPLE: dict[str, Any] = {
    **_SUCCEEDED_EXAMPLE,
    "id": "community-0d9b7c55-2f1e-4a8c-b3d6-7e4a1f0c9b22",
    "kind": "import",
    "done": 20000,
    "total": 20000,
    "errors": [{"at": "line 17", "message": "id 'r-1015' already appears on line 3"}],
    "error_count": 1,
    "result": {"received": 20000, "imported": 19999, "rejected": 1},
    "result_url": None,
}


class JobRead(BaseModel):
    """Long work the service runs in the background: poll it until ``status`` is
    ``succeeded`` or ``failed``."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [_RUNNING_EXAMPLE, _SUCCEEDED_EXAMPLE, _IMPORT_EXAMPLE]}
    )

    id: str = Field(
        description="The owning service and a UUID (`campaign-…`, `community-…`); "
        "`GET /v1/jobs/{id}` reads the job through the gateway",
        examples=[_RUNNING_EXAMPLE["id"]],
    )
    kind: str = Field(description="What the job does (each service's guide lists its kinds)")
    status: JobStatus = Field(
        description="`queued` until a runner takes it, `running`, then `succeeded` or "
        "`failed`; a job whose process stopped is taken over by another and goes on where it "
        "was"
    )
    done: int = Field(description="Units finished so far (codes, rows); only ever grows")
    total: int | None = Field(description="Units in all, when known")
    errors: list[JobErrorRead] = Field(
        description=f"Problems met so far, the first {MAX_KEPT_ERRORS}; rows with errors "
        "are skipped, the others go on"
    )
    error_count: int = Field(description="All problems met so far (errors keeps the first ones)")
    result: dict[str, Any] | None = Field(
        description="What the job made (its kind says what), once known; null before"
    )
    result_url: str | None = Field(
        description="Where the file the job wrote (an export) is read, once it has succeeded: "
        "`GET` streams it"
    )
    created_at: datetime = Field(description="When the job was submitted")
    started_at: datetime | None = Field(description="When a runner first took the job")
    finished_at: datetime | None = Field(description="When it succeeded or failed")


def job_read(job: JobMixin) -> JobRead:
    public_id = job.public_id
    has_file = job.result_media_type is not None and job.status == JobStatus.SUCCEEDED
    return JobRead(
        id=public_id,
        kind=job.kind,
        status=JobStatus(job.status),
        done=job.done,
        total=job.total,
        errors=[JobErrorRead.model_validate(e) for e in job.errors],
        error_count=job.error_count,
        result=job.result,
        result_url=f"{JOBS_PATH}/{public_id}/result" if has_file else None,
        created_at=job.created_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
    )


def job_location(job: JobMixin) -> str:
    return f"{JOBS_PATH}/{job.public_id}"


def accepted(job: JobMixin) -> JSONResponse:
    """``202 Accepted`` with the job and ``Location: /v1/jobs/{id}``, the answer of a route
    that hands its work to a job."""
    return JSONResponse(
        job_read(job).model_dump(mode="json"),
        status_code=202,
        headers={"Location": job_location(job)},
    )


def accepted_response(description: str, example: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI entry of a ``202`` answer with a job (``responses={202: …}``)."""
    return {
        "model": JobRead,
        "description": description,
        "headers": {
            "Location": {
                "description": "The job: `GET` it to follow its progress",
                "schema": {"type": "string", "examples": ["/v1/jobs/campaign-6f2c1a9e-…"]},
            }
        },
        "content": {"application/json": {"example": example}},
    }


class JobNotFound(NotFound):
    def __init__(self, public_id: str) -> None:
        super().__init__(f"No job {public_id} in this workspace.")


class NoResultFile(NotFound):
    def __init__(self, public_id: str, kind: str) -> None:
        super().__init__(
            f"Job {public_id} ({kind}) writes no file; what it made is in the job's `result`."
        )


class ResultNotReady(Conflict):
    def __init__(self, public_id: str, status: str, done: int, total: int | None) -> None:
        progress = f"{done:,} of {total:,}" if total is not None else f"{done:,} so far"
        hint = (
            "it failed and wrote no file; see its errors"
            if status == JobStatus.FAILED
            else f"poll {JOBS_PATH}/{public_id} until its status is succeeded"
        )
        super().__init__(
            f"Job {public_id} is {status} ({progress}); {hint}.",
            job_status=status,
        )


@dataclass(frozen=True)
class JobSetup:
    """What a service hands ``create_service_app(jobs=…)``: its job repository (which names
    its ``job`` and ``job_result_part`` tables and, through the model's ``id_prefix``, its
    public ids), the scope that reads its jobs, and its kinds, made from the app's state once
    it has started (a kind may use the state's peer clients)."""

    repository: type[JobRepository[Any]]
    read_scope: str
    kinds: Callable[[ServiceState], Sequence[JobKind]]


def jobs_router(setup: JobSetup) -> APIRouter:
    """``GET /v1/jobs/<prefix>-{job_id}`` and ``…/result`` of the service's jobs."""
    repository = setup.repository
    prefix = repository.model.id_prefix
    path = f"{JOBS_PATH}/{prefix}-{{job_id}}"

    def job_id_path() -> Any:
        return Path(
            description=f"The UUID of the job's id `{prefix}-<uuid>` (the whole id is what "
            "`Location` and the job's `id` give)",
            max_length=64,
            examples=["6f2c1a9e-4b7d-4e0f-9a51-3c8d2e7f1b40"],
        )

    async def load(job_id: str, uow: UnitOfWorkDep) -> JobMixin:
        public_id = f"{prefix}-{job_id}"
        job: JobMixin | None = await uow.repo(repository).get_by_public_id(public_id)
        if job is None:
            raise JobNotFound(public_id)
        return job

    # Defaults rather than an Annotated alias: this module's annotations are strings, and a
    # name local to this function could not be resolved from them.
    async def get_job(uow: UnitOfWorkDep, job_id: str = job_id_path()) -> JobRead:
        return job_read(await load(job_id, uow))

    async def get_job_result(
        uow: UnitOfWorkDep, stream: StreamingUnitOfWorkDep, job_id: str = job_id_path()
    ) -> Response:
        job = await load(job_id, uow)
        if job.result_media_type is None:
            raise NoResultFile(job.public_id, job.kind)
        if job.status != JobStatus.SUCCEEDED:
            raise ResultNotReady(job.public_id, job.status, job.done, job.total)
        filename = job.result_filename or job.public_id
        return StreamingResponse(
            stream.repo(repository).result_file(job),
            media_type=job.result_media_type,
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )

    read = [Depends(require_scope(setup.read_scope))]
    forbidden = problem_doc(f"The caller lacks `{setup.read_scope}`")
    unknown_parameter = problem_doc("A query parameter the route does not take")
    router = APIRouter(tags=["jobs"])
    router.add_api_route(
        path,
        get_job,
        methods=["GET"],
        name=f"get_{prefix}_job",
        dependencies=read,
        summary=f"Get a {prefix}-svc job",
        description=(
            f"A job of {prefix}-svc (an id `{prefix}-…`, from a `202` answer's `Location`): "
            "its status, `done` of `total`, the errors met so far and, once it has succeeded, "
            "its `result` and `result_url`. Poll it every second or two."
        ),
        responses={
            403: forbidden,
            404: problem_doc("No such job in this workspace"),
            422: unknown_parameter,
        },
    )
    router.add_api_route(
        f"{path}/result",
        get_job_result,
        methods=["GET"],
        name=f"get_{prefix}_job_result",
        dependencies=read,
        response_class=Response,
        summary=f"Download a {prefix}-svc job's file",
        description=(
            "The file a succeeded job wrote (an export), streamed as it is read from the "
            "database, never built whole in memory. 409 while the job is still running (or "
            "when it failed); 404 for a job that writes no file."
        ),
        responses={
            200: {
                "description": "The file, with `Content-Disposition: attachment`",
                "content": {
                    "text/csv": {
                        "schema": {"type": "string"},
                        "example": "id,status\n6f2c1a9e,available\n",
                    }
                },
            },
            403: forbidden,
            404: problem_doc("No such job in this workspace, or it writes no file"),
            409: problem_doc("The job has not succeeded (yet)"),
            422: unknown_parameter,
        },
    )
    return router
