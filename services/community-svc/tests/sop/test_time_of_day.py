"""time_of_day is a wall-clock time without an offset, and the OpenAPI document says so."""

import re
from typing import Any

import httpx
import pytest

from tests.helpers import step


def _step_schema(spec: dict[str, Any]) -> dict[str, Any]:
    schemas = spec["components"]["schemas"]
    names = [n for n in schemas if n.startswith("SopStep")]
    assert names, list(schemas)
    return {n: schemas[n]["properties"]["time_of_day"] for n in names}


async def test_openapi_declares_time_of_day_as_a_wall_clock_pattern_not_format_time(
    client: httpx.AsyncClient,
) -> None:
    spec = (await client.get("/openapi.json")).json()
    for name, schema in _step_schema(spec).items():
        assert "format" not in schema, (name, schema)
        assert schema["type"] == "string"
        pattern = re.compile(schema["pattern"])
        for accepted in ("09:00", "09:00:00", "23:59:59.5"):
            assert pattern.match(accepted), accepted
        for refused in ("09:00:00+08:00", "09:00:00Z", "9:00", "24:00", 32400):
            assert not pattern.match(str(refused)), refused


@pytest.mark.parametrize("at", ["09:00", "09:00:00", "23:59:59.5"])
async def test_the_documented_forms_are_accepted(client: httpx.AsyncClient, at: str) -> None:
    r = await client.post(
        "/v1/sop-templates", json={"name": "模板", "steps": [step("开群", "custom", 0, at)]}
    )
    assert r.status_code == 201, r.text
    assert r.json()["steps"][0]["time_of_day"].startswith(at[:5])


@pytest.mark.parametrize("at", ["09:00:00+08:00", "09:00:00Z", "9:00", 32400])
async def test_what_the_pattern_refuses_is_422_naming_time_of_day(
    client: httpx.AsyncClient, at: object
) -> None:
    body = {"name": "模板", "steps": [step("开群", "custom", 0, "09:00") | {"time_of_day": at}]}
    r = await client.post("/v1/sop-templates", json=body)
    assert r.status_code == 422, r.text
    assert any("time_of_day" in e["loc"] for e in r.json()["errors"])
