"""CSV exports that a spreadsheet opens as data, never as formulas.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by Excel,
LibreOffice and Google Sheets as a formula (``=HYPERLINK("http://attacker.invalid","x")`` in a
lead's name becomes a link on the operator's screen). OWASP's rule for CSV injection: prefix such a
cell with a single quote, which the spreadsheet shows as text. Written here rather than taken from
``defusedcsv``, which also wraps such cells in a closing quote and rewrites ``|`` inside them, and
leaves tab and carriage return alone; the rule itself is one comparison.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: str) -> str:
    """``value`` as a spreadsheet shows it as text: a leading quote before a formula trigger."""
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def csv_document(
    header: Sequence[str], rows: Iterable[Sequence[str | None]], *, bom: bool = False
) -> str:
    """The CSV text of ``header`` and ``rows``; ``None`` is an empty cell and every other cell
    is neutralised. ``bom`` adds a UTF-8 byte order mark, so spreadsheet programs open
    non-ASCII text (Chinese names) as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise_cell(h) for h in header])
    for row in rows:
        writer.writerow(["" if cell is None else neutralise_cell(cell) for cell in row])
    return ("\ufeff" if bom else "") + buffer.getvalue()
