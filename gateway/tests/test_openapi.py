"""``GET /openapi.json``, ``/docs`` and ``/redoc`` over real sockets.

The four services are small FastAPI apps built as the services are (servicekit's internal-token
middleware, its problem responses, ``"{tag}-{function}"`` operation ids) with the clashes the
real ones have: campaign's and community's ``GoalRead`` and ``LiveGoal`` differ, their
``LiveStatus`` is the same. The merge is the gateway's; the real services' documents are merged
in ``tests/e2e/test_openapi.py``. (No ``from __future__ import annotations`` here: FastAPI
reads the stand-ins' local models from their annotations.)
"""

import re
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import date
from enum import StrEnum
from typing import Any

import httpx
import pytest
from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute
from openapi_spec_validator import validate
from pydantic import BaseModel
from starlette.types import ASGIApp, Receive, Scope, Send

from gateway.docs import ASSETS
from gateway.openapi import GATEWAY_RESPONSES, ServiceSpec, merge
from servicekit import apidoc
from servicekit.context import InternalTokenMiddleware
from servicekit.testing.problems import assert_problem

from .support import INTERNAL_TOKEN, ServerThread, bound_socket

SERVICES = ("content", "campaign", "community", "metrics")
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


class LiveStatus(StrEnum):
    ok = "ok"
    unavailable = "unavailable"


def _campaign_router() -> APIRouter:
    class LiveGoal(BaseModel):
        status: LiveStatus
        actual: float | None

    class GoalRead(BaseModel):
        metric: str
        target: float
        live: LiveGoal

    router = APIRouter(prefix="/v1/campaigns", tags=["campaigns"])

    @router.get("/{campaign_id}/goals")
    async def list_goals(campaign_id: str) -> list[GoalRead]:
        return []

    @router.post("", status_code=201)
    async def create_campaign() -> GoalRead:
        raise NotImplementedError

    return router


def _community_router() -> APIRouter:
    class LiveGoal(BaseModel):
        status: LiveStatus
        reason: str | None

    class GoalRead(BaseModel):
        metric: str
        target: float
        due_date: date
        live: LiveGoal

    router = APIRouter(prefix="/v1/groups", tags=["groups"])

    @router.get("/{group_id}/goals")
    async def list_goals(group_id: str) -> list[GoalRead]:
        return []

    @router.get("/{group_id}/messages", tags=["messages"])
    async def list_messages(group_id: str) -> list[str]:
        return []

    return router


def _content_router() -> APIRouter:
    class ChannelRead(BaseModel):
        id: str
        name: str

    router = APIRouter(prefix="/v1/channels", tags=["channels"])

    @router.get("")
    async def list_channels() -> list[ChannelRead]:
        return []

    @router.delete("/{channel_id}", status_code=204)
    async def delete_channel(channel_id: str) -> None:
        return None

    return router


def _metrics_router() -> APIRouter:
    router = APIRouter(tags=["metrics"])

    @router.get("/v1/metrics")
    async def list_metrics() -> list[str]:
        return []

    # No resource of the gateway's route table: callers cannot reach it, so it is not public.
    @router.get("/v1/elsewhere", tags=["elsewhere"])
    async def unreachable() -> list[str]:
        return []

    return router


ROUTERS: dict[str, Callable[[], APIRouter]] = {
    "content": _content_router,
    "campaign": _campaign_router,
    "community": _community_router,
    "metrics": _metrics_router,
}


class CountingMiddleware:
    def __init__(self, app: ASGIApp, seen: list[str]) -> None:
        self.app = app
        self.seen = seen

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            self.seen.append(scope["path"])
        await self.app(scope, receive, send)


def _operation_id(route: APIRoute) -> str:
    return f"{route.tags[0] if route.tags else 'default'}-{route.name}"


def service_app(name: str, seen: list[str]) -> FastAPI:
    """A service's app as ``servicekit.app.create_service_app`` puts its document together."""
    app = FastAPI(
        title=f"MediaOps {name}-svc",
        description=f"The {name} stand-in.",
        version="0.1.0",
        generate_unique_id_function=_operation_id,
    )
    app.include_router(ROUTERS[name]())
    apidoc.install(app)
    app.add_api_route("/healthz", _healthz, include_in_schema=False)
    app.add_middleware(InternalTokenMiddleware, token=INTERNAL_TOKEN, open_paths=("/healthz",))
    app.add_middleware(CountingMiddleware, seen=seen)
    return app


async def _healthz() -> dict[str, str]:
    return {"status": "ok"}


class Services:
    def __init__(self) -> None:
        self.urls: dict[str, str] = {}
        self.seen: dict[str, list[str]] = {name: [] for name in SERVICES}

    def own_spec(self, name: str) -> dict[str, Any]:
        response = httpx.get(
            self.urls[name] + "/openapi.json", headers={"X-Internal-Token": INTERNAL_TOKEN}
        )
        assert response.status_code == 200, response.text
        spec: dict[str, Any] = response.json()
        return spec


@pytest.fixture(scope="module")
def services() -> Iterator[Services]:
    running = Services()
    with ExitStack() as stack:
        for name in SERVICES:
            server = stack.enter_context(ServerThread(service_app(name, running.seen[name])))
            running.urls[name] = server.url
        yield running


@pytest.fixture
def door(services: Services, start_gateway: Callable[..., str]) -> Callable[..., str]:
    """A gateway in front of the stand-ins; keyword arguments override settings."""

    def start(**overrides: Any) -> str:
        urls = {f"{name}_url": url for name, url in services.urls.items()}
        return start_gateway(**{**urls, **overrides})

    return start


def document(gateway: str) -> dict[str, Any]:
    response = httpx.get(gateway + "/openapi.json")  # no token: the docs are public
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    spec: dict[str, Any] = response.json()
    return spec


def operations(spec: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (path, method): operation
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    }


def refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for value in node.values():
            yield from refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from refs(item)


def test_merged_document_is_valid_openapi_and_holds_every_public_operation(
    door: Callable[..., str], services: Services
) -> None:
    spec = document(door())

    validate(spec)
    merged = operations(spec)
    for name in SERVICES:
        own = operations(services.own_spec(name))
        public = {key: op for key, op in own.items() if key[0] != "/v1/elsewhere"}
        assert public, name
        for key, operation in public.items():
            assert key in merged, (name, key)
            assert merged[key]["operationId"] == operation["operationId"]
    assert ("/v1/dashboard", "get") in merged
    assert spec["x-mediaops-services"] == {name: {"status": "included"} for name in SERVICES}
    assert spec["servers"] == [{"url": "/"}]


def test_same_name_different_content_is_prefixed_per_service_and_refs_follow(
    door: Callable[..., str],
) -> None:
    spec = document(door())
    schemas = spec["components"]["schemas"]

    for name in ("GoalRead", "LiveGoal"):
        assert name not in schemas
        assert f"Campaign_{name}" in schemas
        assert f"Community_{name}" in schemas
    assert "due_date" in schemas["Community_GoalRead"]["properties"]
    # Their titles (what docs show, what SDK generators name classes by) are unique too.
    assert schemas["Community_GoalRead"]["title"] == "Community_GoalRead"
    assert schemas["Campaign_LiveGoal"]["title"] == "Campaign_LiveGoal"
    assert "due_date" not in schemas["Campaign_GoalRead"]["properties"]
    # Identical in both services: one shared schema; so is the Problem every service uses.
    assert "LiveStatus" in schemas
    assert not [name for name in schemas if name.endswith(("_LiveStatus", "_Problem"))]
    campaign_goals = spec["paths"]["/v1/campaigns/{campaign_id}/goals"]["get"]
    assert list(refs(campaign_goals["responses"]["200"])) == [
        "#/components/schemas/Campaign_GoalRead"
    ]
    assert list(refs(schemas["Community_GoalRead"])) == ["#/components/schemas/Community_LiveGoal"]
    for ref in refs(spec):
        section, name = ref.removeprefix("#/components/").split("/")
        assert name in spec["components"][section], ref


# The gateway's own API key routes call no service: no 502 or 504 there, and their 503 is
# their own (the key database).
KEY_ROUTES_ANSWERED = {"401": "Unauthorized", "429": "TooManyRequests"}


def test_every_operation_lists_the_gateways_own_answers(door: Callable[..., str]) -> None:
    spec = document(door())

    for key, operation in operations(spec).items():
        responses = operation["responses"]
        keys_route = key[0].startswith("/v1/api-keys")
        answered = KEY_ROUTES_ANSWERED if keys_route else GATEWAY_RESPONSES
        for status, component in answered.items():
            assert responses[status] == {"$ref": f"#/components/responses/{component}"}, key
        if keys_route:
            assert not {"502", "504"} & set(responses), key
            assert "Retry-After" in responses["503"]["headers"], key
        for status, response in responses.items():
            for media, content in response.get("content", {}).items():
                if status.startswith(("4", "5")):
                    assert media == "application/problem+json", (key, status)
                    assert content["schema"] == {"$ref": "#/components/schemas/Problem"}
                    assert content["example"]["status"] == int(status), (key, status)
    answers = spec["components"]["responses"]
    assert set(answers["TooManyRequests"]["headers"]) >= {"Retry-After", "RateLimit-Limit"}
    assert "WWW-Authenticate" in answers["Unauthorized"]["headers"]
    assert "internal token" not in str(spec).lower()


def test_security_is_the_bearer_token_or_an_api_key_everywhere(door: Callable[..., str]) -> None:
    spec = document(door())

    either: list[dict[str, list[str]]] = [{"bearerAuth": []}, {"apiKeyAuth": []}]
    assert spec["security"] == either
    scheme = spec["components"]["securitySchemes"]["bearerAuth"]
    assert (scheme["type"], scheme["scheme"], scheme["bearerFormat"]) == ("http", "bearer", "JWT")
    for claim in ("`ws`", "`sub`", "`scopes`"):
        assert claim in scheme["description"]
    key = spec["components"]["securitySchemes"]["apiKeyAuth"]
    assert (key["type"], key["in"], key["name"]) == ("apiKey", "header", "X-Api-Key")
    for (path, _), operation in operations(spec).items():
        # API keys are managed with a person's token only (an API key there is a 403).
        wanted = [{"bearerAuth": []}] if path.startswith("/v1/api-keys") else either
        assert operation["security"] == wanted, path


def test_tags_are_grouped_by_service(door: Callable[..., str]) -> None:
    spec = document(door())

    groups = {group["name"]: group["tags"] for group in spec["x-tagGroups"]}
    assert groups == {
        "content-svc": ["channels"],
        "campaign-svc": ["campaigns"],
        "community-svc": ["groups", "messages"],
        "metrics-svc": ["metrics"],
        "gateway": ["api-keys", "dashboard"],
    }
    described = {tag["name"]: tag["description"] for tag in spec["tags"]}
    assert described["messages"] == "Served by community-svc: The community stand-in."


def test_ops_and_unrouted_paths_are_not_public(door: Callable[..., str]) -> None:
    spec = document(door())

    assert all(path.startswith("/v1/") for path in spec["paths"])
    assert "/v1/elsewhere" not in spec["paths"]


def test_a_service_down_leaves_the_others_served_and_is_named(
    door: Callable[..., str], dead_socket: socket.socket
) -> None:
    dead = f"http://127.0.0.1:{dead_socket.getsockname()[1]}"
    spec = document(door(metrics_url=dead))

    validate(spec)
    assert spec["x-mediaops-services"]["metrics"] == {
        "status": "missing",
        "reason": "metrics-svc is unreachable (connection refused)",
    }
    assert (
        "**Incomplete:** the operations of metrics-svc are missing" in spec["info"]["description"]
    )
    assert "/v1/metrics" not in spec["paths"]
    assert "/v1/channels" in spec["paths"]
    assert "/v1/groups/{group_id}/goals" in spec["paths"]


def test_a_wrong_internal_token_is_a_missing_service(door: Callable[..., str]) -> None:
    spec = document(door(internal_token="not-the-services-token"))

    assert spec["x-mediaops-services"]["content"] == {
        "status": "missing",
        "reason": "content-svc answered 401",
    }
    assert list(spec["paths"]) == ["/v1/api-keys", "/v1/api-keys/{key_id}", "/v1/dashboard"]


def test_the_document_is_kept_and_a_missing_service_is_asked_again(
    door: Callable[..., str], services: Services
) -> None:
    later = bound_socket()  # refused until a server listens on it
    gateway = door(campaign_url=f"http://127.0.0.1:{later.getsockname()[1]}", openapi_retry_s=0.3)
    seen = services.seen["content"]

    before = len(seen)
    assert "/v1/campaigns" not in document(gateway)["paths"]
    assert "/v1/campaigns" not in document(gateway)["paths"]  # kept: not fetched again
    assert seen[before:] == ["/openapi.json"]

    seen_campaign: list[str] = []
    with ServerThread(service_app("campaign", seen_campaign), sock=later):
        time.sleep(0.35)
        spec = document(gateway)
    assert "/v1/campaigns" in spec["paths"]
    assert spec["x-mediaops-services"]["campaign"] == {"status": "included"}
    assert seen_campaign == ["/openapi.json"]


def test_a_public_callback_keeps_no_security_and_is_never_answered_401() -> None:
    callback = {
        "tags": ["wechat"],
        "operationId": "wechat-receive_push",
        "security": [],
        "parameters": [
            {"name": "channel_id", "in": "path", "required": True, "schema": {"type": "string"}}
        ],
        "responses": {"200": {"description": "success"}, "401": {"description": "token"}},
    }
    merged = merge(
        [
            ServiceSpec(
                "content", {"paths": {"/v1/wechat/{channel_id}/callback": {"post": callback}}}
            )
        ]
    )

    validate(merged)
    operation = merged["paths"]["/v1/wechat/{channel_id}/callback"]["post"]
    assert operation["security"] == []
    assert "401" not in operation["responses"]
    assert operation["responses"]["429"] == {"$ref": "#/components/responses/TooManyRequests"}


def test_colliding_operation_ids_and_tags_are_prefixed_per_service() -> None:
    def spec(path: str) -> dict[str, Any]:
        operation = {"tags": ["goals"], "operationId": "goals-list_goals", "responses": {}}
        return {"paths": {path: {"get": operation}}}

    merged = merge(
        [
            ServiceSpec("campaign", spec("/v1/campaigns")),
            ServiceSpec("community", spec("/v1/groups")),
        ]
    )

    validate(merged)
    campaign = merged["paths"]["/v1/campaigns"]["get"]
    community = merged["paths"]["/v1/groups"]["get"]
    assert campaign["operationId"] == "campaign-goals-list_goals"
    assert community["operationId"] == "community-goals-list_goals"
    assert (campaign["tags"], community["tags"]) == (["campaign-goals"], ["community-goals"])


# --- /docs and /redoc ----------------------------------------------------------------------


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_pages_load_only_the_gateways_own_assets(gateway: str, page: str) -> None:
    response = httpx.get(gateway + page)

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    html = response.text
    assert "http://" not in html
    assert "https://" not in html
    linked = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert linked
    for url in linked:
        assert url.startswith("/docs/assets/"), url
        asset = httpx.get(gateway + url)
        assert asset.status_code == 200, url
        assert asset.content
    if page == "/redoc":
        assert 'spec-url="/openapi.json"' in html
    else:
        init = httpx.get(gateway + "/docs/assets/swagger-init.js").text
        assert 'url: "/openapi.json"' in init


@pytest.mark.parametrize(
    ("name", "media_type"),
    [
        ("swagger-ui-bundle.js", "text/javascript; charset=utf-8"),
        ("swagger-init.js", "text/javascript; charset=utf-8"),
        ("redoc.standalone.js", "text/javascript; charset=utf-8"),
        ("swagger-ui.css", "text/css; charset=utf-8"),
        ("favicon.png", "image/png"),
    ],
)
def test_assets_are_served_with_their_media_type(gateway: str, name: str, media_type: str) -> None:
    response = httpx.get(f"{gateway}/docs/assets/{name}")

    assert response.status_code == 200
    assert response.headers["content-type"] == media_type
    assert len(response.content) == ASSETS[name][0].stat().st_size


@pytest.mark.parametrize("name", ["nope.js", "..%2Fdocs.py", "%2E%2E"])
def test_only_the_listed_assets_are_served(gateway: str, name: str) -> None:
    response = httpx.get(f"{gateway}/docs/assets/{name}")

    assert_problem(response, 404)
