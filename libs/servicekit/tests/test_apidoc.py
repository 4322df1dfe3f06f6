"""servicekit.apidoc: each operation documents the errors its route can give, no blanket list."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Header, Request
from pydantic import BaseModel, ConfigDict, Field

from servicekit import apidoc, errors
from servicekit.context import require_scope
from servicekit.problems import PROBLEM_CONTENT_TYPE
from servicekit.testing.apidoc import example_coverage, undocumented


class StockExhausted(errors.Conflict):
    """Every code of the batch has been given out."""


class WidgetRetired(errors.Conflict):
    """The widget was retired and takes no more claims."""


class WidgetCreate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"name": "spring"}]})

    name: str = Field(description="What the widget is called.")


class WidgetRead(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"id": "0b7c2f0e-3a1d-4c55-9d0e-1f2a3b4c5d6e"}]}
    )

    id: uuid.UUID = Field(description="The widget's id.")


class WidgetState(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"retired_at": None}]})

    retired_at: str | None = Field(description="When it was retired; null while in use.")


class WidgetReport(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"note": None, "states": [{"retired_at": None}], "spare": None}]
        }
    )

    note: str | None = Field(description="A remark; null: none.")
    states: list[WidgetState] = Field(description="Its states.")
    spare: str | None = Field(None, description="Optional: its written null is kept too.")


class Undocumented(BaseModel):
    name: str


def _app() -> FastAPI:
    router = APIRouter(prefix="/v1/widgets", tags=["widgets"])
    read = [Depends(require_scope("widgets:read"))]

    @router.get("", dependencies=read)
    async def list_widgets() -> list[WidgetRead]:
        """Every widget."""
        return []

    @router.patch("/{widget_id}", dependencies=[Depends(require_scope("widgets:write"))])
    async def update_widget(
        widget_id: uuid.UUID,
        body: WidgetCreate,
        if_match: Annotated[str | None, Header()] = None,
    ) -> WidgetRead:
        """Rename a widget."""
        return WidgetRead(id=widget_id)

    @router.post("/{widget_id}/claims", responses=apidoc.problems(StockExhausted))
    async def claim_widget(widget_id: uuid.UUID) -> WidgetRead:
        """Claim one."""
        return WidgetRead(id=widget_id)

    @router.post(
        "/{widget_id}/reservations", responses=apidoc.problems(StockExhausted, WidgetRetired)
    )
    async def reserve_widget(widget_id: uuid.UUID) -> WidgetRead:
        """Reserve one."""
        return WidgetRead(id=widget_id)

    @router.get("/report")
    async def widget_report() -> WidgetReport:
        """How the widgets are."""
        return WidgetReport(note=None, states=[])

    @router.post("/loose")
    async def loose(body: Undocumented) -> dict[str, Any]:
        return {}

    app = FastAPI()
    app.include_router(router)
    apidoc.install(app)
    return app


def _statuses(spec: dict[str, Any], method: str, path: str) -> list[str]:
    return sorted(s for s in spec["paths"][path][method]["responses"] if s[0] in "45")


def test_a_list_without_ids_or_body_documents_no_404_400_412_or_413() -> None:
    spec = _app().openapi()
    assert _statuses(spec, "get", "/v1/widgets") == ["401", "403", "422"]
    forbidden = spec["paths"]["/v1/widgets"]["get"]["responses"]["403"]["description"]
    assert "`widgets:read`" in forbidden


def test_a_patch_with_an_id_a_body_and_if_match_documents_each() -> None:
    spec = _app().openapi()
    assert _statuses(spec, "patch", "/v1/widgets/{widget_id}") == [
        "400",
        "401",
        "403",
        "404",
        "412",
        "413",
        "422",
    ]


def test_fastapis_own_422_adds_nothing_to_the_implied_description() -> None:
    spec = _app().openapi()
    answer = spec["paths"]["/v1/widgets/{widget_id}"]["patch"]["responses"]["422"]
    assert answer["description"] == (
        "The body or a parameter is invalid; `errors` names each field and why."
    )


class Span(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"start": 1, "end": None}]})

    start: int = Field(description="First.")
    end: int | None = Field(description="Last; null while open.")


class Report(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "owner": None,
                    "spans": [{"start": 1, "end": None}],
                    "latest": {"start": 1, "end": None},
                }
            ]
        }
    )

    owner: str | None = Field(description="Who; null for nobody.")
    note: str | None = Field(default=None, description="Optional, may be left out.")
    spans: list[Span] = Field(description="All of them.")
    latest: Span | None = Field(description="The last one.")


def test_the_nulls_of_a_written_example_survive_fastapis_encoder() -> None:
    # FastAPI writes the document with exclude_none, which drops an example's nulls: a
    # required field would be missing from what a person pastes.
    app = FastAPI()

    @app.get("/v1/reports")
    async def get_report() -> Report:
        """The report."""
        return Report(owner=None, spans=[], latest=None)

    apidoc.install(app)
    schemas = app.openapi()["components"]["schemas"]
    assert schemas["Report"]["examples"] == [
        {"owner": None, "spans": [{"start": 1, "end": None}], "latest": {"start": 1, "end": None}}
    ]
    assert schemas["Span"]["examples"] == [{"start": 1, "end": None}]
    for example in schemas["Report"]["examples"]:
        Report.model_validate(example)


def test_a_body_the_route_reads_itself_documents_400_413_and_422() -> None:
    # Bulk routes read their body raw (so one bad item cannot sink the batch) and declare it
    # in openapi_extra: the door and the size limit refuse it all the same.
    router = APIRouter(prefix="/v1/widgets", tags=["widgets"])
    body = {"content": {"application/json": {"schema": {"type": "array"}, "example": []}}}

    @router.post("/bulk", openapi_extra={"requestBody": body})
    async def bulk_widgets(request: Request) -> WidgetRead:
        """Take many."""
        await request.body()
        return WidgetRead(id=uuid.uuid4())

    app = FastAPI()
    app.include_router(router)
    apidoc.install(app)
    assert _statuses(app.openapi(), "post", "/v1/widgets/bulk") == [
        "400",
        "401",
        "403",
        "413",
        "422",
    ]


def test_a_declared_domain_error_is_documented_by_its_docstring() -> None:
    spec = _app().openapi()
    operation = spec["paths"]["/v1/widgets/{widget_id}/claims"]["post"]
    conflict = operation["responses"]["409"]
    assert conflict["description"] == "Every code of the batch has been given out."
    assert operation["x-mediaops-errors"] == ["StockExhausted"]
    example = conflict["content"][PROBLEM_CONTENT_TYPE]["example"]
    assert example["status"] == 409


def test_two_declared_errors_of_one_status_are_described_sentence_by_sentence() -> None:
    spec = _app().openapi()
    operation = spec["paths"]["/v1/widgets/{widget_id}/reservations"]["post"]
    assert operation["responses"]["409"]["description"] == (
        "Every code of the batch has been given out. "
        "The widget was retired and takes no more claims."
    )
    assert operation["x-mediaops-errors"] == ["StockExhausted", "WidgetRetired"]


def test_fastapis_own_422_description_is_not_repeated_after_ours() -> None:
    spec = _app().openapi()
    answer = spec["paths"]["/v1/widgets/{widget_id}/claims"]["post"]["responses"]["422"]
    assert answer["description"] == (
        "A query parameter is unknown, repeated or invalid; `errors` names it."
    )


def test_the_nulls_of_required_fields_stay_in_examples_nested_ones_too() -> None:
    schemas = _app().openapi()["components"]["schemas"]
    assert schemas["WidgetReport"]["examples"] == [
        {"note": None, "states": [{"retired_at": None}], "spare": None}
    ]
    assert schemas["WidgetState"]["examples"] == [{"retired_at": None}]


def test_every_error_answer_is_problem_json_and_fastapis_validation_schemas_are_gone() -> None:
    spec = _app().openapi()
    schemas = spec["components"]["schemas"]
    assert "HTTPValidationError" not in schemas
    assert "Problem" in schemas
    assert "examples" in schemas["Problem"]
    for path in spec["paths"].values():
        for operation in path.values():
            for status, response in operation["responses"].items():
                if status[0] in "45":
                    assert set(response["content"]) == {PROBLEM_CONTENT_TYPE}


def test_the_checker_names_each_gap() -> None:
    gaps = undocumented(_app().openapi())
    assert gaps == [
        "POST /v1/widgets/loose: no description (give the route a docstring)",
        "POST /v1/widgets/loose: the application/json request body has no example",
        "POST /v1/widgets/loose: the 200 application/json answer has no example",
        "schema Undocumented: no example",
        "schema Undocumented.name: no description",
    ]
    schemas_share, bodies_share = example_coverage(_app().openapi())
    assert bodies_share == 0.5  # WidgetCreate has one, Undocumented not
    assert 0 < schemas_share < 1
