"""What every route of every service checks at its door, before its own code runs.

``create_service_app`` makes each route a ``DoorRoute``, so a new route gets these without a
line of its own:

- **Query parameters**: a name the route does not declare (in its signature or any of its
  dependencies, by alias) is a 422 naming it and listing the accepted ones, so a misspelt
  filter never answers unfiltered numbers. A parameter that takes one value, sent twice, is a
  422 too (FastAPI would silently keep the last one).
- **JSON bodies**: nested deeper than ``MAX_JSON_DEPTH`` levels, or carrying a string that
  PostgreSQL cannot store (U+0000, or half of a surrogate pair such as ``"\\ud800"``), is a 422
  naming the place (``loc``), never a 500 or a RecursionError. The check runs on the raw bytes
  in C (``bytes.translate``/``replace``/``find``); a body is decoded and walked in Python only
  when that quick look finds something suspicious, so routes that read their body raw (bulk
  ingestion) pay next to nothing.
- **Idempotency-Key** on every POST (``servicekit.idempotency``) but those marked
  ``not_keyed`` (a platform's push).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Coroutine, Iterable
from typing import Any, TypeVar

from fastapi._compat import field_annotation_is_sequence
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, APIRouter
from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import Response

from servicekit import idempotency
from servicekit.errors import Unprocessable
from servicekit.state import service_state

MAX_JSON_DEPTH = 64
"""Deepest nesting of arrays and objects a JSON body may have (the body itself is level 1)."""

_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Every byte but the four brackets is deleted, and the brackets become ( ): what is left is
# the body's nesting, which replace() peels one level per pass.
_PAIRS = bytes.maketrans(b"[{]}", b"(())")
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
# The escapes that can spell U+0000 or half of a surrogate pair (D800-DFFF) in JSON text.
_SUSPECT_ESCAPE = re.compile(rb"\\u(?:0000|[dD][89a-fA-F])")

Handler = Callable[[Request], Coroutine[Any, Any, Response]]


class UnknownQueryParameter(Unprocessable):
    def __init__(self, name: str, accepted: Iterable[str]) -> None:
        names = ", ".join(accepted) or "none"
        super().__init__(
            f"unknown query parameter `{name}`; accepted: {names}",
            errors=[{"loc": ["query", name], "msg": "unknown query parameter", "type": "unknown"}],
        )


class RepeatedQueryParameter(Unprocessable):
    def __init__(self, name: str, times: int) -> None:
        super().__init__(
            f"query parameter `{name}` was given {times} times; it takes one value",
            errors=[{"loc": ["query", name], "msg": "given more than once", "type": "repeated"}],
        )


class RefusedJsonBody(Unprocessable):
    def __init__(self, loc: list[str | int], msg: str, type_: str) -> None:
        where = ".".join(str(p) for p in loc[1:]) or "the body"
        super().__init__(f"{where}: {msg}", errors=[{"loc": loc, "msg": msg, "type": type_}])


def _query_fields(dependant: Dependant) -> dict[str, bool]:
    """Every query parameter the route reads, by the name a client sends (its alias), and
    whether it takes several values (a list)."""
    fields: dict[str, bool] = {}
    pending = [dependant]
    while pending:
        current = pending.pop()
        pending.extend(current.dependencies)
        for field in current.query_params:
            annotation = field.field_info.annotation
            model = _model_of(annotation)
            if model is not None:  # a pydantic model of query parameters: its fields
                for name, info in model.model_fields.items():
                    many = field_annotation_is_sequence(info.annotation)
                    fields[info.alias or name] = many
            else:
                fields[field.alias] = field_annotation_is_sequence(annotation)
    return fields


def _model_of(annotation: Any) -> type[BaseModel] | None:
    args = getattr(annotation, "__args__", None)
    if args and type(None) in args and len(args) == 2:
        annotation = next(a for a in args if a is not type(None))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def check_query(request: Request, accepted: dict[str, bool]) -> None:
    """422 for a query parameter the route does not read, or a single one sent twice."""
    items = request.query_params.multi_items()
    if not items:
        return
    seen: dict[str, int] = {}
    for name, _ in items:
        if name not in accepted:
            raise UnknownQueryParameter(name, accepted)
        seen[name] = seen.get(name, 0) + 1
    for name, times in seen.items():
        if times > 1 and not accepted[name]:
            raise RepeatedQueryParameter(name, times)


def check_json_body(body: bytes, max_depth: int = MAX_JSON_DEPTH, *, text: bool = True) -> None:
    """422 (``RefusedJsonBody``) when a JSON body nests deeper than ``max_depth`` or holds a
    string PostgreSQL cannot store; quick on the bytes, exact (naming the place) only when the
    quick look finds something. Malformed JSON is left to the route's own parser."""
    suspect_text = text and b"\\u" in body and _SUSPECT_ESCAPE.search(body) is not None
    if not suspect_text and _nesting_at_most(body, max_depth):
        return
    try:
        value = json.loads(body)
    except RecursionError:
        raise RefusedJsonBody(
            ["body"], f"nested deeper than {max_depth} levels", "json_too_deep"
        ) from None
    except ValueError:
        return
    problem = find_unstorable(value, max_depth, text=text)
    if problem is not None:
        raise RefusedJsonBody(*problem)


def _nesting_at_most(body: bytes, limit: int) -> bool:
    """True when the body's nesting is surely at most ``limit``: its brackets alone (made one
    kind), with the innermost pairs removed once per pass,
    are gone within ``limit`` passes. A bracket inside a string can only make this answer
    False (and send the body to the exact check), never True wrongly."""
    nesting = body.translate(_PAIRS, _NOT_BRACKETS)
    for _ in range(limit):
        if not nesting:
            return True
        nesting = nesting.replace(b"()", b"")
    return not nesting


def find_unstorable(
    value: Any, max_depth: int = MAX_JSON_DEPTH, *, text: bool = True
) -> tuple[list[str | int], str, str] | None:
    """The first place in a decoded JSON value that nests too deep or holds text PostgreSQL
    cannot store, as ``(loc, msg, type)``; None when there is none. Iterative, so no depth
    can overflow the interpreter's stack."""
    stack: list[tuple[Any, list[str | int]]] = [(value, ["body"])]
    while stack:
        current, loc = stack.pop()
        if isinstance(current, str):
            if not text:
                continue
            problem = _text_problem(current)
            if problem is not None:
                return loc, problem, "string_unstorable"
            continue
        if not isinstance(current, dict | list):
            continue
        if len(loc) > max_depth:  # loc holds "body" and one step per level above this one
            return loc, f"nested deeper than {max_depth} levels", "json_too_deep"
        if isinstance(current, dict):
            for key, item in current.items():
                problem = _text_problem(key) if text else None
                if problem is not None:
                    # The key is named escaped: as it is, it cannot be written in UTF-8.
                    shown = key.encode("utf-8", "backslashreplace").decode()
                    return [*loc, shown], f"(in the key) {problem}", "string_unstorable"
                stack.append((item, [*loc, key]))
        else:
            stack.extend((item, [*loc, i]) for i, item in enumerate(current))
    return None


def _text_problem(text: str) -> str | None:
    if "\x00" in text:
        return "Text may not contain the NUL character (\\u0000)"
    try:
        text.encode()
    except UnicodeEncodeError:
        return (
            "Text may not contain half of a surrogate pair (\\ud800 to \\udfff without its "
            "other half)"
        )
    return None


def _is_json(request: Request) -> bool:
    """As FastAPI reads a body: JSON unless it says it is something else."""
    content_type = request.headers.get("content-type")
    if not content_type:
        return True
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


_OWN_TEXT_ATTR = "__mediaops_checks_own_text__"
_Endpoint = TypeVar("_Endpoint", bound=Callable[..., Any])


def checks_own_text(endpoint: _Endpoint) -> _Endpoint:
    """Mark an endpoint that judges the text of its JSON body itself (bulk ingestion rejects
    a bad item by index and keeps the good ones): the door still limits the depth but leaves
    NUL and lone surrogates to the endpoint."""
    setattr(endpoint, _OWN_TEXT_ATTR, True)
    return endpoint


class DoorRoute(APIRoute):
    """An ``APIRoute`` whose handler first checks the query, the JSON body and the
    Idempotency-Key (see the module's docstring)."""

    def get_route_handler(self) -> Handler:
        handler = super().get_route_handler()
        accepted = _query_fields(self.dependant)
        methods = self.methods or set()
        reads_body = bool(methods & _BODY_METHODS)
        idempotent = "POST" in methods and idempotency.is_keyed(self.endpoint)
        view = idempotency.view_of(self.endpoint)
        stored_form = idempotency.stored_form_of(self.endpoint)
        text = not getattr(self.endpoint, _OWN_TEXT_ATTR, False)

        async def door(request: Request) -> Response:
            check_query(request, accepted)
            if reads_body and _is_json(request):
                check_json_body(await request.body(), text=text)
            if idempotent:
                model = service_state(request.scope)["idempotency_model"]
                return await idempotency.serve(request, handler, model, view, stored_form)
            return await handler(request)

        return door


def adopt(router: APIRouter, *, idempotency_documented: bool) -> None:
    """Make every route of ``router`` a ``DoorRoute``.

    Routers are written with plain ``fastapi.APIRouter`` and decorated at import time; FastAPI
    (0.120+) builds an included route's handler by calling ``get_route_handler()`` on the
    route object itself, so giving each route this class before ``include_router`` is all it
    takes, and a route nobody remembered to mark is covered all the same."""
    for route in router.routes:
        if not isinstance(route, APIRoute):
            continue
        if type(route) is APIRoute:
            route.__class__ = DoorRoute
        keyed = "POST" in (route.methods or ()) and idempotency.is_keyed(route.endpoint)
        if idempotency_documented and keyed:
            extra = dict(route.openapi_extra or {})
            parameters = list(extra.get("parameters", []))
            if idempotency.IDEMPOTENCY_PARAMETER not in parameters:
                parameters.append(idempotency.IDEMPOTENCY_PARAMETER)
            extra["parameters"] = parameters
            route.openapi_extra = extra
