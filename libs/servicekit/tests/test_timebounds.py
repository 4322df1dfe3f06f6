from datetime import UTC, date, datetime

import pytest
from pydantic import BaseModel, ValidationError

from servicekit.testing.dates import EDGE_DAYS, EDGE_INSTANTS
from servicekit.timebounds import Day, Instant


class Window(BaseModel):
    at: Instant
    day: Day | None = None


@pytest.mark.parametrize("edge", EDGE_INSTANTS)
def test_instants_at_the_edges_of_python_are_refused_naming_the_field(edge: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Window(at=edge)
    (error,) = caught.value.errors()
    assert (error["loc"], error["type"]) == (("at",), "datetime_out_of_range")
    assert "1970-01-01T00:00:00+00:00" in error["msg"]


@pytest.mark.parametrize("edge", EDGE_DAYS)
def test_days_at_the_edges_of_python_are_refused_naming_the_field(edge: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Window(at=datetime(2026, 1, 1, tzinfo=UTC), day=edge)
    assert caught.value.errors()[0]["loc"] == ("day",)


def test_the_range_itself_is_accepted_unchanged() -> None:
    first = Window(at="1970-01-01T08:00:00+08:00", day="1970-01-01")
    last = Window(at="2200-01-01T00:00:00Z", day="2200-01-01")
    assert first.at.isoformat() == "1970-01-01T08:00:00+08:00"
    assert (first.day, last.day) == (date(1970, 1, 1), date(2200, 1, 1))
    with pytest.raises(ValidationError):
        Window(at="2200-01-01T00:00:01Z")


@pytest.mark.parametrize("sent", [0, 0.5, True, "0", "0.5", "1764547200", "2026-12"])
def test_numbers_and_numeric_text_are_not_read_as_instants(sent: object) -> None:
    # Pydantic's lax mode reads them as seconds since 1970; the schema promises RFC 3339 text.
    with pytest.raises(ValidationError) as caught:
        Window(at=sent)
    assert caught.value.errors()[0]["loc"] == ("at",)


@pytest.mark.parametrize("sent", [0, 0.5, "0", "0.5", "20261201", "2026-12-01T00:00:00Z"])
def test_numbers_and_other_spellings_are_not_read_as_days(sent: object) -> None:
    with pytest.raises(ValidationError) as caught:
        Window(at=datetime(2026, 1, 1, tzinfo=UTC), day=sent)
    assert caught.value.errors()[0]["loc"] == ("day",)
