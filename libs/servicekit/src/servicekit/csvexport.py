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
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Sequence

from starlette.responses import StreamingResponse

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
# Rows written per piece of a streamed document: big enough that the writes are few, small
# enough that a piece is a few tens of kilobytes.
ROWS_PER_PIECE = 1000

Row = Sequence[str | None]


def neutralise_cell(value: str) -> str:
    """``value`` as a spreadsheet shows it as text: a leading quote before a formula trigger."""
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def csv_rows(rows: Iterable[Row]) -> str:
    """The CSV lines of ``rows``; ``None`` is an empty cell and every other cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(["" if cell is None else neutralise_cell(cell) for cell in row])
    return buffer.getvalue()


def csv_header(header: Sequence[str], *, bom: bool = False) -> str:
    """The header line; ``bom`` puts a UTF-8 byte order mark in front of it, so spreadsheet
    programs open non-ASCII text (Chinese names) as UTF-8."""
    return ("\ufeff" if bom else "") + csv_rows([header])


def csv_document(header: Sequence[str], rows: Iterable[Row], *, bom: bool = False) -> str:
    """The whole CSV text of ``header`` and ``rows`` (small documents; large ones stream with
    ``csv_stream``)."""
    return csv_header(header, bom=bom) + csv_rows(rows)


async def csv_stream(
    header: Sequence[str],
    rows: AsyncIterable[Row],
    *,
    bom: bool = False,
    rows_per_piece: int = ROWS_PER_PIECE,
) -> AsyncIterator[bytes]:
    """The CSV document of ``header`` and ``rows`` as UTF-8 pieces of ``rows_per_piece`` rows,
    made as the rows arrive: a million rows never sit in memory at once."""
    yield csv_header(header, bom=bom).encode()
    piece: list[Row] = []
    async for row in rows:
        piece.append(row)
        if len(piece) >= rows_per_piece:
            yield csv_rows(piece).encode()
            piece = []
    if piece:
        yield csv_rows(piece).encode()


def csv_response(pieces: AsyncIterable[bytes], filename: str) -> StreamingResponse:
    """A streamed ``text/csv`` attachment answer of ``pieces`` (``csv_stream``'s)."""
    return StreamingResponse(
        pieces,
        media_type=CSV_MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
