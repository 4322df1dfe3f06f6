from typing import Annotated, Any

import pytest
from pydantic import Field, ValidationError

from servicekit.bodies import RequestBody


class Step(RequestBody):
    offset_days: Annotated[int, Field(ge=-365)] = 0
    weight: float | None = None
    urgent: bool = False
    title: str = ""


class Template(RequestBody):
    steps: list[Step]
    limit: int | None = None


def test_json_values_of_the_promised_kinds_are_taken() -> None:
    body = {"steps": [{"offset_days": 2.0, "weight": 3, "urgent": True, "title": "x"}]}
    step = Template.model_validate(body).steps[0]
    assert (step.offset_days, step.weight, step.urgent) == (2, 3.0, True)


@pytest.mark.parametrize(
    ("step", "field", "words"),
    [
        ({"offset_days": False}, "offset_days", "an integer, not a boolean"),
        ({"offset_days": "5"}, "offset_days", "an integer, not a string"),
        ({"offset_days": 1.5}, "offset_days", "an integer, not a number"),
        ({"weight": "1.5"}, "weight", "a number, not a string"),
        ({"weight": True}, "weight", "a number, not a boolean"),
        ({"urgent": 1}, "urgent", "a boolean (true or false), not a number"),
        ({"urgent": "true"}, "urgent", "a boolean (true or false), not a string"),
    ],
)
def test_a_value_of_another_json_kind_is_refused_naming_the_field(
    step: dict[str, Any], field: str, words: str
) -> None:
    # Pydantic's lax mode would take every one of these (false → 0, "5" → 5, 1 → true).
    with pytest.raises(ValidationError) as caught:
        Template.model_validate({"steps": [step]})
    (error,) = caught.value.errors()
    assert error["loc"] == ("steps", 0, field)
    assert words in error["msg"]


def test_an_optional_number_takes_null_but_not_a_boolean() -> None:
    assert Template.model_validate({"steps": [], "limit": None}).limit is None
    with pytest.raises(ValidationError):
        Template.model_validate({"steps": [], "limit": True})


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        Template.model_validate({"steps": [], "colour": "red"})
    assert caught.value.errors()[0]["type"] == "extra_forbidden"
