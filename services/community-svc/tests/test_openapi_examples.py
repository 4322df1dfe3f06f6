"""The OpenAPI document's examples are ones the API really takes and gives.

Each example a schema of the document carries is validated, from its JSON, by the model the
document built that schema from (a request body as the route reads it, an answer as the route
gives it), and names no field the schema does not have; an enum's example is one of its values.
So an example cannot rot when a field changes. The request examples are also sent, pasted as
they are, to the real routes, one story from a new group to a completed task.
"""

import json
import re
import types
import typing
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute
from pydantic import BaseModel

from community_svc.api import routers
from community_svc.config import Settings
from community_svc.groups.schemas import GoalCreate, GroupCreate, GroupTransition, GroupUpdate
from community_svc.main import create_app
from community_svc.members.importer import parse_import
from community_svc.members.schemas import (
    MemberImportRow,
    MemberJoin,
    MemberUpdate,
    MessagesRecord,
)
from community_svc.sop.schemas import SopRunCreate, SopTemplateCreate, SopTemplateUpdate
from community_svc.sources.schemas import SourceIn
from community_svc.tasks.schemas import TaskComplete, TaskReassign, TaskSkip
from servicekit.jobs.api import JobRead
from servicekit.problems import Problem
from tests.helpers import list_all

Json = dict[str, Any]

DOCUMENT: Json = create_app(Settings(database_url="postgresql://unused/x")).openapi()
SCHEMAS: Json = DOCUMENT["components"]["schemas"]


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    """The pydantic models an annotation holds (``list[X] | None``, ``Annotated[X, …]`` …)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    origin = typing.get_origin(annotation)
    if origin is not None or isinstance(annotation, types.UnionType):
        for arg in typing.get_args(annotation):
            yield from _models_in(arg)


def _route_models() -> dict[str, type[BaseModel]]:
    """Every model the routes read or answer and every model inside those, by the name its
    schema has in the document (pydantic's: ``Page[GroupRead]`` is ``Page_GroupRead_``)."""
    # servicekit's models the app serves too: problems, and the job answers (GET /v1/jobs/…).
    pending: list[type[BaseModel]] = [Problem, JobRead]
    for router in routers:
        for route in router.routes:
            assert isinstance(route, APIRoute)
            if route.body_field is not None:
                pending.extend(_models_in(route.body_field.field_info.annotation))
            pending.extend(_models_in(route.response_model))
    found: dict[str, type[BaseModel]] = {}
    while pending:
        model = pending.pop()
        name = re.sub(r"[^a-zA-Z0-9.\-_]", "_", model.__name__)
        if name in found:
            continue
        found[name] = model
        for field in model.model_fields.values():
            pending.extend(_models_in(field.annotation))
    return found


MODELS = _route_models()
WITH_EXAMPLES = sorted(name for name, schema in SCHEMAS.items() if schema.get("examples"))


def test_every_schema_of_the_document_has_examples_checked_here() -> None:
    # The contract test asks for an example on every schema; this makes sure each one is
    # validated below (a schema whose model this test cannot find would escape).
    assert WITH_EXAMPLES == sorted(SCHEMAS)
    unknown = [n for n in SCHEMAS if "enum" not in SCHEMAS[n] and n not in MODELS]
    assert unknown == []


@pytest.mark.parametrize("name", WITH_EXAMPLES)
def test_each_example_validates_against_its_model(name: str) -> None:
    schema = SCHEMAS[name]
    for example in schema["examples"]:
        if "enum" in schema:
            assert example in schema["enum"]
            continue
        model = MODELS[name]
        # From JSON, as the wire carries it: a UUID or a time as text, numbers as numbers.
        model.model_validate_json(json.dumps(example))
        unknown = set(example) - set(schema.get("properties", {}))
        assert unknown == set(), f"{name}'s example names fields it does not have: {unknown}"


def test_the_import_examples_are_rows_the_import_takes() -> None:
    content = DOCUMENT["paths"]["/v1/groups/{group_id}/members/import"]["post"]["requestBody"][
        "content"
    ]
    csv_rows = parse_import(content["text/csv"]["example"].encode(), "text/csv")
    json_schema = content["application/json"]["schema"]["items"]
    json_rows = parse_import(json.dumps(json_schema["examples"]).encode(), "application/json")
    for row in [*csv_rows, *json_rows]:
        assert row.errors == [], row
    assert json_schema["examples"] == MemberImportRow.model_json_schema()["examples"]


def _example(model: type[BaseModel], index: int = 0, **replace: Any) -> Json:
    """The model's written example, with some fields replaced (ids of this test's resources)."""
    examples = model.model_json_schema()["examples"]
    return {**examples[index], **replace}


async def _sent(
    client: httpx.AsyncClient, method: str, path: str, body: Json, status: int = 200
) -> Json:
    r = await client.request(method, path, json=body)
    assert r.status_code == status, f"{method} {path}: {r.status_code} {r.text}"
    answer: Json = r.json()
    return answer


async def test_the_request_examples_work_pasted_as_they_are(client: httpx.AsyncClient) -> None:
    group = await _sent(client, "POST", "/v1/groups", _example(GroupCreate), 201)
    gid = group["id"]
    await _sent(client, "PATCH", f"/v1/groups/{gid}", _example(GroupUpdate))
    moved = await _sent(client, "POST", f"/v1/groups/{gid}/transitions", _example(GroupTransition))
    assert moved["stage"] == "building"
    await _sent(client, "POST", f"/v1/groups/{gid}/goals", _example(GoalCreate), 201)
    template = await _sent(client, "POST", "/v1/sop-templates", _example(SopTemplateCreate), 201)
    tid = template["id"]
    await _sent(client, "PATCH", f"/v1/sop-templates/{tid}", _example(SopTemplateUpdate))
    # No content-svc answers here, so the join names its publication by id, not by code.
    joining = _example(MemberJoin, source=_example(SourceIn, index=1))
    member = await _sent(client, "POST", f"/v1/groups/{gid}/members", joining, 201)
    await _sent(client, "POST", f"/v1/groups/{gid}/messages", _example(MessagesRecord), 201)
    await _sent(client, "PATCH", f"/v1/members/{member['id']}", _example(MemberUpdate))
    run = _example(SopRunCreate, template_id=tid, group_id=gid)
    run = await _sent(client, "POST", "/v1/sop-runs", run, 201)
    tasks = await list_all(client, "/v1/tasks", run_id=run["id"])
    assert len(tasks) == 3  # the three dated steps of the version the example runs
    first, second = tasks[0]["id"], tasks[1]["id"]
    await _sent(client, "POST", f"/v1/tasks/{first}/reassign", _example(TaskReassign))
    await _sent(client, "POST", f"/v1/tasks/{first}/complete", _example(TaskComplete))
    await _sent(client, "POST", f"/v1/tasks/{second}/skip", _example(TaskSkip))
