import csv
import io

import pytest

from servicekit.csvexport import csv_document, neutralise_cell


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
