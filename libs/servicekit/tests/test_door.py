"""What every route checks at its door (``servicekit.door``): unknown or repeated query
parameters, JSON bodies nested too deep or carrying text PostgreSQL cannot store."""

import httpx
import pytest

from servicekit.door import MAX_JSON_DEPTH


def nested(levels: int) -> str:
    """A JSON value of ``levels`` nested arrays."""
    return "[" * levels + "]" * levels


async def test_unknown_query_parameter_is_422_naming_it_and_the_accepted_ones(
    client: httpx.AsyncClient,
) -> None:
    r = await client.get("/v1/things", params={"limt": "5"})
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    problem = r.json()
    assert problem["errors"] == [
        {"loc": ["query", "limt"], "msg": "unknown query parameter", "type": "unknown"}
    ]
    assert problem["detail"] == "unknown query parameter `limt`; accepted: limit, cursor"


async def test_a_route_without_query_parameters_accepts_none(client: httpx.AsyncClient) -> None:
    r = await client.get("/v1/probe/context", params={"x": "1"})
    assert r.status_code == 422
    assert r.json()["detail"] == "unknown query parameter `x`; accepted: none"


async def test_declared_query_parameters_pass(client: httpx.AsyncClient) -> None:
    assert (await client.get("/v1/things", params={"limit": "5"})).status_code == 200


async def test_a_single_valued_parameter_sent_twice_is_422(client: httpx.AsyncClient) -> None:
    r = await client.get("/v1/things?limit=5&limit=7")
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["query", "limit"]
    assert "2 times" in r.json()["detail"]


@pytest.mark.parametrize("path", ["/v1/probe/echo", "/v1/probe/raw"])
@pytest.mark.parametrize("levels", [MAX_JSON_DEPTH, 990, 10_000])
async def test_a_body_nested_past_the_limit_is_422_never_500(
    lenient_client: httpx.AsyncClient, path: str, levels: int
) -> None:
    body = '{"text":"a","count":1,"deep":' + nested(levels) + "}"
    r = await lenient_client.post(path, content=body, headers={"content-type": "application/json"})
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    error = r.json()["errors"][0]
    assert error["type"] == "json_too_deep"
    assert str(MAX_JSON_DEPTH) in error["msg"]
    if levels == MAX_JSON_DEPTH:  # decoded, so the place is named
        assert error["loc"][:3] == ["body", "deep", 0]


async def test_a_body_at_the_limit_passes(client: httpx.AsyncClient) -> None:
    # The object is level 1, so MAX_JSON_DEPTH - 1 arrays inside it reach the limit exactly.
    body = '{"text":"[{","count":1,"deep":' + nested(MAX_JSON_DEPTH - 1) + "}"
    r = await client.post(
        "/v1/probe/echo", content=body, headers={"content-type": "application/json"}
    )
    assert r.status_code == 200, r.text


@pytest.mark.parametrize(
    ("text", "what"), [("bad-\\ud800", "surrogate"), ("a\\u0000b", "NUL"), ("\\udfff", "surrogate")]
)
async def test_unstorable_text_is_422_naming_the_field(
    lenient_client: httpx.AsyncClient, text: str, what: str
) -> None:
    body = '{"text":"' + text + '","count":1}'
    r = await lenient_client.post(
        "/v1/probe/echo", content=body, headers={"content-type": "application/json"}
    )
    assert r.status_code == 422, r.text
    error = r.json()["errors"][0]
    assert (error["loc"], error["type"]) == (["body", "text"], "string_unstorable")
    assert what in error["msg"]


async def test_unstorable_text_in_a_key_deep_in_a_list_is_named(
    lenient_client: httpx.AsyncClient,
) -> None:
    body = '{"text":"a","count":1,"tags":["ok",{"k\\ud800":1}]}'
    r = await lenient_client.post(
        "/v1/probe/raw", content=body, headers={"content-type": "application/json"}
    )
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["loc"] == ["body", "tags", 1, "k\\ud800"]


async def test_a_surrogate_pair_and_chinese_text_pass(client: httpx.AsyncClient) -> None:
    body = '{"text":"\\ud83d\\ude00 \\u4e2d\\u6587 中文","count":1}'
    r = await client.post(
        "/v1/probe/echo", content=body, headers={"content-type": "application/json"}
    )
    assert r.status_code == 200, r.text
    assert r.json()["text"] == "😀 中文 中文"


async def test_a_body_that_is_not_json_is_not_checked_as_json(client: httpx.AsyncClient) -> None:
    r = await client.post(
        "/v1/probe/raw", content=nested(10_000), headers={"content-type": "text/csv"}
    )
    assert r.status_code == 200
