"""The OpenAPI document's examples are ones the API really takes and gives: each model's example
validates against the model (as JSON, the way a request arrives), an answer's example shows every
field the answer has, and the CSV exports' examples have the exports' columns. A field renamed or
a rule tightened without its example fails here instead of misleading a front-end developer."""

from __future__ import annotations

import csv
import importlib
import io
import json
import pkgutil
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from pydantic import BaseModel

import campaign_svc
from campaign_svc.config import Settings
from campaign_svc.coupons.router import CODES_CSV_EXAMPLE
from campaign_svc.leads.router import LEADS_CSV_EXAMPLE
from campaign_svc.main import create_app
from servicekit.bodies import RequestBody
from servicekit.jobs.api import JobErrorRead, JobRead

from .coupons.helpers import claim, create_batch
from .leads.test_router import PII, lead, new_campaign

SPEC: dict[str, Any] = create_app(Settings(database_url="postgresql://unused/x")).openapi()
SCHEMAS: dict[str, Any] = SPEC["components"]["schemas"]


def _service_models() -> dict[str, type[BaseModel]]:
    """campaign-svc's pydantic models, by the name their component schema has."""
    models: dict[str, type[BaseModel]] = {}
    for module in pkgutil.walk_packages(campaign_svc.__path__, "campaign_svc."):
        for value in vars(importlib.import_module(module.name)).values():
            if (
                isinstance(value, type)
                and issubclass(value, BaseModel)
                and value.__module__.startswith("campaign_svc.")
            ):
                models[value.__name__] = value
    # servicekit's job answers, served by this app too (GET /v1/jobs/campaign-…).
    models.update({"JobRead": JobRead, "JobErrorRead": JobErrorRead})
    return models


MODELS = _service_models()
DOCUMENTED = sorted(name for name in SCHEMAS if name in MODELS)


def _examples(model: type[BaseModel]) -> list[dict[str, Any]]:
    extra = model.model_config.get("json_schema_extra")
    assert isinstance(extra, dict), f"{model.__name__} has no json_schema_extra examples"
    examples = extra.get("examples")
    assert isinstance(examples, list), f"{model.__name__} has no examples"
    assert examples, f"{model.__name__} has an empty examples list"
    assert all(isinstance(example, dict) for example in examples), model.__name__
    return [dict(example) for example in examples if isinstance(example, dict)]


def test_every_schema_is_a_model_checked_here_or_derived() -> None:
    # Enums and pages get their example from their parts (servicekit.apidoc); the problem
    # schemas are servicekit's. Anything else must be one of the models checked below.
    derived = {
        name
        for name, schema in SCHEMAS.items()
        if "enum" in schema
        or name.startswith("Page_")
        or name in ("Problem", "ValidationErrorItem")
    }
    assert set(SCHEMAS) - derived == set(DOCUMENTED)


@pytest.mark.parametrize("name", DOCUMENTED)
def test_each_example_validates_against_its_model(name: str) -> None:
    model = MODELS[name]
    for example in _examples(model):
        model.model_validate_json(json.dumps(example))


@pytest.mark.parametrize("name", [n for n in DOCUMENTED if not issubclass(MODELS[n], RequestBody)])
def test_each_answer_example_shows_every_field(name: str) -> None:
    model = MODELS[name]
    for example in _examples(model):
        shown = model.model_validate_json(json.dumps(example)).model_dump(mode="json")
        assert set(example) == set(shown), f"{name}: example lacks {set(shown) - set(example)}"


def test_the_document_carries_the_models_examples() -> None:
    for name in DOCUMENTED:
        assert SCHEMAS[name]["examples"] == _examples(MODELS[name]), name


def _header_and_widths(text: str) -> tuple[list[str], set[int]]:
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    return rows[0], {len(row) for row in rows}


async def test_the_codes_csv_example_has_the_exports_columns(client: httpx.AsyncClient) -> None:
    batch = await create_batch(client, total_quantity=2)
    assert (await claim(client, batch["id"], "u-1001")).status_code == 201
    r = await client.get(f"/v1/coupon-batches/{batch['id']}/codes.csv")
    assert r.status_code == 200, r.text
    header, widths = _header_and_widths(r.text)
    assert _header_and_widths(CODES_CSV_EXAMPLE) == (header, widths)
    documented = SPEC["paths"]["/v1/coupon-batches/{batch_id}/codes.csv"]["get"]["responses"]
    assert documented["200"]["content"]["text/csv"]["example"] == CODES_CSV_EXAMPLE


async def test_the_leads_csv_example_has_the_exports_columns(
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    client = client_for(scopes=PII)
    campaign_id = await new_campaign(client)
    assert (await client.post("/v1/leads", json=lead(campaign_id))).status_code == 201
    r = await client.get("/v1/leads/export.csv", params={"campaign_id": campaign_id})
    assert r.status_code == 200, r.text
    header, widths = _header_and_widths(r.text)
    assert _header_and_widths(LEADS_CSV_EXAMPLE) == (header, widths)
    documented = SPEC["paths"]["/v1/leads/export.csv"]["get"]["responses"]
    assert documented["200"]["content"]["text/csv"]["example"] == LEADS_CSV_EXAMPLE
