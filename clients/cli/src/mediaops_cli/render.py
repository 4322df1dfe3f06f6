"""Output: Rich tables for people, JSON for scripts (``--json``: the API's own JSON on stdout,
nothing else there). Progress bars, notes and errors go to stderr."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d")


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()


def cell(value: Any) -> str:
    """A value as table text (shown as plain text: never read as Rich markup)."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.4g}"
    if isinstance(value, list):
        return ", ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and TIMESTAMP.match(value):
        return _minutes(value)
    return str(value)


def _minutes(value: str) -> str:
    """An RFC 3339 time to the minute, short enough for a table column."""
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        return value
    if at.utcoffset() == timedelta(0):
        return at.strftime("%Y-%m-%d %H:%MZ")
    return at.isoformat(sep=" ", timespec="minutes")


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str], title: str | None = None) -> None:
    view = Table(title=title, title_justify="left")
    for column in columns:
        # Ids are what the next command takes: never cut short.
        view.add_column(
            column, no_wrap=column.endswith("id"), min_width=36 if column == "id" else None
        )
    for row in rows:
        view.add_row(*(Text(cell(row.get(column))) for column in columns))
    out.print(view)


def record(item: dict[str, Any], columns: Sequence[str] | None = None) -> None:
    """One resource as a two-column table, its fields in ``columns`` order (all by default)."""
    view = Table("field", "value", show_header=False)
    for key in columns or list(item):
        if key in item:
            view.add_row(key, Text(cell(item[key])))
    out.print(view)
