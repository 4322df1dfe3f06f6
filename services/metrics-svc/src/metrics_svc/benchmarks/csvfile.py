"""A CSV file of a benchmark's snapshots, read whole: every row is checked before anything is
stored, and each bad cell is reported by its line and column.

All or nothing, because a snapshot file is one account's history: storing the good rows of a
file with bad ones would leave gaps an operator must find and fill one by one, while sending
the corrected file again is harmless (a day entered again is replaced).
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from pydantic import ValidationError

from metrics_svc.benchmarks.exceptions import (
    SnapshotCsvInvalid,
    SnapshotCsvTooLarge,
    SnapshotCsvUnreadable,
)
from metrics_svc.benchmarks.schemas import MAX_SNAPSHOTS, SnapshotIn

# A file of MAX_SNAPSHOTS rows of large numbers is ~250 KB; the gateway takes 1 MiB by default.
MAX_CSV_BYTES = 1_048_576
DATE_COLUMN = "snapshot_date"
WHOLE_COLUMNS = ("followers", "posts", "likes")
COLUMNS = (DATE_COLUMN, *WHOLE_COLUMNS, "avg_reads")
_WHOLE = re.compile(r"[+-]?\d+")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")

Error = dict[str, Any]


def _error(line: int, column: str, msg: str, type_: str) -> Error:
    return {"loc": ["body", line, column], "msg": msg, "type": type_}


def _header(reader: csv.DictReader[str]) -> list[str]:
    header = [h.strip() for h in (reader.fieldnames or [])]
    if not header or header == [""]:
        raise SnapshotCsvUnreadable("the file has no header row; the first line names the columns")
    unknown = sorted({h for h in header if h not in COLUMNS})
    if unknown:
        raise SnapshotCsvUnreadable(
            f"unknown column(s) {', '.join(map(repr, unknown))}; the columns are "
            f"{', '.join(COLUMNS)} (any order, only {DATE_COLUMN} required)"
        )
    if len(set(header)) != len(header):
        raise SnapshotCsvUnreadable("a column is named twice in the header")
    if DATE_COLUMN not in header:
        raise SnapshotCsvUnreadable(f"the header has no {DATE_COLUMN} column")
    return header


def _cell(line: int, column: str, text: str, errors: list[Error]) -> Any:
    """A cell's value as the JSON body would carry it (numbers as numbers, empty as null), or
    the cell's error appended to ``errors``."""
    text = text.strip()
    if text == "" and column != DATE_COLUMN:
        return None
    if column == DATE_COLUMN:
        return text
    if column in WHOLE_COLUMNS:
        if _WHOLE.fullmatch(text):
            return int(text)
        errors.append(_error(line, column, f"must be a whole number (got {text[:40]!r})", "int"))
        return None
    if _NUMBER.fullmatch(text):
        return float(text)
    errors.append(_error(line, column, f"must be a number (got {text[:40]!r})", "float"))
    return None


def parse_snapshots(body: bytes) -> list[tuple[int, SnapshotIn]]:
    """Every row of the file with its line, each a valid snapshot; raises
    ``SnapshotCsvUnreadable`` for a file that cannot be read, ``SnapshotCsvTooLarge`` past the
    limits and ``SnapshotCsvInvalid`` with every bad cell (a repeated day included)."""
    if len(body) > MAX_CSV_BYTES:
        raise SnapshotCsvTooLarge(
            f"The CSV is {len(body):,} bytes; a file takes at most {MAX_CSV_BYTES:,} bytes "
            f"and {MAX_SNAPSHOTS:,} rows: split it and send the parts one after another."
        )
    if b"\x00" in body:
        raise SnapshotCsvUnreadable("it holds a NUL character (byte 0); save it as plain text")
    try:
        text = body.decode("utf-8-sig")  # Excel writes a byte order mark before UTF-8
    except UnicodeDecodeError as exc:
        raise SnapshotCsvUnreadable(
            f"it is not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8"
        ) from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    errors: list[Error] = []
    rows: list[tuple[int, SnapshotIn]] = []
    first_line: dict[str, int] = {}
    try:
        reader.fieldnames = _header(reader)
        for seen, raw in enumerate(reader, start=1):
            line = reader.line_num
            if seen > MAX_SNAPSHOTS:
                raise SnapshotCsvTooLarge(
                    f"The CSV holds more than {MAX_SNAPSHOTS:,} rows; split it and send the "
                    "parts one after another."
                )
            rows_errors: list[Error] = []
            if None in raw:  # DictReader keeps cells past the header's under the key None
                rows_errors.append(
                    _error(line, DATE_COLUMN, "the row has more cells than the header", "cells")
                )
            record = {
                column: _cell(line, column, value or "", rows_errors)
                for column, value in raw.items()
                if column is not None
            }
            day = str(record.get(DATE_COLUMN) or "")
            # Validated even when a cell is already bad (it reads as null here), so one pass
            # names every bad cell of the row.
            try:
                snapshot = SnapshotIn.model_validate(record)
            except ValidationError as exc:
                rows_errors += [
                    _error(line, str(e["loc"][0]) if e["loc"] else DATE_COLUMN, e["msg"], e["type"])
                    for e in exc.errors()
                ]
            else:
                day = snapshot.snapshot_date.isoformat()
                if day in first_line:
                    repeated = f"{day} is on line {first_line[day]} already"
                    rows_errors.append(_error(line, DATE_COLUMN, repeated, "repeated"))
                elif not rows_errors:
                    rows.append((line, snapshot))
            first_line.setdefault(day, line)
            errors += rows_errors
    except csv.Error as exc:
        raise SnapshotCsvUnreadable(f"line {reader.line_num} is not CSV ({exc})") from exc
    if errors:
        raise SnapshotCsvInvalid(errors)
    if not rows:
        raise SnapshotCsvUnreadable("it holds no rows under its header")
    return rows
