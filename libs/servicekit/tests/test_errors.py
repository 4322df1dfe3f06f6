"""Every error leaves a service as RFC 9457 problem+json with the request id, never a trace."""

import httpx
import pytest

from servicekit import errors
from servicekit.errors import PROBLEM_TYPE_BASE, ServiceError
from servicekit.testing.problems import assert_problem

SERVICE_ERRORS = [
    (errors.BadRequest, 400, "Bad Request", "bad-request"),
    (errors.Unauthorized, 401, "Unauthorized", "unauthorized"),
    (errors.Forbidden, 403, "Forbidden", "forbidden"),
    (errors.NotFound, 404, "Not Found", "not-found"),
    (errors.Conflict, 409, "Conflict", "conflict"),
    (errors.PreconditionFailed, 412, "Precondition Failed", "precondition-failed"),
    (errors.PayloadTooLarge, 413, "Content Too Large", "payload-too-large"),
    (errors.Unprocessable, 422, "Unprocessable Content", "unprocessable"),
    (errors.PreconditionRequired, 428, "Precondition Required", "precondition-required"),
    (errors.TooManyRequests, 429, "Too Many Requests", "too-many-requests"),
]


@pytest.mark.parametrize(("error_cls", "status", "title", "slug"), SERVICE_ERRORS)
async def test_service_error_renders_as_problem_json(
    client: httpx.AsyncClient, error_cls: type[ServiceError], status: int, title: str, slug: str
) -> None:
    assert issubclass(error_cls, ServiceError)
    r = await client.get(f"/v1/probe/errors/{error_cls.__name__}")
    body = assert_problem(r, status)
    assert body == {
        "type": PROBLEM_TYPE_BASE + slug,
        "title": title,
        "status": status,
        "detail": f"{error_cls.__name__} raised on purpose",
        "request_id": r.headers["x-request-id"],
        "hint": "extra member",
    }


async def test_invalid_body_is_422_with_each_error_located(client: httpx.AsyncClient) -> None:
    r = await client.post("/v1/probe/echo", json={"text": 5, "count": "many"})
    body = assert_problem(r, 422)
    assert body["type"] == PROBLEM_TYPE_BASE + "validation-error"
    assert isinstance(body["errors"], list)
    by_loc = {tuple(e["loc"]): e for e in body["errors"]}
    assert set(by_loc) == {("body", "text"), ("body", "count")}
    for item in body["errors"]:
        assert set(item) == {"loc", "msg", "type"}
    assert by_loc[("body", "count")]["type"] == "int_parsing"
    assert "count" in str(body["detail"])


async def test_invalid_query_parameter_is_422_located_in_the_query(
    client: httpx.AsyncClient,
) -> None:
    body = assert_problem(await client.get("/v1/things", params={"limit": 0}), 422)
    assert isinstance(body["errors"], list)
    assert body["errors"][0]["loc"] == ["query", "limit"]


async def test_malformed_json_is_400(client: httpx.AsyncClient) -> None:
    r = await client.post(
        "/v1/probe/echo", content=b'{"text": "x", ', headers={"content-type": "application/json"}
    )
    body = assert_problem(r, 400)
    assert body["type"] == PROBLEM_TYPE_BASE + "malformed-json"
    assert "not valid JSON" in str(body["detail"])


async def test_unknown_route_is_404_problem(client: httpx.AsyncClient) -> None:
    body = assert_problem(await client.get("/v1/no-such-thing"), 404)
    assert body["title"] == "Not Found"


async def test_wrong_method_is_405_problem_with_allow(client: httpx.AsyncClient) -> None:
    r = await client.delete("/v1/things")
    body = assert_problem(r, 405)
    assert body["title"] == "Method Not Allowed"
    assert body["type"] == PROBLEM_TYPE_BASE + "method-not-allowed"
    # Starlette names the methods of the first route on the path that matched partially.
    assert r.headers["allow"] in {"GET", "POST"}


async def test_unexpected_exception_is_500_problem_without_internals(
    lenient_client: httpx.AsyncClient,
) -> None:
    r = await lenient_client.get("/v1/probe/boom", headers={"X-Request-Id": "req-boom-1"})
    body = assert_problem(r, 500)
    assert r.headers["x-request-id"] == "req-boom-1"
    assert body["title"] == "Internal Server Error"
    assert "hunter2" not in r.text
    assert "RuntimeError" not in r.text
    assert "Traceback" not in r.text


async def test_a_row_changed_under_a_versioned_update_is_412(client: httpx.AsyncClient) -> None:
    r = await client.get("/v1/probe/stale")
    assert r.status_code == 412
    assert r.headers["content-type"] == "application/problem+json"
    assert "read it again" in r.json()["detail"]
