"""Reading a bulk import: CSV (``text/csv``) or JSON, row by row, each row with its line number.

CSV is the format operators export from spreadsheets and chat tools, and at ~70 bytes a row it
carries 10,000 members well inside the import route's body limit; JSON is accepted for scripts.
"""

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from community_svc.members.exceptions import ImportUnreadable
from community_svc.members.schemas import MemberImportRow

MAX_ROWS = 20_000
# What a member import job (``POST /v1/groups/{id}/member-imports``) takes: its rows are read
# in chunks by the job, so only the body limit (8 MiB) holds the file's size back.
MAX_JOB_ROWS = 100_000
# A CSV row names its source by a `tracking_code` column (JSON rows send `source` itself).
CSV_COLUMNS = frozenset(MemberImportRow.model_fields) - {"source"} | {"tracking_code"}
# Several tags in one CSV cell: "宝妈|早鸟"; `|` rarely appears in a tag, unlike commas.
TAG_SEPARATOR = "|"


@dataclass(frozen=True, slots=True)
class ParsedRow:
    line: int
    external_id: str | None
    row: MemberImportRow | None
    errors: list[str]


def _csv_records(text: str) -> Iterator[tuple[int, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    if not header:
        raise ImportUnreadable("the CSV has no header row; the first line must name the columns")
    unknown = sorted(set(header) - CSV_COLUMNS)
    if unknown:
        raise ImportUnreadable(
            f"unknown CSV column(s) {', '.join(unknown)}; allowed: {', '.join(sorted(CSV_COLUMNS))}"
        )
    if "external_id" not in header:
        raise ImportUnreadable("the CSV header must include an external_id column")
    reader.fieldnames = header
    for raw in reader:
        # DictReader keeps extra cells under the key None; report them on the row.
        record: dict[str, Any] = {}
        for key, value in raw.items():
            if key is None:
                record["__extra__"] = value
            elif value is not None and value.strip() != "":
                record[key] = value
        if "tags" in record:
            record["tags"] = [t for t in record["tags"].split(TAG_SEPARATOR) if t.strip()]
        if "tracking_code" in record:
            record["source"] = {"tracking_code": record.pop("tracking_code")}
        yield reader.line_num, record


def _json_records(body: bytes) -> Iterator[tuple[int, Any]]:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ImportUnreadable(f"the body is not valid JSON: {exc}") from exc
    items = data.get("members") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise ImportUnreadable('send a JSON array of members, or {"members": [...]}')
    yield from enumerate(items, start=1)


def parse_import(body: bytes, content_type: str) -> list[ParsedRow]:
    """Every row with its line and either a valid row or the reasons it is not one."""
    media_type = content_type.split(";")[0].strip().lower()
    records: Iterator[tuple[int, Any]]
    if media_type == "text/csv":
        records = iter(read_csv(body, max_rows=MAX_ROWS))
    elif media_type in ("application/json", ""):
        records = _json_records(body)
    else:
        raise ImportUnreadable(
            f"unsupported Content-Type {media_type!r}; send text/csv or application/json"
        )
    parsed: list[ParsedRow] = []
    try:
        for line, record in records:
            if len(parsed) >= MAX_ROWS:
                raise ImportUnreadable(
                    f"an import holds at most {MAX_ROWS:,} rows; split the file and send the "
                    "parts one after another"
                )
            parsed.append(_validate(line, record))
    except csv.Error as exc:
        raise ImportUnreadable(f"the CSV cannot be read: {exc}") from exc
    if not parsed:
        raise ImportUnreadable("the import holds no rows")
    return parsed


def read_csv(body: bytes, *, max_rows: int = MAX_JOB_ROWS) -> list[tuple[int, dict[str, Any]]]:
    """The records of a CSV import with their lines, unvalidated: what a job checks at once
    (UTF-8, a header of known columns naming external_id, 1 to ``max_rows`` rows) and then
    reads a chunk at a time. Raises ``ImportUnreadable`` for a file that cannot be imported."""
    try:
        text = body.decode("utf-8-sig")  # Excel writes a BOM in front of UTF-8 CSV
    except UnicodeDecodeError as exc:
        raise ImportUnreadable("the CSV is not UTF-8 text; save it as UTF-8") from exc
    records: list[tuple[int, dict[str, Any]]] = []
    try:
        for line, record in _csv_records(text):
            if len(records) >= max_rows:
                raise ImportUnreadable(
                    f"an import holds at most {max_rows:,} rows; split the file and send the "
                    "parts one after another"
                )
            records.append((line, record))
    except csv.Error as exc:
        raise ImportUnreadable(f"the CSV cannot be read: {exc}") from exc
    if not records:
        raise ImportUnreadable("the import holds no rows")
    return records


def csv_chunk(body: bytes, start: int, count: int) -> tuple[list[ParsedRow], dict[str, int]]:
    """Data rows ``start`` to ``start + count`` of a CSV import (0-based), each validated; and,
    for the external ids among them, the line of each one's first valid row before ``start``
    (those rows are duplicates of it, as in a whole-file import)."""
    records = read_csv(body)
    chunk = [_validate(line, record) for line, record in records[start : start + count]]
    wanted = {p.row.external_id for p in chunk if p.row is not None}
    earlier: dict[str, int] = {}
    for line, record in records[:start]:
        raw = record.get("external_id")
        if raw is None or str(raw).strip() not in wanted or str(raw).strip() in earlier:
            continue
        parsed = _validate(line, record)
        if parsed.row is not None:
            earlier[parsed.row.external_id] = line
    return chunk, earlier


def _validate(line: int, record: Any) -> ParsedRow:
    external_id = record.get("external_id") if isinstance(record, dict) else None
    external_id = str(external_id).strip() if external_id is not None else None
    if isinstance(record, dict) and "__extra__" in record:
        return ParsedRow(line, external_id, None, ["more cells than the header has columns"])
    try:
        row = MemberImportRow.model_validate(record)
    except ValidationError as exc:
        errors = [
            f"{'.'.join(str(p) for p in e['loc']) or 'row'}: {e['msg']}" for e in exc.errors()
        ]
        return ParsedRow(line, external_id, None, errors)
    return ParsedRow(line, row.external_id, row, [])
