"""The fixture service's models, routes and app factory, built the way a real service is."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Annotated, Any, ClassVar

import structlog
from fastapi import APIRouter, Depends, FastAPI, Request, Response, status
from pydantic import BaseModel, ConfigDict, Field
from pydantic_settings import SettingsConfigDict
from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.orm.exc import StaleDataError

from servicekit import errors
from servicekit.app import create_service_app
from servicekit.context import ContextDep, require_scope
from servicekit.csvexport import csv_header, csv_rows
from servicekit.db import SessionDep, reads_only
from servicekit.jobs import (
    JobError,
    JobFailed,
    JobKind,
    JobMixin,
    JobResultPartMixin,
    JobSetup,
    RunningJob,
    Step,
    accepted,
)
from servicekit.jobs import JobRepository as KitJobRepository
from servicekit.models import WorkspaceModel, service_metadata
from servicekit.outbox import OutboxEventMixin
from servicekit.pagination import Page, PageDep
from servicekit.repository import WorkspaceRepository
from servicekit.settings import ServiceSettings
from servicekit.state import ServiceState
from servicekit.unitofwork import UnitOfWork, UnitOfWorkDep

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
HEAD_REVISION = "f003_job"
FIRST_REVISION = "f001_thing"
SCOPES = ("things:read", "things:write")

log = structlog.get_logger("fixture_service")

# Sizes of the bodies /v1/probe/raw has read to the end: a body refused for its size never
# gets here.
raw_body_sizes: list[int] = []


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="FIXTURE_", extra="ignore")

    service_name: str = "fixture"


class Base(DeclarativeBase):
    metadata = service_metadata()


class Thing(WorkspaceModel, Base):
    __tablename__ = "thing"
    __table_args__ = (
        UniqueConstraint("workspace_id", "name", deferrable=True, initially="DEFERRED"),
    )

    name: Mapped[str] = mapped_column(String(200))


class OutboxEvent(OutboxEventMixin, Base):
    pass


class ThingRepository(WorkspaceRepository[Thing]):
    model = Thing


class Job(JobMixin, Base):
    id_prefix = "fixture"


class JobResultPart(JobResultPartMixin, Base):
    pass


class JobRepository(KitJobRepository[Job]):
    model = Job
    part_model = JobResultPart


# Test hooks of the make_things kind, by the name a job's params give: awaited after a
# chunk's work, before its progress is recorded (in the same transaction), so a test can fail
# or hold a chunk there.
Hook = Callable[[RunningJob], Awaitable[None]]
hooks: dict[str, Hook] = {}


class MakeThings:
    """Make ``count`` things named ``<name>-<n>`` (n from 1), ``chunk`` a step; the numbers in
    ``bad`` are reported as errors instead; ``fatal`` stops the job at that number. Each step
    writes the names it made as a CSV part (the first one with a header)."""

    name: ClassVar[str] = "make_things"

    async def step(self, uow: UnitOfWork, job: RunningJob) -> Step:
        params = job.params
        count, chunk = int(params["count"]), int(params.get("chunk", 10))
        start = int(job.cursor.get("next", 1))
        numbers = range(start, min(count, start + chunk - 1) + 1)
        things = uow.repo(ThingRepository)
        errors: list[JobError] = []
        made: list[list[str | None]] = []
        for n in numbers:
            if n == params.get("fatal"):
                raise JobFailed(f"thing {n} cannot be made")
            if n in params.get("bad", ()):
                errors.append(JobError(f"line {n + 1}", f"thing {n} is bad"))
                continue
            thing = await things.add(Thing(name=f"{params['name']}-{n}"))
            made.append([thing.name])
        if "hook" in params:
            await hooks[params["hook"]](job)
        finished = numbers.stop > count
        output = (csv_header(["name"]) if job.done == 0 else "") + csv_rows(made)
        total_made = int(job.cursor.get("made", 0)) + len(made)
        return Step(
            done=len(numbers),
            cursor={"next": numbers.stop, "made": total_made},
            total=count,
            errors=errors,
            output=output.encode(),
            result={"made": total_made} if finished else None,
            finished=finished,
        )


def job_kinds(_: ServiceState) -> Sequence[JobKind]:
    return [MakeThings()]


JOBS = JobSetup(repository=JobRepository, read_scope="things:read", kinds=job_kinds)


class ThingCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)


class ThingRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    created_at: dt.datetime


def get_thing_repository(uow: UnitOfWorkDep) -> ThingRepository:
    return uow.repo(ThingRepository)


ThingRepoDep = Annotated[ThingRepository, Depends(get_thing_repository)]
read = [Depends(require_scope("things:read"))]
write = [Depends(require_scope("things:write"))]

things = APIRouter(prefix="/v1/things", tags=["things"])


@things.post("", status_code=status.HTTP_201_CREATED, dependencies=write)
async def create_thing(body: ThingCreate, repo: ThingRepoDep) -> ThingRead:
    thing = await repo.add(Thing(name=body.name))
    return ThingRead.model_validate(thing)


@things.post("/twice", status_code=status.HTTP_201_CREATED, dependencies=write)
async def create_thing_twice(body: ThingCreate, repo: ThingRepoDep) -> ThingRead:
    """Both rows flush (the unique constraint is deferred); the commit fails."""
    await repo.add(Thing(name=body.name))
    thing = await repo.add(Thing(name=body.name))
    return ThingRead.model_validate(thing)


@things.post("/then-fail", dependencies=write)
async def create_thing_then_fail(body: ThingCreate, repo: ThingRepoDep) -> ThingRead:
    await repo.add(Thing(name=body.name))
    raise errors.Conflict(f"{body.name} was written, then the request failed")


async def _announce(uow: UnitOfWorkDep, name: str) -> ThingRead:
    """A thing and its domain event, through the unit of work: one transaction for both."""
    things = uow.repo(ThingRepository)
    assert uow.repo(ThingRepository) is things  # one repository of a kind per request
    thing = await things.add(Thing(name=name))
    await uow.record("thing.made", {"thing_id": str(thing.id), "name": name})
    return ThingRead.model_validate(thing)


@things.post("/announced", status_code=status.HTTP_201_CREATED, dependencies=write)
async def create_announced_thing(body: ThingCreate, uow: UnitOfWorkDep) -> ThingRead:
    return await _announce(uow, body.name)


@things.post("/announced-then-fail", dependencies=write)
async def create_announced_thing_then_fail(body: ThingCreate, uow: UnitOfWorkDep) -> ThingRead:
    await _announce(uow, body.name)
    raise errors.Conflict(f"{body.name} was announced, then the request failed")


@things.get("", dependencies=read)
async def list_things(repo: ThingRepoDep, page: PageDep) -> Page[ThingRead]:
    rows, next_cursor = await repo.paginate(repo.select(), page)
    return Page(items=[ThingRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@things.get("/{thing_id}/read-only", dependencies=read)
@reads_only
async def get_thing_reading_only(
    thing_id: uuid.UUID, repo: ThingRepoDep, session: SessionDep
) -> dict[str, Any]:
    """A thing read in a ``reads_only`` session, and whether its read left a transaction open."""
    thing = await repo.get(thing_id)
    if thing is None:
        raise errors.NotFound(f"thing {thing_id} does not exist")
    driver = await driver_of(session)
    return {"name": thing.name, "in_transaction": driver.is_in_transaction()}


@things.get("/{thing_id}/read-only-but-writes", dependencies=read)
@reads_only
async def rename_thing_in_a_read(thing_id: uuid.UUID, repo: ThingRepoDep) -> None:
    """Marked ``reads_only`` by mistake: it changes the thing."""
    thing = await repo.get(thing_id)
    if thing is None:
        raise errors.NotFound(f"thing {thing_id} does not exist")
    await repo.update(thing, {"name": "renamed by a read"})


async def driver_of(session: SessionDep) -> Any:
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    return raw.driver_connection


@things.get("/{thing_id}", dependencies=read)
async def get_thing(thing_id: uuid.UUID, repo: ThingRepoDep) -> ThingRead:
    thing = await repo.get(thing_id)
    if thing is None:
        raise errors.NotFound(f"thing {thing_id} does not exist")
    return ThingRead.model_validate(thing)


class ThingsJobCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100)
    count: int = Field(ge=0, le=100_000)
    chunk: int = Field(default=10, ge=1)
    bad: list[int] = Field(default_factory=list)
    fatal: int | None = None
    hook: str | None = None


@things.post("/jobs", status_code=status.HTTP_202_ACCEPTED, dependencies=write)
async def make_things_later(body: ThingsJobCreate, uow: UnitOfWorkDep) -> Response:
    job = await uow.repo(JobRepository).submit(
        MakeThings.name,
        params=body.model_dump(exclude_none=True),
        total=body.count,
        result_media_type="text/csv; charset=utf-8",
        result_filename="things.csv",
    )
    return accepted(job)


probe = APIRouter(prefix="/v1/probe", tags=["probe"])


class EchoBody(BaseModel):
    text: str
    count: int


@probe.post("/echo")
async def echo(body: EchoBody) -> EchoBody:
    return body


@probe.post("/raw")
async def read_raw_body(request: Request) -> dict[str, int]:
    size = len(await request.body())
    raw_body_sizes.append(size)
    return {"size": size}


@probe.get("/errors/{name}")
async def raise_service_error(name: str) -> None:
    error_cls = getattr(errors, name)
    raise error_cls(f"{name} raised on purpose", hint="extra member")


@probe.get("/boom")
async def boom() -> None:
    raise RuntimeError("secret internals: password=hunter2")


@probe.get("/stale")
async def stale() -> None:
    raise StaleDataError("UPDATE statement on table 'thing' expected to update 1 row(s)")


@probe.get("/context")
async def show_context(ctx: ContextDep) -> dict[str, Any]:
    log.info("probe.context", workspace_id=ctx.workspace_id)
    return {
        "workspace_id": ctx.workspace_id,
        "actor_id": ctx.actor_id,
        "scopes": sorted(ctx.scopes),
        "request_id": ctx.request_id,
    }


@probe.get("/special", dependencies=[Depends(require_scope("probe:special"))])
async def special() -> dict[str, bool]:
    return {"ok": True}


def create_app(settings: Settings | None = None) -> FastAPI:
    return create_service_app(
        settings or Settings(),
        title="servicekit fixture service",
        routers=[things, probe],
        migrations_dir=MIGRATIONS_DIR,
        outbox_model=OutboxEvent,
        jobs=JOBS,
    )
