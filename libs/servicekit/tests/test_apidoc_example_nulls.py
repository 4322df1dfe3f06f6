"""servicekit.apidoc keeps the nulls of the models' written examples, which FastAPI's own
encoding of the document drops: an answer's example keeps its required nullable fields."""

from datetime import datetime
from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict, Field

from servicekit import apidoc
from servicekit.pagination import Page

EXAMPLE: dict[str, Any] = {
    "code": "DXK7M2Q9RTA4",
    "redeemed_at": None,
    "owner": {"name": "张小明", "tag": None},
}


class Owner(BaseModel):
    name: str = Field(description="Who holds it.")
    tag: str | None = Field(description="A label, if any.")


class CouponRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE]})

    code: str = Field(description="The code.")
    redeemed_at: datetime | None = Field(description="When it was redeemed; null if not.")
    owner: Owner = Field(description="Its owner.")


def _app() -> FastAPI:
    app = FastAPI()

    @app.get("/v1/coupons/{code}")
    async def get_coupon(code: str) -> CouponRead:
        """One coupon."""
        return CouponRead.model_validate({**EXAMPLE, "code": code})

    @app.get("/v1/coupons")
    async def list_coupons() -> Page[CouponRead]:
        """Coupons."""
        return Page(items=[], next_cursor=None)

    apidoc.install(app)
    return app


def test_a_written_example_keeps_its_nulls() -> None:
    schemas = _app().openapi()["components"]["schemas"]
    assert schemas["CouponRead"]["examples"] == [EXAMPLE]
    CouponRead.model_validate(schemas["CouponRead"]["examples"][0])


def test_a_page_built_from_the_example_keeps_them_too() -> None:
    page = _app().openapi()["components"]["schemas"]["Page_CouponRead_"]["examples"][0]
    assert page["items"] == [EXAMPLE]
