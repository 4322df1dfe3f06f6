"""Every example content-svc's OpenAPI document shows is one its own models accept.

A front-end developer pastes these examples; one that no longer validates (a field renamed, a
limit tightened, an enum value dropped) would teach them a request that fails. Each component
schema of the served document is matched to the model or enum it was generated from (found by
walking every route's body and answer types), and each of its examples, written on the model or
derived by ``servicekit.apidoc`` (pages, enums), is validated by that type as JSON from the wire.
"""

import json
import re
from collections.abc import Iterator
from enum import Enum
from typing import Any, get_args

import pytest
from fastapi import FastAPI, routing
from fastapi.routing import APIRoute
from pydantic import BaseModel, TypeAdapter

from content_svc.config import Settings
from content_svc.main import create_app
from servicekit.problems import Problem

Json = dict[str, Any]
ExampleCase = tuple[str, type[Any], Any]


def _app() -> FastAPI:
    return create_app(Settings(database_url="postgresql://unused/x", relay_enabled=False))


def _types_in(annotation: Any, seen: set[type[Any]]) -> Iterator[type[Any]]:
    """The models and enums ``annotation`` is made of, nested ones included."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel | Enum):
        if annotation in seen:
            return
        seen.add(annotation)
        yield annotation
        if issubclass(annotation, BaseModel):
            for field in annotation.model_fields.values():
                yield from _types_in(field.annotation, seen)
        return
    for arg in get_args(annotation):
        yield from _types_in(arg, seen)


def _route_types(app: FastAPI) -> list[type[Any]]:
    seen: set[type[Any]] = set()
    found = list(_types_in(Problem, seen))
    for context in routing.iter_route_contexts(app.routes):
        route = context.original_route
        if not isinstance(route, APIRoute):
            continue
        for param in route.dependant.body_params:
            found += _types_in(param.field_info.annotation, seen)
        found += _types_in(route.response_model, seen)
    return found


def _component_name(kind: type[Any]) -> str:
    # As pydantic names a schema: `Page[TopicRead]` is the component `Page_TopicRead_`.
    return re.sub(r"[^a-zA-Z0-9.\-_]", "_", kind.__name__)


def _cases() -> list[ExampleCase]:
    app = _app()
    schemas: Json = app.openapi()["components"]["schemas"]
    by_name = {_component_name(kind): kind for kind in _route_types(app)}
    unmatched = sorted(set(schemas) - set(by_name))
    assert not unmatched, f"components no model of a route makes: {unmatched}"
    return [
        (f"{name}[{index}]", by_name[name], example)
        for name, schema in sorted(schemas.items())
        for index, example in enumerate(schema.get("examples", []))
    ]


CASES = _cases()


def test_every_component_schema_has_an_example_to_check() -> None:
    checked = {case_id.split("[")[0] for case_id, _, _ in CASES}
    assert checked == set(_app().openapi()["components"]["schemas"])


@pytest.mark.parametrize(("kind", "example"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_the_example_is_valid_for_its_model(kind: type[Any], example: Any) -> None:
    # As JSON text, as a client would send or read it: a date or an id arrives as a string.
    TypeAdapter(kind).validate_json(json.dumps(example))
