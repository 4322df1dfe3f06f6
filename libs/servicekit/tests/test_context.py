"""The internal-token gate, request ids, the tenancy headers and scope checks."""

import re
from collections.abc import Callable

import httpx
import pytest
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from servicekit.context import (
    InternalTokenMiddleware,
    RequestContext,
    RequestIdMiddleware,
    current_request_id,
    get_request_context,
)
from servicekit.settings import DEV_INTERNAL_TOKEN
from servicekit.testing.headers import WORKSPACE_A, gateway_headers

MINTED = re.compile(r"^[0-9a-f]{32}$")


async def test_missing_internal_token_is_401_problem(
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    r = await client_for(internal_token=False).get("/v1/things")
    assert r.status_code == 401
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["request_id"] == r.headers["x-request-id"]


async def test_wrong_internal_token_is_401(app: ASGIApp) -> None:
    headers = gateway_headers(WORKSPACE_A, ("things:read",))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://svc") as client:
        for wrong in ("nope", DEV_INTERNAL_TOKEN + "x", DEV_INTERNAL_TOKEN[:-1], ""):
            r = await client.get("/v1/things", headers=headers | {"X-Internal-Token": wrong})
            assert r.status_code == 401, wrong


async def test_right_internal_token_passes(client: httpx.AsyncClient) -> None:
    assert (await client.get("/v1/things")).status_code == 200


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/metrics"])
async def test_open_paths_need_no_token(
    client_for: Callable[..., httpx.AsyncClient], path: str
) -> None:
    assert (await client_for(internal_token=False).get(path)).status_code == 200


async def test_open_paths_match_exactly(client_for: Callable[..., httpx.AsyncClient]) -> None:
    client = client_for(internal_token=False)
    assert (await client.get("/healthz/extra")).status_code == 401
    assert (await client.get("/healthzz")).status_code == 401


async def test_a_non_ascii_token_is_compared_byte_for_byte() -> None:
    token = "令牌-secret"

    async def endpoint(scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    gate = InternalTokenMiddleware(endpoint, token=token, open_paths=())
    statuses = []
    for presented in (token.encode(), b"wrong"):
        sent: list[Message] = []

        async def collect(message: Message, into: list[Message] = sent) -> None:
            into.append(message)

        scope: Scope = {
            "type": "http",
            "path": "/v1/x",
            "method": "GET",
            "headers": [(b"x-internal-token", presented)],
        }
        await gate(scope, _no_body, collect)
        statuses.append(sent[0]["status"])
    assert statuses == [204, 401]


async def _no_body() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


async def test_well_formed_request_id_is_adopted_and_echoed(client: httpx.AsyncClient) -> None:
    rid = "req-1.A:b_2"
    r = await client.get("/v1/probe/context", headers={"X-Request-Id": rid})
    assert r.headers["x-request-id"] == rid
    assert r.json()["request_id"] == rid


async def test_a_128_character_request_id_is_adopted(client: httpx.AsyncClient) -> None:
    rid = "r" * 128
    assert (await client.get("/healthz", headers={"X-Request-Id": rid})).headers[
        "x-request-id"
    ] == rid


@pytest.mark.parametrize("rid", ["has spaces", "r" * 129, "semi;colon", "引用", "a/b"])
async def test_malformed_or_overlong_request_id_is_replaced(
    client: httpx.AsyncClient, rid: str
) -> None:
    r = await client.get("/v1/probe/context", headers={b"X-Request-Id": rid.encode()})
    echoed = r.headers["x-request-id"]
    assert echoed != rid
    assert MINTED.match(echoed)
    assert r.json()["request_id"] == echoed


async def test_each_request_without_an_id_gets_a_fresh_one(client: httpx.AsyncClient) -> None:
    first = (await client.get("/healthz")).headers["x-request-id"]
    second = (await client.get("/healthz")).headers["x-request-id"]
    assert MINTED.match(first)
    assert MINTED.match(second)
    assert first != second


async def test_request_id_with_a_trailing_newline_is_replaced() -> None:
    seen: list[str | None] = []

    async def endpoint(scope: Scope, receive: Receive, send: Send) -> None:
        seen.append(current_request_id())
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    sent: list[Message] = []

    async def collect(message: Message) -> None:
        sent.append(message)

    scope: Scope = {"type": "http", "path": "/", "headers": [(b"x-request-id", b"abc\n")]}
    await RequestIdMiddleware(endpoint)(scope, _no_body, collect)
    echoed = dict(sent[0]["headers"])[b"x-request-id"].decode()
    assert MINTED.match(echoed)
    assert seen == [echoed]
    assert current_request_id() is None  # reset once the request is over


async def test_an_app_set_request_id_header_is_not_duplicated() -> None:
    async def endpoint(scope: Scope, receive: Receive, send: Send) -> None:
        headers = [(b"x-request-id", b"from-app")]
        await send({"type": "http.response.start", "status": 204, "headers": headers})
        await send({"type": "http.response.body", "body": b""})

    sent: list[Message] = []

    async def collect(message: Message) -> None:
        sent.append(message)

    scope: Scope = {"type": "http", "path": "/", "headers": [(b"x-request-id", b"req-7")]}
    await RequestIdMiddleware(endpoint)(scope, _no_body, collect)
    assert [v for k, v in sent[0]["headers"] if k == b"x-request-id"] == [b"req-7"]


async def test_context_reads_workspace_actor_and_scopes(
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    r = await client_for().get(
        "/v1/probe/context", headers={"X-Scopes": "  things:read\tb:c   a:b things:read "}
    )
    assert r.status_code == 200
    assert r.json() | {"request_id": None} == {
        "workspace_id": WORKSPACE_A,
        "actor_id": "user-1",
        "scopes": ["a:b", "b:c", "things:read"],
        "request_id": None,
    }


async def test_absent_actor_and_scopes_are_none_and_empty(
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    client = client_for()
    del client.headers["X-Actor-Id"]
    del client.headers["X-Scopes"]
    body = (await client.get("/v1/probe/context")).json()
    assert body["actor_id"] is None
    assert body["scopes"] == []


async def test_missing_workspace_is_400_problem(
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    r = await client_for(workspace=None).get("/v1/probe/context")
    assert r.status_code == 400
    assert r.headers["content-type"] == "application/problem+json"
    assert "X-Workspace-Id" in r.json()["detail"]


@pytest.mark.parametrize(
    "workspace", ["", "-leading-dash", "has space", "w" * 65, "ws/1", "工作区"]
)
async def test_malformed_workspace_is_400(
    client_for: Callable[..., httpx.AsyncClient], workspace: str
) -> None:
    r = await client_for().get("/v1/probe/context", headers={b"X-Workspace-Id": workspace.encode()})
    assert r.status_code == 400, workspace


async def test_a_64_character_workspace_is_accepted(
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    workspace = "w" * 64
    r = await client_for(workspace).get("/v1/probe/context")
    assert r.json()["workspace_id"] == workspace


async def test_missing_scope_is_403_naming_it(
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    r = await client_for(scopes=("things:read",)).get("/v1/probe/special")
    assert r.status_code == 403
    assert r.headers["content-type"] == "application/problem+json"
    assert "probe:special" in r.json()["detail"]


async def test_read_scope_cannot_write(client_for: Callable[..., httpx.AsyncClient]) -> None:
    r = await client_for(scopes=("things:read",)).post("/v1/things", json={"name": "x"})
    assert r.status_code == 403


async def test_held_scope_passes(client_for: Callable[..., httpx.AsyncClient]) -> None:
    r = await client_for(scopes=("probe:special",)).get("/v1/probe/special")
    assert r.status_code == 200


async def test_admin_passes_every_scope_check(
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    admin = client_for(scopes=("admin",))
    assert (await admin.get("/v1/probe/special")).status_code == 200
    assert (await admin.post("/v1/things", json={"name": "x"})).status_code == 201


def test_has_scope() -> None:
    ctx = RequestContext("ws", None, frozenset({"a:read"}), None)
    assert ctx.has_scope("a:read")
    assert not ctx.has_scope("a:write")
    assert RequestContext("ws", None, frozenset({"admin"}), None).has_scope("a:write")


async def test_the_context_is_read_once_a_request_and_only_for_its_own_headers() -> None:
    def scope_with(workspace: str) -> Scope:
        headers = [
            (k.lower().encode(), v.encode())
            for k, v in gateway_headers(workspace, ["things:read"]).items()
        ]
        return {"type": "http", "method": "GET", "headers": headers}

    outer = scope_with("ws-outer")
    first = await get_request_context(Request(outer))
    assert first.workspace_id == "ws-outer"
    assert await get_request_context(Request(outer)) is first  # read once, kept in the scope
    # A scope copied from that one with other headers (an inner request built from an outer
    # one) reads its own, not the copied context.
    inner = {**outer, "headers": scope_with("ws-inner")["headers"]}
    assert (await get_request_context(Request(inner))).workspace_id == "ws-inner"
