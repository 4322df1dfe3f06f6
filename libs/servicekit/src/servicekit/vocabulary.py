"""One ``StrEnum`` per vocabulary (a status, a kind, a platform): the API schema, the CHECK
constraint and any raw SQL take their words from it, so a word is spelled in one place."""

from __future__ import annotations

from enum import StrEnum


def sql_words(vocabulary: type[StrEnum]) -> str:
    """The vocabulary's words as an SQL list: ``('draft', 'running')``."""
    return "(" + ", ".join(_quoted(word) for word in vocabulary) + ")"


def sql_in(column: str, vocabulary: type[StrEnum]) -> str:
    """``column IN ('a', 'b')``: the text of a CHECK constraint or a filter over a vocabulary."""
    return f"{column} IN {sql_words(vocabulary)}"


def _quoted(word: str) -> str:
    # Words are code, not input; quoting still doubles a quote so the SQL is never broken.
    return "'" + word.replace("'", "''") + "'"
