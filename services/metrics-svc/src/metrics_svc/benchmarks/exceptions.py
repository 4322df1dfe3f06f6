import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from servicekit.errors import Conflict, NotFound, PayloadTooLarge, ServiceError, Unprocessable


class BenchmarkNotFound(NotFound):
    """No benchmark with this id in the caller's workspace."""

    def __init__(self, benchmark_id: uuid.UUID) -> None:
        super().__init__(f"No benchmark {benchmark_id} in this workspace.")


class BenchmarkExists(Conflict):
    """The workspace already has a benchmark for this platform and handle: its snapshots go to
    that one (`existing_id`)."""

    def __init__(self, platform: str, handle: str, existing: uuid.UUID) -> None:
        super().__init__(
            f"This workspace already has benchmark {existing} for {platform} account "
            f"{handle!r}; enter its snapshots there, or change that one.",
            existing_id=str(existing),
        )


class SnapshotNotFound(NotFound):
    """The benchmark has no snapshot of this day."""

    def __init__(self, day: date) -> None:
        super().__init__(f"The benchmark has no snapshot of {day.isoformat()}.")


class SnapshotDateRepeated(Unprocessable):
    """A batch holds two snapshots of the same day: send each day once (nothing is stored)."""

    def __init__(self, day: date, first: int, again: int) -> None:
        super().__init__(
            f"snapshot_date {day.isoformat()} is in the batch twice (items {first} and "
            f"{again}); send each day once. Nothing was stored.",
            errors=[
                {
                    "loc": ["body", again, "snapshot_date"],
                    "msg": f"repeats item {first}",
                    "type": "repeated",
                }
            ],
        )


class SnapshotCsvNotCsv(ServiceError, status=415, slug="unsupported-media-type"):
    """The body is not `text/csv`."""

    def __init__(self, content_type: str | None) -> None:
        super().__init__(
            f"send the file as Content-Type: text/csv (got {content_type or 'none'}); JSON "
            "snapshots go to POST /v1/benchmarks/{benchmark_id}/snapshots."
        )


class SnapshotCsvTooLarge(PayloadTooLarge):
    """The CSV file is over the import's limit (1 MiB, 3,660 rows): split it."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)


class SnapshotCsvUnreadable(Unprocessable):
    """The CSV file cannot be read as a whole (not UTF-8, a NUL character, no header, an
    unknown column, no `snapshot_date` column, no rows); nothing is stored."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"The CSV cannot be imported: {reason}. Nothing was stored.")


class SnapshotCsvInvalid(Unprocessable):
    """Rows of the CSV file are invalid; `errors` names each by line and column, and nothing
    is stored (fix them and send the whole file again: days already entered are replaced)."""

    # How many of the errors the detail spells out; `errors` holds them all.
    SHOWN = 5

    def __init__(self, errors: Sequence[dict[str, Any]]) -> None:
        shown = "; ".join(
            f"line {e['loc'][1]} {e['loc'][2]}: {e['msg']}" for e in errors[: self.SHOWN]
        )
        more = f" (and {len(errors) - self.SHOWN} more)" if len(errors) > self.SHOWN else ""
        super().__init__(
            f"{len(errors)} error(s) in the CSV, so nothing was stored: {shown}{more}. Fix "
            "them and send the whole file again.",
            errors=list(errors),
        )
