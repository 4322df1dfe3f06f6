"""``RequestBody``: the base of every request body model, typed as its OpenAPI schema says.

Pydantic's lax mode turns ``true`` into ``1``, ``"5"`` into ``5`` and ``"1"`` into ``True``:
the OpenAPI document promises an integer, a number or a boolean, and a client that sends
something else has a bug it should hear about (422 naming the field), not a value it never
meant. Strict mode would do it, but FastAPI validates a body as Python objects (already decoded
from JSON), where strict mode also refuses the ISO strings that dates, UUIDs and enums arrive
as; so only the JSON scalar types are held to their kind here, field by field, by one validator
every request model inherits. Unknown fields are refused too (``extra="forbid"``).
"""

from __future__ import annotations

import functools
import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

# What a JSON value must be for a field of each scalar kind: a number may be an integer, an
# integer may not be a boolean (bool is an int subclass in Python).
_KINDS: dict[type, tuple[str, tuple[type, ...]]] = {
    bool: ("a boolean (true or false)", (bool,)),
    int: ("an integer", (int,)),
    float: ("a number", (int, float)),
}


def _scalar_kind(annotation: Any) -> type | None:
    """``int``/``float``/``bool`` when the field holds that kind (possibly optional or
    annotated), else None (strings, dates, models, lists … are left to pydantic)."""
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    if get_origin(annotation) in (Union, types.UnionType):
        kinds = {_scalar_kind(a) for a in get_args(annotation) if a is not type(None)}
        return kinds.pop() if len(kinds) == 1 else None
    return annotation if annotation in _KINDS else None


class RequestBody(BaseModel):
    """Base of request body models: unknown fields and JSON values of the wrong scalar type
    are a 422 naming the field."""

    model_config = ConfigDict(extra="forbid")

    @classmethod
    @functools.cache
    def _scalar_fields(cls) -> dict[str, type]:
        kinds = {name: _scalar_kind(field.annotation) for name, field in cls.model_fields.items()}
        return {name: kind for name, kind in kinds.items() if kind is not None}

    @field_validator("*", mode="before")
    @classmethod
    def _json_kind(cls, value: Any, info: ValidationInfo) -> Any:
        kind = cls._scalar_fields().get(info.field_name or "")
        if kind is None or value is None:
            return value
        words, allowed = _KINDS[kind]
        if kind is int and isinstance(value, float) and value.is_integer():
            return value  # JSON Schema counts 2.0 as an integer
        if not isinstance(value, allowed) or (kind is not bool and isinstance(value, bool)):
            raise PydanticCustomError(
                "json_type",
                "Input should be {words}, not {got}",
                {"words": words, "got": _json_name(value)},
            )
        return value


def _json_name(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
