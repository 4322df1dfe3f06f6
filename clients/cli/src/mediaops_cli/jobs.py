"""Following a job: long work (generating a million codes, importing members, exporting a
batch) answers ``202`` with a job and ``Location: /v1/jobs/{id}``; the CLI asks for the job
every ``poll_s`` and shows its ``done``/``total`` as a progress bar until it has ``succeeded``
or ``failed``.

Job JSON: ``{"id", "kind", "status": queued|running|succeeded|failed, "done", "total",
"errors": [{"at", "message"}], "error_count", "result", "result_url", "created_at",
"started_at", "finished_at"}``.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from mediaops_cli.api import Api, CliError

Job = dict[str, Any]
FINISHED = frozenset({"succeeded", "failed"})
# The errors shown under a finished job; the rest are counted (the job keeps them).
SHOWN_ERRORS = 20


def job_url(headers: Mapping[str, str], job: Job) -> str:
    """Where the job is read: the answer's ``Location``, else ``/v1/jobs/{id}``."""
    location = headers.get("Location") or headers.get("location")
    if location:
        return location
    if not isinstance(job.get("id"), str):
        raise CliError(f"the API answered 202 without a job: {job}")
    return f"/v1/jobs/{job['id']}"


def follow(api: Api, url: str, job: Job, *, console: Console, label: str, poll_s: float) -> Job:
    """Poll ``url`` until the job is finished, with a progress bar on ``console``."""
    columns = (
        SpinnerColumn(finished_text="•"),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console) as progress:
        task = progress.add_task(_description(label, job), total=_total(job), completed=_done(job))
        while job.get("status") not in FINISHED:
            time.sleep(poll_s)
            job = api.get(url)
            progress.update(
                task,
                description=_description(label, job),
                total=_total(job),
                completed=_done(job),
            )
            progress.refresh()  # each answer drawn, however quick the polls
    return job


def _description(label: str, job: Job) -> str:
    return escape(f"{label} · {job.get('status', '?')}")


def _done(job: Job) -> int:
    done = job.get("done")
    return done if isinstance(done, int) else 0


def _total(job: Job) -> int | None:
    total = job.get("total")
    return total if isinstance(total, int) and total > 0 else None  # None: no size known yet


def report(job: Job, console: Console) -> None:
    """What a finished job says: its status and counts, its errors, its result."""
    status = job.get("status")
    mark = "[green]✔[/]" if status == "succeeded" else "[red]✘[/]"
    console.print(
        f"{mark} job {job.get('id')} {status}: {_done(job):,} of {_total(job) or 0:,} done, "
        f"{job.get('error_count') or 0:,} errors"
    )
    errors = job.get("errors") or []
    if errors:
        table = Table("at", "message", title="errors", title_justify="left")
        for error in errors[:SHOWN_ERRORS]:
            table.add_row(Text(str(error.get("at") or "")), Text(str(error.get("message", ""))))
        console.print(table)
        more = (job.get("error_count") or len(errors)) - min(len(errors), SHOWN_ERRORS)
        if more > 0:
            console.print(f"… and {more:,} more (GET /v1/jobs/{job.get('id')})", markup=False)
    result = job.get("result")
    if isinstance(result, dict):
        for key, value in result.items():
            console.print(escape(f"  {key}: {value}"))
    elif result is not None:
        console.print(escape(f"  result: {result}"))
    if job.get("result_url"):
        console.print(escape(f"  result_url: {job['result_url']}"))
