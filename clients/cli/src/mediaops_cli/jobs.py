"""Following a job: long work (generating a million codes, importing members, exporting a
batch) answers ``202`` with a job and ``Location: /v1/jobs/{id}``; the CLI asks for the job
every ``poll_s`` and shows its ``done``/``total`` until it has ``succeeded`` or ``failed``.

On a terminal that is a live progress bar. Anywhere else (a CI log, a pipe, a file) a bar's
frames would be noise or, as Rich does there, only its last frame: the CLI writes one plain line
each time the job moves instead (``codes for 双11 · running 40000/300000 (13%) 0:00:04``), so
a log shows the job advancing and a script can read it.

Job JSON (``JobRead`` of the API document): ``{"id", "kind", "status": queued|running|
succeeded|failed, "done", "total", "errors": [{"at", "message"}], "error_count", "result",
"result_url", "created_at", "started_at", "finished_at"}``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Protocol

import httpx
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

from mediaops_cli.api import Api, ApiError, CliError

Job = dict[str, Any]
FINISHED = frozenset({"succeeded", "failed"})
# The errors shown under a finished job; the rest are counted (the job keeps them).
SHOWN_ERRORS = 20
# Answers that say the service behind the gateway is away for a moment (restarting, deploying),
# not that the job is gone: the job lives in the service's database and goes on after a restart,
# so the CLI keeps looking, for up to OUTAGE_S in a row.
PASSING = frozenset({502, 503, 504})
OUTAGE_S = 120.0


def job_url(headers: Mapping[str, str], job: Job) -> str:
    """Where the job is read: the answer's ``Location``, else ``/v1/jobs/{id}``."""
    location = headers.get("Location") or headers.get("location")
    if location:
        return location
    if not isinstance(job.get("id"), str):
        raise CliError(f"the API answered 202 without a job: {job}")
    return f"/v1/jobs/{job['id']}"


class Display(Protocol):
    def show(self, job: Job, note: str = "") -> None: ...


def follow(api: Api, url: str, job: Job, *, console: Console, label: str, poll_s: float) -> Job:
    """Poll ``url`` until the job is finished, showing each answer on ``console``: a live bar
    on a terminal, a line for each move elsewhere."""
    with _display(console, label) as display:
        display.show(job)
        outage_since: float | None = None
        while job.get("status") not in FINISHED:
            time.sleep(poll_s)
            try:
                job = api.get(url)
            except (ApiError, httpx.TransportError) as exc:
                if isinstance(exc, ApiError) and exc.status not in PASSING:
                    raise
                outage_since = outage_since or time.monotonic()
                if time.monotonic() - outage_since > OUTAGE_S:
                    raise CliError(
                        f"the job {job.get('id')} could not be read for {OUTAGE_S:.0f} s ({exc}); "
                        "it goes on in the service: run the same command again to follow it"
                    ) from exc
                display.show(job, note="waiting for the service")
                continue
            outage_since = None
            display.show(job)
    return job


@contextmanager
def _display(console: Console, label: str) -> Iterator[Display]:
    if console.is_interactive:
        with _Bar(console, label) as bar:
            yield bar
    else:
        yield _Lines(console, label)


class _Bar:
    """Rich's progress bar, redrawn with each answer."""

    def __init__(self, console: Console, label: str) -> None:
        self.label = label
        self.progress = Progress(
            SpinnerColumn(finished_text="•"),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=console,
        )
        self.task = self.progress.add_task(escape(label), total=None)

    def __enter__(self) -> _Bar:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def show(self, job: Job, note: str = "") -> None:
        self.progress.update(
            self.task,
            description=escape(f"{self.label} · {note or job.get('status', '?')}"),
            total=_total(job),
            completed=_done(job),
        )
        self.progress.refresh()  # each answer drawn, however quick the polls


class _Lines:
    """A line for each answer that differs from the one before (a job's chunks, its status, a
    wait for the service), so a log holds as many lines as the job has moves."""

    def __init__(self, console: Console, label: str) -> None:
        self.console = console
        self.label = label
        self.started = time.monotonic()
        self.last: tuple[Any, ...] | None = None

    def show(self, job: Job, note: str = "") -> None:
        state = (note or job.get("status", "?"), _done(job), _total(job))
        if state == self.last:
            return
        self.last = state
        status, done, total = state
        share = f"{done}/{total} ({done / total:.0%})" if total else f"{done}/?"
        elapsed = int(time.monotonic() - self.started)
        clock = f"{elapsed // 3600}:{elapsed // 60 % 60:02d}:{elapsed % 60:02d}"
        self.console.print(f"{self.label} · {status} {share} {clock}", markup=False)


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
        f"{mark} job {escape(str(job.get('id')))} {status}: {_done(job):,} of "
        f"{_total(job) or 0:,} done, {job.get('error_count') or 0:,} errors"
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
