import csv
import io
from collections.abc import AsyncIterator

import pytest

from servicekit.csvexport import csv_document, csv_stream, neutralise_cell


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@A1", "\tx", "\rx"])
def test_formula_triggers_get_a_leading_quote(cell: str) -> None:
    assert neutralise_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["", "张小明", "a=b", "2026-11-01T00:00:00+00:00", "'=x"])
def test_other_cells_are_unchanged(cell: str) -> None:
    assert neutralise_cell(cell) == cell


def test_document_neutralises_every_cell_and_keeps_none_empty() -> None:
    text = csv_document(["name", "note"], [["=cmd", None], ["ok", '-"quoted"']], bom=True)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows == [["name", "note"], ["'=cmd", ""], ["ok", '\'-"quoted"']]


async def test_a_streamed_document_is_the_whole_document_in_pieces() -> None:
    rows = [[f"=name {n}", None, "张"] for n in range(2500)]

    async def given() -> AsyncIterator[list[str | None]]:
        for row in rows:
            yield row

    pieces = [p async for p in csv_stream(["a", "b", "c"], given(), bom=True, rows_per_piece=1000)]
    # The header, then a piece per 1,000 rows as they arrive (never the whole at once).
    assert len(pieces) == 4
    assert b"".join(pieces).decode() == csv_document(["a", "b", "c"], rows, bom=True)
