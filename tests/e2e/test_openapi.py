"""The API at the door: the real gateway merges the four real services' OpenAPI documents into
one valid document with every public operation, and serves /docs and /redoc from its own
assets; with one service unreachable it still serves the others and says which is missing."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import httpx
from openapi_spec_validator import validate

from servicekit.testing.apidoc import example_coverage, undocumented

from .stack import INTERNAL_TOKEN, SERVICES, Stack, free_port

METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
GATEWAY_ANSWERS = ("401", "429", "502", "503", "504")
KEY_ROUTE_ANSWERS = ("401", "403", "429", "503")
# A platform's callback: called without a credential (``security: []``), so never a 401.
PUBLIC_OPERATIONS = {
    ("/v1/wechat/{channel_id}/callback", "get"),
    ("/v1/wechat/{channel_id}/callback", "post"),
}
PUBLIC_ANSWERS = ("429", "502", "503", "504")
GATEWAY_KEY_OPERATIONS = {
    ("/v1/api-keys", "post"),
    ("/v1/api-keys", "get"),
    ("/v1/api-keys/{key_id}", "get"),
    ("/v1/api-keys/{key_id}", "delete"),
}


def operations(spec: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (path, method): operation
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    }


def own_document(stack: Stack, service: str) -> dict[str, Any]:
    response = httpx.get(
        stack.url(service) + "/openapi.json",
        headers={"X-Internal-Token": INTERNAL_TOKEN},
        timeout=30.0,
    )
    assert response.status_code == 200, response.text
    spec: dict[str, Any] = response.json()
    return spec


def test_the_gateway_serves_the_four_services_as_one_valid_document(stack: Stack) -> None:
    response = httpx.get(stack.gateway + "/openapi.json", timeout=30.0)  # no token needed
    assert response.status_code == 200, response.text
    spec = response.json()

    validate(spec)
    assert spec["x-mediaops-services"] == {name: {"status": "included"} for name in SERVICES}
    merged = operations(spec)
    for service in SERVICES:
        own = operations(own_document(stack, service))
        assert own, service
        for key, operation in own.items():
            assert key in merged, (service, key)
            assert merged[key]["operationId"] == operation["operationId"], key
    total = sum(len(operations(own_document(stack, service))) for service in SERVICES)
    # And the gateway's own: GET /v1/dashboard and the four API key operations.
    assert len(merged) == total + 1 + len(GATEWAY_KEY_OPERATIONS)
    assert GATEWAY_KEY_OPERATIONS <= set(merged)
    ids = Counter(operation["operationId"] for operation in merged.values())
    assert [op_id for op_id, count in ids.items() if count > 1] == []
    for key, operation in merged.items():
        # The API key routes call no service: the gateway's 502/504 are not theirs.
        answers = KEY_ROUTE_ANSWERS if key in GATEWAY_KEY_OPERATIONS else GATEWAY_ANSWERS
        if key in PUBLIC_OPERATIONS:
            assert operation["security"] == [], key
            assert "401" not in operation["responses"], key
            answers = PUBLIC_ANSWERS
        else:
            assert operation["security"], key
        assert set(answers) <= set(operation["responses"]), key
    schemas = spec["components"]["schemas"]
    # The clashes the services have today: prefixed per service, nothing shared by mistake.
    for name in ("GoalRead", "LiveGoal", "SourceIn", "SourceRead"):
        assert name not in schemas
        assert {f"Campaign_{name}", f"Community_{name}"} <= set(schemas)
    assert "internal token" not in response.text.lower()


def test_the_merged_document_tells_a_caller_everything(stack: Stack) -> None:
    """What a front-end developer reads at the door: every operation described with its real
    errors, every body and answer with an example, every field with a meaning."""
    spec = httpx.get(stack.gateway + "/openapi.json", timeout=30.0).json()

    gaps = undocumented(spec)
    assert gaps == [], f"{len(gaps)} gaps:\n" + "\n".join(gaps)
    schemas_share, bodies_share = example_coverage(spec)
    assert schemas_share >= 0.95, schemas_share
    assert bodies_share >= 0.95, bodies_share
    for key, operation in operations(spec).items():
        errors = {status for status in operation["responses"] if status[0] in "45"}
        # No blanket list: a 412 only where If-Match is read, a 404 only where an id is taken
        # (in the path, or declared by the service code that looks one up).
        headers = {
            p["name"].lower() for p in operation.get("parameters", []) if p["in"] == "header"
        }
        assert ("412" in errors) == ("if-match" in headers), key
        if "404" in errors and "{" not in key[0]:
            assert operation.get("x-mediaops-errors"), key


def test_docs_pages_and_their_assets_come_from_the_gateway(stack: Stack) -> None:
    for page in ("/docs", "/redoc"):
        response = httpx.get(stack.gateway + page, timeout=10.0)
        assert response.status_code == 200
        assert "https://" not in response.text
        assert "http://" not in response.text
        for url in re.findall(r'(?:src|href)="([^"]+)"', response.text):
            assert url.startswith("/docs/assets/"), url
            asset = httpx.get(stack.gateway + url, timeout=10.0)
            assert asset.status_code == 200, url
            assert asset.headers["content-type"].startswith(
                ("text/javascript", "text/css", "image/png")
            ), url


def test_with_a_service_unreachable_the_others_are_still_documented(stack: Stack) -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    gateway = stack.start_gateway("gateway-docs", {"GATEWAY_METRICS_URL": dead})
    try:
        response = httpx.get(gateway + "/openapi.json", timeout=30.0)
    finally:
        stack.stop("gateway-docs")
    assert response.status_code == 200, response.text
    spec = response.json()

    validate(spec)
    assert spec["x-mediaops-services"]["metrics"]["status"] == "missing"
    assert "metrics-svc" in spec["x-mediaops-services"]["metrics"]["reason"]
    assert "the operations of metrics-svc are missing" in spec["info"]["description"]
    paths = set(spec["paths"])
    assert not [path for path in paths if path.startswith(("/v1/events", "/v1/metrics"))]
    for service in ("content", "campaign", "community"):
        assert set(own_document(stack, service)["paths"]) <= paths, service
