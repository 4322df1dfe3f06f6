"""The examples of metrics-svc's OpenAPI document are ones the service takes and could answer:
each component schema's examples (written on its model, or derived by servicekit.apidoc for a
page) validate against the model it was made from, an answer's example shows every field the
answer has, and the request examples a front-end developer would paste succeed against the
service itself."""

from __future__ import annotations

import json
import re
import types
from collections.abc import Iterator
from typing import Any, Union, get_args, get_origin

import httpx
import pytest
from fastapi.routing import APIRoute
from pydantic import BaseModel

from metrics_svc.api import routers
from metrics_svc.config import Settings
from metrics_svc.events import service as events
from metrics_svc.events.schemas import EVENT_BATCH_EXAMPLE, EventIn
from metrics_svc.main import create_app
from servicekit.bodies import RequestBody
from servicekit.problems import problem_components

APP = create_app(Settings(database_url="postgresql://unused/x"))
SPEC: dict[str, Any] = APP.openapi()
SCHEMAS: dict[str, Any] = SPEC["components"]["schemas"]


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    """The models an annotation names, and the models their fields name, recursively."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        for field in annotation.model_fields.values():
            yield from _models_in(field.annotation)
    elif get_origin(annotation) is not None or isinstance(annotation, types.UnionType):
        for arg in get_args(annotation):
            yield from _models_in(arg)
    elif get_origin(annotation) is Union:  # pragma: no cover (typing.Optional spelled old)
        for arg in get_args(annotation):
            yield from _models_in(arg)


def _component_name(model: type[BaseModel]) -> str:
    # As pydantic names a definition: Page[TargetRead] is Page_TargetRead_.
    return re.sub(r"[^a-zA-Z0-9.\-_]", "_", model.__name__)


def documented_models() -> dict[str, type[BaseModel]]:
    """Every model the routes take or answer, by its name among the component schemas."""
    found: dict[str, type[BaseModel]] = {}
    for route in (r for router in routers for r in router.routes):
        assert isinstance(route, APIRoute)
        bodies = [p.field_info.annotation for p in route.dependant.body_params]
        for annotation in [route.response_model, *bodies]:
            for model in _models_in(annotation):
                found[_component_name(model)] = model
    return found


MODELS = documented_models()


def test_every_object_schema_of_the_document_is_a_model_checked_here() -> None:
    objects = {name for name, schema in SCHEMAS.items() if "properties" in schema}
    assert objects - set(problem_components()) == set(MODELS)


@pytest.mark.parametrize("name", sorted(MODELS))
def test_the_examples_of_a_schema_validate_against_its_model(name: str) -> None:
    model = MODELS[name]
    examples = SCHEMAS[name].get("examples")
    assert examples, f"{name} has no example"
    for example in examples:
        model.model_validate_json(json.dumps(example))
        if not issubclass(model, RequestBody):
            # An answer carries every field: its example shows them all.
            assert set(example) == set(SCHEMAS[name]["properties"]), name


def _request_example(method: str, path: str) -> Any:
    media = SPEC["paths"][path][method]["requestBody"]["content"]["application/json"]
    if "example" in media:
        return media["example"]
    schema = media["schema"]
    if schema.get("type") == "array":  # a batch: its item's example, as a batch of one
        ref = schema["items"]["$ref"].removeprefix("#/components/schemas/")
        return [SCHEMAS[ref]["examples"][0]]
    ref = schema["$ref"].removeprefix("#/components/schemas/")
    return SCHEMAS[ref]["examples"][0]


def test_the_event_batch_example_is_taken_whole_by_the_ingests_fast_path() -> None:
    example = _request_example("post", "/v1/events")
    assert example == EVENT_BATCH_EXAMPLE
    batch = events.read_batch(json.dumps(example).encode())
    assert batch.fast is not None
    assert len(batch.fast) == len(example)
    item_schema = SPEC["paths"]["/v1/events"]["post"]["requestBody"]["content"]["application/json"][
        "schema"
    ]["items"]
    for event in [*example, *item_schema["examples"]]:
        EventIn.model_validate_json(json.dumps(event))


async def test_the_request_examples_succeed_as_pasted(client: httpx.AsyncClient) -> None:
    # The events are of November 2026: inside the ingest's 10-year bound until 2036.
    ingested = await client.post("/v1/events", json=_request_example("post", "/v1/events"))
    assert ingested.status_code == 200, ingested.text
    assert ingested.json() == {
        "accepted": len(EVENT_BATCH_EXAMPLE),
        "duplicates": 0,
        "rejected": [],
    }

    funnel = await client.post(
        "/v1/funnels/query", json=_request_example("post", "/v1/funnels/query")
    )
    assert funnel.status_code == 200, funnel.text
    # The reader of the example batch takes every step of the example funnel.
    assert [s["actors"] for s in funnel.json()["steps"]] == [1, 1, 1, 1]

    retention = await client.post(
        "/v1/retention/query", json=_request_example("post", "/v1/retention/query")
    )
    assert retention.status_code == 200, retention.text
    assert retention.json()["tz"] == "Asia/Shanghai"

    created = await client.post("/v1/targets", json=_request_example("post", "/v1/targets"))
    assert created.status_code == 201, created.text
    assert created.json()["actual"] == 199.0  # the example batch's purchase, in its campaign
    changed = await client.patch(
        f"/v1/targets/{created.json()['id']}",
        json=_request_example("patch", "/v1/targets/{target_id}"),
        headers={"If-Match": created.headers["ETag"]},
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["target_value"] == 2500000


async def test_the_benchmark_examples_succeed_as_pasted(client: httpx.AsyncClient) -> None:
    created = await client.post("/v1/benchmarks", json=_request_example("post", "/v1/benchmarks"))
    assert created.status_code == 201, created.text
    path = f"/v1/benchmarks/{created.json()['id']}"
    changed = await client.patch(
        path, json=_request_example("patch", "/v1/benchmarks/{benchmark_id}")
    )
    assert changed.status_code == 200, changed.text
    day = await client.put(
        f"{path}/snapshots/2026-11-16",
        json=_request_example("put", "/v1/benchmarks/{benchmark_id}/snapshots/{snapshot_date}"),
    )
    assert day.status_code == 200, day.text
    batch = await client.post(
        f"{path}/snapshots",
        json=_request_example("post", "/v1/benchmarks/{benchmark_id}/snapshots"),
    )
    assert batch.json() == {"received": 1, "created": 0, "updated": 1}
    media = SPEC["paths"]["/v1/benchmarks/{benchmark_id}/snapshots/import"]["post"]["requestBody"][
        "content"
    ]["text/csv"]
    imported = await client.post(
        f"{path}/snapshots/import",
        content=media["example"].encode(),
        headers={"Content-Type": "text/csv"},
    )
    assert imported.json() == {"received": 2, "created": 1, "updated": 1}
