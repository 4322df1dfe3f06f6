"""The job engine against a real PostgreSQL: claims (each job once, oldest first, locked rows
skipped), a job taken over after its runner's lease ran out, chunks that commit their work and
their progress together or not at all, failures, the kept errors, the result file, the purge;
and the job resource served by the fixture service's app, whose runner works in the
background (``make_things``, a kind of the fixture service, makes things in chunks)."""

from __future__ import annotations

import asyncio
import csv
import io
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from typing import Any

import asyncpg
import httpx
import pytest
from asgi_lifespan import LifespanManager
from fixture_service.app import (
    SCOPES,
    Job,
    JobRepository,
    JobResultPart,
    MakeThings,
    Settings,
    Thing,
    create_app,
    hooks,
)
from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from servicekit.backup import libpq_url
from servicekit.db import Database
from servicekit.jobs import JobRunner, JobStatus, RunningJob
from servicekit.jobs.models import MAX_KEPT_ERRORS
from servicekit.models import utcnow
from servicekit.testing.headers import client_as_gateway
from servicekit.testing.plans import (
    assert_steps_planned_with_values,
    plan_nodes,
    plans_by_mode,
    sent_statements,
)

PROBLEM = "application/problem+json"


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    db = Database(database_url, pool_size=5, application_name="jobs-test")
    yield db
    await db.dispose()


@pytest.fixture
async def workspace(engine: AsyncEngine) -> AsyncIterator[str]:
    """A workspace of this test alone: its things and jobs are deleted afterwards (a job left
    open would be claimed by the next test's runners)."""
    workspace_id = f"ws-jobs-{uuid.uuid4().hex[:12]}"
    yield workspace_id
    hooks.clear()
    async with engine.begin() as conn:
        await conn.execute(delete(Thing).where(Thing.workspace_id == workspace_id))
        await conn.execute(delete(Job).where(Job.workspace_id == workspace_id))


RunnerFactory = Callable[..., JobRunner]


@pytest.fixture
def runner(database: Database) -> RunnerFactory:
    def make(**options: Any) -> JobRunner:
        settings: dict[str, Any] = {"service": "fixture", "lease_s": 30.0, "poll_interval_s": 0.05}
        return JobRunner(database, Job, JobResultPart, [MakeThings()], **(settings | options))

    return make


async def submit(engine: AsyncEngine, workspace: str, **params: Any) -> uuid.UUID:
    """A committed make_things job (named after the test's workspace unless told)."""
    params.setdefault("name", "t")
    async with engine.connect() as conn:
        async with AsyncSession(bind=conn) as session, session.begin():
            job = await JobRepository(session, workspace).submit(
                MakeThings.name,
                params=params,
                total=params.get("count"),
                result_media_type="text/csv; charset=utf-8",
                result_filename="things.csv",
            )
            job_id = job.id
        await conn.commit()
    return job_id


async def job_row(engine: AsyncEngine, job_id: uuid.UUID) -> Any:
    async with engine.connect() as conn:
        return (await conn.execute(select(Job.__table__).where(Job.id == job_id))).one()


async def thing_names(engine: AsyncEngine, workspace: str) -> list[str]:
    async with engine.connect() as conn:
        return list(
            (await conn.execute(select(Thing.name).where(Thing.workspace_id == workspace)))
            .scalars()
            .all()
        )


async def result_file(engine: AsyncEngine, job_id: uuid.UUID) -> str:
    async with engine.connect() as conn:
        parts = (
            await conn.execute(
                select(JobResultPart.data)
                .where(JobResultPart.job_id == job_id)
                .order_by(JobResultPart.seq)
            )
        ).scalars()
        return b"".join(parts).decode()


async def proceed(_: RunningJob) -> None:
    """A hook that lets the chunk go on."""


async def claim_own(runner: JobRunner, job_id: uuid.UUID) -> RunningJob:
    job = await runner.claim()
    assert job is not None
    assert job.id == job_id
    return job


async def test_a_job_runs_chunk_by_chunk_to_an_exact_result(
    engine: AsyncEngine, workspace: str, runner: RunnerFactory
) -> None:
    job_id = await submit(engine, workspace, count=25, chunk=10, bad=[3, 17])
    run = runner()
    await run.run_job(await claim_own(run, job_id))

    row = await job_row(engine, job_id)
    assert row.status == JobStatus.SUCCEEDED
    assert (row.done, row.total, row.error_count, row.result_parts) == (25, 25, 2, 3)
    assert row.errors == [
        {"at": "line 4", "message": "thing 3 is bad"},
        {"at": "line 18", "message": "thing 17 is bad"},
    ]
    assert row.result == {"made": 23}
    assert row.started_at is not None
    assert row.finished_at is not None
    assert row.lease_owner is None
    expected = [f"t-{n}" for n in range(1, 26) if n not in (3, 17)]
    assert sorted(await thing_names(engine, workspace)) == sorted(expected)
    rows = list(csv.reader(io.StringIO(await result_file(engine, job_id))))
    assert rows == [["name"], *([name] for name in expected)]


async def test_each_open_job_is_claimed_once_oldest_first(
    engine: AsyncEngine, workspace: str, runner: RunnerFactory
) -> None:
    first = await submit(engine, workspace, count=5)
    second = await submit(engine, workspace, count=5)
    one, two, three = runner(), runner(), runner()
    assert (await claim_own(one, first)).id == first
    assert (await claim_own(two, second)).id == second
    assert await three.claim() is None
    rows = [await job_row(engine, job_id) for job_id in (first, second)]
    assert [r.lease_owner for r in rows] == [one.owner, two.owner]
    assert all(r.status == JobStatus.RUNNING and r.attempts == 1 for r in rows)


async def test_a_claim_skips_a_job_whose_row_is_locked_by_a_chunk_under_way(
    engine: AsyncEngine, workspace: str, runner: RunnerFactory
) -> None:
    job_id = await submit(engine, workspace, count=5)
    async with engine.connect() as holder:
        # A chunk under way holds the row's lock, however long it takes, even with the lease
        # run out: the claim passes over the row at once instead of waiting or taking it.
        await holder.execute(
            update(Job).where(Job.id == job_id).values(leased_until=utcnow() - timedelta(hours=1))
        )
        await holder.execute(select(Job.id).where(Job.id == job_id).with_for_update())
        assert await asyncio.wait_for(runner().claim(), timeout=5) is None
        await holder.rollback()
    await claim_own(runner(), job_id)


async def test_a_job_whose_runner_died_is_taken_over_after_its_lease_and_ends_exact(
    engine: AsyncEngine, workspace: str, runner: RunnerFactory
) -> None:
    job_id = await submit(engine, workspace, count=25, chunk=10)
    dead = runner(lease_s=1.0)
    held = await claim_own(dead, job_id)
    after_one = await dead.step(held)
    assert after_one is not None
    assert after_one.done == 10
    # The runner is gone (no more steps, no release). Its lease still holds...
    successor = runner()
    assert await successor.claim() is None
    await asyncio.sleep(1.2)
    # ...until it runs out: the job is taken over where its last committed chunk ended.
    resumed = await claim_own(successor, job_id)
    assert (resumed.done, resumed.cursor) == (10, {"next": 11, "made": 10})
    await successor.run_job(resumed)
    # The old runner waking up finds the job no longer its own and does nothing.
    assert await dead.step(after_one) is None

    row = await job_row(engine, job_id)
    assert (row.status, row.done, row.attempts) == (JobStatus.SUCCEEDED, 25, 2)
    names = await thing_names(engine, workspace)
    assert sorted(names) == sorted(f"t-{n}" for n in range(1, 26))


async def test_a_chunk_that_fails_after_its_work_keeps_neither_work_nor_progress(
    engine: AsyncEngine, workspace: str, runner: RunnerFactory
) -> None:
    async def fail_the_second_chunk(job: RunningJob) -> None:
        if job.done == 10:
            raise RuntimeError("the database went away mid-chunk")

    hooks["fail"] = fail_the_second_chunk
    job_id = await submit(engine, workspace, count=25, chunk=10, hook="fail")
    run = runner()
    job = await claim_own(run, job_id)
    job_after = await run.step(job)
    assert job_after is not None
    with pytest.raises(RuntimeError):
        await run.step(job_after)
    # Things 11-20 were written in the failed chunk's transaction: gone with its progress.
    row = await job_row(engine, job_id)
    assert (row.done, row.cursor, row.result_parts) == (10, {"next": 11, "made": 10}, 1)
    assert sorted(await thing_names(engine, workspace)) == sorted(f"t-{n}" for n in range(1, 11))

    hooks["fail"] = proceed
    again = await run.step(job_after)
    assert again is not None
    assert again.done == 20
    await run.run_job(again)
    assert sorted(await thing_names(engine, workspace)) == sorted(f"t-{n}" for n in range(1, 26))


async def test_a_failing_chunk_is_retried_with_backoff_and_the_job_ends_exact(
    engine: AsyncEngine, workspace: str, runner: RunnerFactory
) -> None:
    failed: list[int] = []

    async def fail_once(job: RunningJob) -> None:
        if job.done == 10 and not failed:
            failed.append(job.done)
            raise ConnectionResetError("connection reset by peer")

    hooks["once"] = fail_once
    job_id = await submit(engine, workspace, count=25, chunk=10, hook="once")
    run = runner()
    await run.run_job(await claim_own(run, job_id))
    row = await job_row(engine, job_id)
    assert failed == [10]
    assert (row.status, row.done, row.failures, row.error_count) == (JobStatus.SUCCEEDED, 25, 0, 0)
    assert sorted(await thing_names(engine, workspace)) == sorted(f"t-{n}" for n in range(1, 26))


async def test_a_chunk_cut_off_by_shutdown_is_rolled_back_and_the_job_resumed_at_once(
    engine: AsyncEngine, workspace: str, runner: RunnerFactory
) -> None:
    entered = asyncio.Event()

    async def hold(job: RunningJob) -> None:
        if job.done == 10:
            entered.set()
            await asyncio.sleep(3600)

    hooks["hold"] = hold
    job_id = await submit(engine, workspace, count=25, chunk=10, hook="hold")
    stopping = runner()
    task = asyncio.create_task(stopping.run_job(await claim_own(stopping, job_id)))
    await asyncio.wait_for(entered.wait(), timeout=10)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

    row = await job_row(engine, job_id)
    # The lease was given up: another runner takes the job over without waiting for it.
    assert (row.status, row.done, row.lease_owner, row.leased_until) == (
        JobStatus.RUNNING,
        10,
        None,
        None,
    )
    assert len(await thing_names(engine, workspace)) == 10
    hooks["hold"] = proceed
    successor = runner()
    await successor.run_job(await claim_own(successor, job_id))
    assert sorted(await thing_names(engine, workspace)) == sorted(f"t-{n}" for n in range(1, 26))


async def test_job_failed_ends_the_job_with_its_message_and_keeps_what_was_committed(
    engine: AsyncEngine, workspace: str, runner: RunnerFactory
) -> None:
    job_id = await submit(engine, workspace, count=25, chunk=10, fatal=15)
    run = runner()
    await run.run_job(await claim_own(run, job_id))
    row = await job_row(engine, job_id)
    assert (row.status, row.done, row.error_count) == (JobStatus.FAILED, 10, 1)
    assert row.errors == [{"at": "job", "message": "thing 15 cannot be made"}]
    assert row.finished_at is not None
    assert row.lease_owner is None
    assert len(await thing_names(engine, workspace)) == 10
    assert await runner().claim() is None  # a failed job is never claimed again


async def test_a_job_failing_every_time_is_failed_after_max_failures(
    engine: AsyncEngine, workspace: str, runner: RunnerFactory
) -> None:
    async def always(_: RunningJob) -> None:
        raise ValueError("a bug in the kind")

    hooks["always"] = always
    job_id = await submit(engine, workspace, count=5, hook="always")
    run = runner(max_failures=2)
    await run.run_job(await claim_own(run, job_id))
    row = await job_row(engine, job_id)
    assert (row.status, row.done, row.failures) == (JobStatus.FAILED, 0, 2)
    assert row.errors[0]["at"] == "job"
    assert "stopped after 2 failed attempts" in row.errors[0]["message"]
    # The detail stays with the operators, out of what a client reads.
    assert "a bug in the kind" not in row.errors[0]["message"]
    assert row.last_error == "ValueError: a bug in the kind"


async def test_the_first_errors_are_kept_and_every_one_is_counted(
    engine: AsyncEngine, workspace: str, runner: RunnerFactory
) -> None:
    job_id = await submit(engine, workspace, count=150, chunk=60, bad=list(range(1, 151)))
    run = runner()
    await run.run_job(await claim_own(run, job_id))
    row = await job_row(engine, job_id)
    assert (row.status, row.done, row.error_count) == (JobStatus.SUCCEEDED, 150, 150)
    assert len(row.errors) == MAX_KEPT_ERRORS
    assert row.errors[0]["at"] == "line 2"
    assert row.errors[-1]["at"] == f"line {MAX_KEPT_ERRORS + 1}"


async def test_purge_deletes_old_finished_jobs_with_their_files_and_nothing_else(
    engine: AsyncEngine, workspace: str, runner: RunnerFactory
) -> None:
    old = await submit(engine, workspace, count=3)
    open_job = await submit(engine, workspace, count=3)
    run = runner(retention_days=1.0)
    await run.run_job(await claim_own(run, old))
    async with engine.begin() as conn:
        await conn.execute(
            update(Job).where(Job.id == old).values(finished_at=utcnow() - timedelta(days=2))
        )
    assert await run.purge() >= 1
    async with engine.connect() as conn:
        left = set(
            (await conn.execute(select(Job.id).where(Job.workspace_id == workspace))).scalars()
        )
        parts = await conn.scalar(
            select(func.count()).select_from(JobResultPart).where(JobResultPart.job_id == old)
        )
    assert left == {open_job}
    assert parts == 0


async def test_the_purge_is_planned_with_its_values(
    database_url: str, runner: RunnerFactory
) -> None:
    """Whatever plan PostgreSQL would keep: a generic one reads the whole job table."""
    run = runner()

    def purge_on(database: Database) -> Callable[[], Awaitable[int]]:
        run.database = database
        return run.purge

    await assert_steps_planned_with_values(database_url, purge_on, "DELETE FROM job")


# Finished jobs beside the open ones: enough that reading the table costs PostgreSQL more than
# the open jobs' index, so a plan by status alone shows as a scan of it.
FINISHED_JOBS = 20_000
OPEN_JOB_INDEXES = {"ix_job_open_created_at", "ix_job_finished_at"}


async def test_the_open_jobs_gauge_counts_open_jobs_through_their_index_alone(
    engine: AsyncEngine,
    database: Database,
    database_url: str,
    workspace: str,
    runner: RunnerFactory,
) -> None:
    """Every runner refreshes the gauge every few seconds: it must read the open jobs, not
    the table, whose finished jobs pile up for the retention (by status alone it read every
    one of them each time: 9-38 ms at 100,000)."""
    finished = {"kind": MakeThings.name, "status": JobStatus.SUCCEEDED, "params": {}}
    async with engine.begin() as conn:
        await conn.execute(
            insert(Job),
            [finished | {"workspace_id": workspace, "finished_at": utcnow()}] * FINISHED_JOBS,
        )
    running = await submit(engine, workspace, count=3)
    await submit(engine, workspace, count=3)
    async with engine.begin() as conn:
        await conn.execute(update(Job).where(Job.id == running).values(status=JobStatus.RUNNING))
        await conn.execute(text("ANALYZE job"))
    with sent_statements(database.engine) as sent:
        counts = await runner().refresh_gauges()
    # Every workspace's open jobs (each test deletes its own): this test's two.
    assert counts == {
        (MakeThings.name, JobStatus.QUEUED): 1,
        (MakeThings.name, JobStatus.RUNNING): 1,
    }
    ((sql, arguments),) = [s for s in sent if "count(*)" in s[0]]
    conn = await asyncpg.connect(libpq_url(database_url))
    try:
        plans = await plans_by_mode(conn, sql, arguments)
    finally:
        await conn.close()
    for mode, plan in plans.items():
        nodes = list(plan_nodes(plan))
        # Through an index of the open jobs (or finished_at's, whose NULLs are the same jobs),
        # never the whole table.
        assert not [n for n in nodes if n["Node Type"] == "Seq Scan"], (mode, nodes)
        indexes = {n["Index Name"] for n in nodes if "Index Name" in n}
        assert indexes, (mode, nodes)
        assert indexes <= OPEN_JOB_INDEXES, (mode, indexes)


# -- the job resource, served by the app, run by its background runner ------------------------


@pytest.fixture
def app_settings(database_url: str) -> Callable[..., Settings]:
    def make(**options: Any) -> Settings:
        return Settings(database_url=database_url, job_poll_interval_s=0.05, **options)

    return make


@pytest.fixture
async def jobs_client(
    app_settings: Callable[..., Settings], workspace: str
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(app_settings())
    async with (
        LifespanManager(app) as manager,
        client_as_gateway(manager.app, workspace, SCOPES, raise_app_exceptions=False) as client,
    ):
        yield client


async def finished(client: httpx.AsyncClient, location: str) -> dict[str, Any]:
    for _ in range(400):
        job: dict[str, Any] = (await client.get(location)).json()
        if job["status"] in ("succeeded", "failed"):
            return job
        await asyncio.sleep(0.05)
    raise AssertionError(f"job {location} never finished: {job}")


async def test_a_submitted_job_answers_202_runs_in_the_background_and_serves_its_file(
    jobs_client: httpx.AsyncClient,
) -> None:
    r = await jobs_client.post("/v1/things/jobs", json={"name": "bg", "count": 30, "bad": [2]})
    assert r.status_code == 202, r.text
    job = r.json()
    assert job["id"].startswith("fixture-")
    assert r.headers["location"] == f"/v1/jobs/{job['id']}"
    assert (job["kind"], job["status"], job["done"], job["total"]) == (
        "make_things",
        "queued",
        0,
        30,
    )
    assert (job["result"], job["result_url"], job["started_at"]) == (None, None, None)

    done = await finished(jobs_client, r.headers["location"])
    assert done["status"] == "succeeded"
    assert (done["done"], done["total"], done["error_count"]) == (30, 30, 1)
    assert done["errors"] == [{"at": "line 3", "message": "thing 2 is bad"}]
    assert done["result"] == {"made": 29}
    assert done["result_url"] == f"/v1/jobs/{job['id']}/result"

    file = await jobs_client.get(done["result_url"])
    assert file.status_code == 200
    assert file.headers["content-type"] == "text/csv; charset=utf-8"
    assert file.headers["content-disposition"] == 'attachment; filename="things.csv"'
    names = [row["name"] for row in csv.DictReader(io.StringIO(file.text))]
    assert names == [f"bg-{n}" for n in range(1, 31) if n != 2]


async def test_an_unfinished_jobs_file_is_a_409_and_a_job_without_file_a_404(
    app_settings: Callable[..., Settings], workspace: str, engine: AsyncEngine
) -> None:
    app = create_app(app_settings(jobs_enabled=False))  # nothing runs the job
    async with (
        LifespanManager(app) as manager,
        client_as_gateway(manager.app, workspace, SCOPES) as client,
    ):
        r = await client.post("/v1/things/jobs", json={"name": "x", "count": 3})
        job = r.json()
        waiting = await client.get(f"/v1/jobs/{job['id']}/result")
        assert waiting.status_code == 409
        assert waiting.headers["content-type"] == PROBLEM
        assert f"poll /v1/jobs/{job['id']}" in waiting.json()["detail"]

        async with engine.begin() as conn:
            await conn.execute(
                update(Job)
                .where(Job.id == uuid.UUID(job["id"].removeprefix("fixture-")))
                .values(result_media_type=None, status=JobStatus.SUCCEEDED)
            )
        no_file = await client.get(f"/v1/jobs/{job['id']}/result")
        assert no_file.status_code == 404
        assert "writes no file" in no_file.json()["detail"]


@pytest.mark.parametrize(
    "path",
    [
        "/v1/jobs/fixture-00000000-0000-4000-8000-000000000000",
        "/v1/jobs/fixture-not-a-uuid",
        "/v1/jobs/fixture-00000000-0000-4000-8000-000000000000/result",
    ],
)
async def test_an_unknown_job_is_a_404_problem(jobs_client: httpx.AsyncClient, path: str) -> None:
    r = await jobs_client.get(path)
    assert r.status_code == 404
    assert r.headers["content-type"] == PROBLEM
    assert "No job fixture-" in r.json()["detail"]


async def test_another_workspaces_job_is_a_404(
    app_settings: Callable[..., Settings], workspace: str, engine: AsyncEngine
) -> None:
    app = create_app(app_settings(jobs_enabled=False))
    async with (
        LifespanManager(app) as manager,
        client_as_gateway(manager.app, workspace, SCOPES) as owner,
        client_as_gateway(manager.app, f"{workspace}-b", SCOPES) as other,
    ):
        job = (await owner.post("/v1/things/jobs", json={"name": "x", "count": 3})).json()
        assert (await owner.get(f"/v1/jobs/{job['id']}")).status_code == 200
        for path in (f"/v1/jobs/{job['id']}", f"/v1/jobs/{job['id']}/result"):
            r = await other.get(path)
            assert r.status_code == 404, path


async def test_reading_a_job_needs_the_read_scope(
    app_settings: Callable[..., Settings], workspace: str
) -> None:
    app = create_app(app_settings(jobs_enabled=False))
    async with (
        LifespanManager(app) as manager,
        client_as_gateway(manager.app, workspace, SCOPES) as owner,
        client_as_gateway(manager.app, workspace, ("things:write",)) as writer,
    ):
        job = (await owner.post("/v1/things/jobs", json={"name": "x", "count": 3})).json()
        r = await writer.get(f"/v1/jobs/{job['id']}")
        assert r.status_code == 403
        assert "things:read" in r.json()["detail"]


async def test_the_app_stops_its_runner_at_shutdown_releasing_the_job(
    app_settings: Callable[..., Settings], workspace: str, engine: AsyncEngine
) -> None:
    entered = asyncio.Event()

    async def hold(job: RunningJob) -> None:
        entered.set()
        await asyncio.sleep(3600)

    hooks["app-hold"] = hold
    app = create_app(app_settings())
    async with (
        LifespanManager(app) as manager,
        client_as_gateway(manager.app, workspace, SCOPES) as client,
    ):
        job = (
            await client.post("/v1/things/jobs", json={"name": "s", "count": 3, "hook": "app-hold"})
        ).json()
        await asyncio.wait_for(entered.wait(), timeout=10)
    job_id = uuid.UUID(job["id"].removeprefix("fixture-"))
    row = await job_row(engine, job_id)
    # Stopped mid-chunk: nothing of the chunk stays, and the job is free for the next process.
    assert (row.status, row.done, row.lease_owner) == (JobStatus.RUNNING, 0, None)
    assert await thing_names(engine, workspace) == []
