"""What a service's OpenAPI document says about its errors and examples, derived from its routes.

A route's error answers come from two places. Most follow from its shape, and are added here
(``document``) so that no route lists an answer it cannot give: every route can refuse the
internal token (401), a missing scope (403, naming the scope) and bad parameters (422); a route
with a path id can answer 404; one with a body can answer 400 (unreadable JSON), 413 (over the
size limit) and 422; one that reads ``If-Match`` can answer 412; a POST that takes an
``Idempotency-Key`` can answer 409 (the key reused with another body). What the service's own
code raises on purpose beyond that (an illegal state change, stock run out) is declared on the
route with ``problems(SomeError, …)``, whose docstrings become the descriptions.

Every problem answer is ``application/problem+json`` with the shared ``Problem`` schema and an
example. Schemas whose example follows from their parts (an enum, a page of items that have
one) get it here, so each model writes its example once.
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any, cast, get_args

from fastapi import FastAPI, routing
from fastapi.dependencies.models import Dependant
from fastapi.encoders import jsonable_encoder
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute
from pydantic import BaseModel

from servicekit.context import ScopeCheck
from servicekit.errors import _STATUS_TITLES, ServiceError
from servicekit.problems import PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE, problem_components

Json = dict[str, Any]
PROBLEM_REF = "#/components/schemas/Problem"
_REF_PREFIX = "#/components/schemas/"
# FastAPI's own validation schemas: every 422 here is a Problem instead.
_FASTAPI_VALIDATION = ("HTTPValidationError", "ValidationError")
_PATH_PARAMETER = re.compile(r"{([^}]+)}")
# What FastAPI writes on the 422 it adds to every route with parameters: no description of ours.
_FASTAPI_422 = "Validation Error"


def _first_paragraph(doc: str | None) -> str:
    return inspect.cleandoc(doc or "").split("\n\n")[0].replace("\n", " ").strip()


def problems(*errors: type[ServiceError]) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route: the problem answers its service code raises on purpose beyond
    those its shape implies, each described by its error class's docstring."""
    declared: dict[int | str, dict[str, Any]] = {}
    for error in errors:
        description = _first_paragraph(error.__doc__) or error.title
        if error.status in declared:
            before = declared[error.status]["description"]
            joint = " " if before.endswith(".") else "; "
            declared[error.status]["description"] = f"{before}{joint}{description}"
        else:
            declared[error.status] = {"description": description}
        declared[error.status].setdefault("x-mediaops-errors", []).append(error.__name__)
    return declared


def _dependants(dependant: Dependant) -> Iterator[Dependant]:
    yield dependant
    for sub in dependant.dependencies:
        yield from _dependants(sub)


def _scopes(route: APIRoute) -> list[str]:
    return sorted(
        {d.call.scope for d in _dependants(route.dependant) if isinstance(d.call, ScopeCheck)}
    )


def _header_names(route: APIRoute) -> set[str]:
    names = {
        (param.alias or param.name).lower().replace("_", "-")
        for dependant in _dependants(route.dependant)
        for param in dependant.header_params
    }
    extra = route.openapi_extra or {}
    names.update(p["name"].lower() for p in extra.get("parameters", []) if p.get("in") == "header")
    return names


def _takes_body(route: APIRoute) -> bool:
    """A body FastAPI reads for the route, or one the route reads itself (bulk ingestion, a CSV
    import) and declares in ``openapi_extra``: the door and the size limit refuse either."""
    return route.body_field is not None or "requestBody" in (route.openapi_extra or {})


def implied(route: APIRoute, path: str, method: str) -> dict[int, str]:
    """The problem answers ``route`` can give by its shape alone, status → description."""
    answers = {
        401: "The internal token is missing or wrong (the gateway sends it; a caller of the "
        "gateway meets the bearer token's 401 instead).",
        422: "A query parameter is unknown, repeated or invalid; `errors` names it.",
    }
    scopes = _scopes(route)
    answers[403] = (
        f"The caller's token lacks the `{'` or `'.join(scopes)}` scope."
        if scopes
        else "The caller's token lacks the scope this action needs."
    )
    if _PATH_PARAMETER.search(path):
        answers[404] = "No such id in the caller's workspace (another workspace's ids included)."
    if _takes_body(route):
        answers[400] = "The body is not readable JSON."
        answers[413] = "The body is over the size limit."
        answers[422] = "The body or a parameter is invalid; `errors` names each field and why."
    headers = _header_names(route)
    if "if-match" in headers:
        answers[412] = "`If-Match` names a version that is no longer the current one."
    if method == "post" and "idempotency-key" in headers:
        answers[409] = "The `Idempotency-Key` was used before with a different body."
    return answers


def problem_example(status: int, detail: str) -> Json:
    title = _STATUS_TITLES.get(status, "Error")
    return {
        "type": PROBLEM_TYPE_BASE + title.lower().replace(" ", "-"),
        "title": title,
        "status": status,
        "detail": detail,
        "request_id": "0f8e5c1e9b7a4d21a3c4b5d6e7f80912",
    }


def problem_answer(status: int, description: str) -> Json:
    return {
        "description": description,
        "content": {
            PROBLEM_CONTENT_TYPE: {
                "schema": {"$ref": PROBLEM_REF},
                "example": problem_example(status, description),
            }
        },
    }


def _operations(app: FastAPI) -> Iterator[tuple[APIRoute, str, str]]:
    """Each documented operation: its route (as included, router prefixes and dependencies
    applied), path and method."""
    for context in routing.iter_route_contexts(app.routes):
        if isinstance(context.original_route, APIRoute) and context.include_in_schema:
            route = cast(APIRoute, context)  # answers every APIRoute attribute as included
            for method in sorted(context.methods or ()):
                yield route, str(context.path_format), method.lower()


def document_errors(spec: Json, app: FastAPI) -> None:
    """Give every operation of ``spec`` exactly the problem answers its route can give."""
    for route, path, method in _operations(app):
        operation = spec["paths"][path][method]
        responses: Json = operation["responses"]
        answers = implied(route, path, method)
        for status, response in list(responses.items()):
            code = int(status) if str(status).isdigit() else None
            if code is None or code < 400:
                continue
            declared = response.get("description", "")
            if code == 422 and declared == _FASTAPI_422:
                declared = ""
            if code in answers and declared and declared not in answers[code]:
                answers[code] = f"{answers[code]} Also: {declared}"
            elif code not in answers:
                answers[code] = declared
            extra = response.get("x-mediaops-errors")
            del responses[status]
            if extra:
                responses.setdefault("x-mediaops-errors", []).extend(extra)
        errors = responses.pop("x-mediaops-errors", None)
        for code in sorted(answers):
            responses[str(code)] = problem_answer(code, answers[code])
        if errors:
            operation["x-mediaops-errors"] = sorted(set(errors))


def _example_of(node: Json, schemas: Mapping[str, Json], seen: frozenset[str]) -> tuple[bool, Any]:
    """An example value for ``node`` when one follows from what is already written."""
    if "$ref" in node:
        name = node["$ref"].removeprefix(_REF_PREFIX)
        if name in seen or name not in schemas:
            return False, None
        return _example_of(schemas[name], schemas, seen | {name})
    if node.get("examples"):
        return True, node["examples"][0]
    if "example" in node:
        return True, node["example"]
    if "const" in node:
        return True, node["const"]
    if node.get("enum"):
        return True, node["enum"][0]
    if "default" in node:
        return True, node["default"]
    for key in ("anyOf", "oneOf"):
        for option in node.get(key, ()):
            if option.get("type") != "null":
                found, value = _example_of(option, schemas, seen)
                if found:
                    return True, value
    if node.get("type") == "array" and "items" in node:
        found, value = _example_of(node["items"], schemas, seen)
        return (True, [value]) if found else (False, None)
    if node.get("type") == "object" and "properties" in node:
        example: Json = {}
        for name, prop in node["properties"].items():
            found, value = _example_of(prop, schemas, seen)
            if not found:
                return False, None
            example[name] = value
        return True, example
    return False, None


def complete_examples(spec: Json) -> None:
    """Give each component schema without an example the one its parts imply (an enum's first
    value; a page built from its item's example), leaving written examples as they are."""
    schemas: Json = spec.get("components", {}).get("schemas", {})
    for name, schema in schemas.items():
        if "examples" in schema or "example" in schema:
            continue
        found, value = _example_of(schema, schemas, frozenset({name}))
        if found:
            schema["examples"] = [value]


def _models_in(annotation: Any, seen: set[type[BaseModel]]) -> Iterator[type[BaseModel]]:
    """The pydantic models ``annotation`` is made of, nested ones included."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation not in seen:
            seen.add(annotation)
            yield annotation
            for field in annotation.model_fields.values():
                yield from _models_in(field.annotation, seen)
        return
    for arg in get_args(annotation):
        yield from _models_in(arg, seen)


def _route_models(app: FastAPI) -> Iterator[type[BaseModel]]:
    seen: set[type[BaseModel]] = set()
    for route, _, _ in _operations(app):
        for param in route.dependant.body_params:
            yield from _models_in(param.field_info.annotation, seen)
        yield from _models_in(route.response_model, seen)
        for answer in route.responses.values():
            yield from _models_in(answer.get("model"), seen)


def _without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def restore_example_nulls(spec: Json, app: FastAPI) -> None:
    """Put back the nulls FastAPI drops from the models' written examples.

    ``get_openapi`` encodes the whole document with ``exclude_none``, which also removes every
    null inside an example: an answer's example would lose its required nullable fields
    (``"redeemed_at": null``) and no longer match its own schema. Each schema whose example is
    exactly its model's example without the nulls gets the model's example back."""
    schemas: Json = spec.get("components", {}).get("schemas", {})
    for model in _route_models(app):
        extra = model.model_config.get("json_schema_extra")
        if not isinstance(extra, dict) or not isinstance(extra.get("examples"), list):
            continue
        written = jsonable_encoder(extra["examples"])
        schema = schemas.get(model.__name__)
        if schema is not None and schema.get("examples") == _without_nulls(written):
            schema["examples"] = written


def _drop_unused_validation_schemas(spec: Json) -> None:
    schemas: Json = spec.get("components", {}).get("schemas", {})
    rest = {k: v for k, v in schemas.items() if k not in _FASTAPI_VALIDATION}
    text = json.dumps([spec.get("paths", {}), rest])
    for name in _FASTAPI_VALIDATION:
        if f'"{_REF_PREFIX}{name}"' not in text:
            schemas.pop(name, None)


def build_openapi(app: FastAPI) -> Json:
    """``app``'s document with the errors and examples above."""
    spec = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
    )
    spec.setdefault("components", {}).setdefault("schemas", {}).update(problem_components())
    document_errors(spec, app)
    _drop_unused_validation_schemas(spec)
    restore_example_nulls(spec, app)
    complete_examples(spec)
    return spec


def install(app: FastAPI) -> None:
    """Serve ``build_openapi``'s document as ``app``'s own, built once on first use."""

    def openapi() -> Json:
        if app.openapi_schema is None:
            app.openapi_schema = build_openapi(app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
