"""A vocabulary's words as SQL: what CHECK constraints and raw filters are written from."""

from enum import StrEnum

from servicekit.vocabulary import sql_in, sql_words


class Status(StrEnum):
    DRAFT = "draft"
    RUNNING = "running"


class Odd(StrEnum):
    QUOTED = "it's"


def test_words_are_listed_in_declaration_order() -> None:
    assert sql_words(Status) == "('draft', 'running')"
    assert sql_in("status", Status) == "status IN ('draft', 'running')"


def test_a_quote_in_a_word_cannot_break_the_sql() -> None:
    assert sql_words(Odd) == "('it''s')"
