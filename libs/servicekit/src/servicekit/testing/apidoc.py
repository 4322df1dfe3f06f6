"""What a MediaOps OpenAPI document must say, checked: ``undocumented(spec)`` lists every gap.

A caller reads the document, not the code, so each operation says what it does (its
docstring), each body it takes or gives has an example a person could paste, each field says
what it means, and each error answer is a problem+json document. The service contract runs
this on every service's document, and the end-to-end suite on the merged one at the gateway,
so a route added without these fails a test.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from servicekit.problems import PROBLEM_CONTENT_TYPE

Json = dict[str, Any]
_REF_PREFIX = "#/components/schemas/"
_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


def operations(spec: Json) -> Iterator[tuple[str, str, Json]]:
    for path, item in spec.get("paths", {}).items():
        for method, operation in item.items():
            if method in _METHODS:
                yield path, method, operation


def _has_example(node: Json, schemas: Mapping[str, Json]) -> bool:
    if "$ref" in node:
        target = schemas.get(node["$ref"].removeprefix(_REF_PREFIX), {})
        return bool(target.get("examples") or "example" in target)
    if node.get("examples") or "example" in node:
        return True
    if node.get("type") == "array" and isinstance(node.get("items"), dict):
        return _has_example(node["items"], schemas)
    return False


def _media_has_example(media: Json, schemas: Mapping[str, Json]) -> bool:
    if media.get("examples") or "example" in media:
        return True
    return _has_example(media.get("schema", {}), schemas)


def _resolved(response: Json, spec: Json) -> Json:
    """A response, or the shared one (``#/components/responses/…``) it refers to."""
    ref = response.get("$ref", "")
    if ref.startswith("#/components/responses/"):
        named: Json = spec.get("components", {}).get("responses", {})
        return dict(named.get(ref.rsplit("/", 1)[1], {}))
    return response


def schema_gaps(spec: Json) -> list[str]:
    """Component schemas without an example, and fields without a description."""
    schemas: Json = spec.get("components", {}).get("schemas", {})
    gaps = []
    for name, schema in sorted(schemas.items()):
        if not (schema.get("examples") or "example" in schema):
            gaps.append(f"schema {name}: no example")
        for field, prop in schema.get("properties", {}).items():
            if not prop.get("description"):
                gaps.append(f"schema {name}.{field}: no description")
    return gaps


def operation_gaps(spec: Json) -> list[str]:
    """Operations without a description, bodies without an example, errors not problem+json."""
    schemas: Json = spec.get("components", {}).get("schemas", {})
    gaps = []
    for path, method, operation in operations(spec):
        where = f"{method.upper()} {path}"
        if not operation.get("description"):
            gaps.append(f"{where}: no description (give the route a docstring)")
        for media_type, media in operation.get("requestBody", {}).get("content", {}).items():
            if not _media_has_example(media, schemas):
                gaps.append(f"{where}: the {media_type} request body has no example")
        for status, answer in operation.get("responses", {}).items():
            response = _resolved(answer, spec)
            content: Json = response.get("content", {})
            if status.startswith("2"):
                for media_type, media in content.items():
                    if not _media_has_example(media, schemas):
                        gaps.append(f"{where}: the {status} {media_type} answer has no example")
            elif status[0] in "45" and set(content) != {PROBLEM_CONTENT_TYPE}:
                gaps.append(f"{where}: the {status} answer is not {PROBLEM_CONTENT_TYPE}")
    return gaps


def undocumented(spec: Json) -> list[str]:
    """Every gap of ``spec``: empty when the document tells a caller all it needs."""
    return operation_gaps(spec) + schema_gaps(spec)


def example_coverage(spec: Json) -> tuple[float, float]:
    """(share of component schemas with an example, share of request bodies with one)."""
    schemas: Json = spec.get("components", {}).get("schemas", {})
    with_example = sum(1 for s in schemas.values() if s.get("examples") or "example" in s)
    bodies = [
        media
        for _, _, operation in operations(spec)
        for media in operation.get("requestBody", {}).get("content", {}).values()
    ]
    bodies_with = sum(1 for media in bodies if _media_has_example(media, schemas))
    return (
        with_example / len(schemas) if schemas else 1.0,
        bodies_with / len(bodies) if bodies else 1.0,
    )
