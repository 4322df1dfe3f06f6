"""The foundation's acceptance, through the gateway, with every service a real process."""

from __future__ import annotations

import signal
import time

import httpx
import pytest

from servicekit.testing.problems import assert_problem

from .conftest import make_token
from .stack import INTERNAL_TOKEN, Stack

CHANNEL = {"platform": "weibo", "name": "品牌微博", "handle": "brand"}


def test_channels_list_is_empty_for_a_new_workspace(api: httpx.Client) -> None:
    r = api.get("/v1/channels")
    assert r.status_code == 200
    assert r.json() == {"items": [], "next_cursor": None}


def test_without_a_token_is_401(stack: Stack) -> None:
    r = httpx.get(stack.gateway + "/v1/channels")
    assert_problem(r, 401)


def test_a_token_lacking_content_read_is_403(stack: Stack, workspace: str) -> None:
    token = make_token(workspace, ("campaign:read",))
    r = httpx.get(stack.gateway + "/v1/channels", headers={"Authorization": f"Bearer {token}"})
    body = assert_problem(r, 403)
    assert "content:read" in str(body["detail"])


def test_channel_of_workspace_a_is_404_from_workspace_b(stack: Stack, api: httpx.Client) -> None:
    created = api.post("/v1/channels", json=CHANNEL)
    assert created.status_code == 201, created.text
    url = f"/v1/channels/{created.json()['id']}"
    other = {"Authorization": f"Bearer {make_token('ws-other-' + created.json()['id'][:8])}"}
    with httpx.Client(base_url=stack.gateway, headers=other) as b:
        assert_problem(b.get(url), 404)
        assert_problem(b.patch(url, json={"name": "hijack"}), 404)
        assert_problem(b.delete(url), 404)
        assert b.get("/v1/channels").json()["items"] == []
    assert api.get(url).json()["name"] == CHANNEL["name"]


def test_client_sent_tenancy_headers_are_ignored(stack: Stack, api: httpx.Client) -> None:
    spoof = {"X-Workspace-Id": "ws-victim", "X-Internal-Token": "guess", "X-Scopes": "admin"}
    created = api.post("/v1/channels", json=CHANNEL, headers=spoof)
    assert created.status_code == 201
    victim = {"Authorization": f"Bearer {make_token('ws-victim')}"}
    with httpx.Client(base_url=stack.gateway, headers=victim) as v:
        ids = [c["id"] for c in v.get("/v1/channels").json()["items"]]
    assert created.json()["id"] not in ids
    assert [c["id"] for c in api.get("/v1/channels").json()["items"]] == [created.json()["id"]]


def test_direct_call_to_a_service_without_the_internal_token_is_refused(stack: Stack) -> None:
    headers = {"X-Workspace-Id": "ws-direct", "X-Scopes": "content:read content:write"}
    r = httpx.get(stack.url("content") + "/v1/channels", headers=headers)
    assert_problem(r, 401)
    r = httpx.post(stack.url("content") + "/v1/channels", headers=headers, json=CHANNEL)
    assert_problem(r, 401)
    # the same call with the token is served: the refusal is the token's doing
    ok = httpx.get(
        stack.url("content") + "/v1/channels",
        headers=headers | {"X-Internal-Token": INTERNAL_TOKEN},
    )
    assert ok.status_code == 200


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b'{"platform": "weibo", "name": ', 400),
        (b'{"platform": "weibo", "name": ["x"], "handle": 7}', 422),
        (b'{"platform": "weibo", "name": "x", "handle": "y", "admin": true}', 422),
        (b"", 422),
        (b'{"platform": "weibo", "name": "' + b"x" * 10_000_000 + b'", "handle": "y"}', 413),
    ],
    ids=["malformed-json", "wrong-types", "unknown-field", "empty-body", "10MB-body"],
)
def test_bad_input_is_a_4xx_problem_and_changes_nothing(
    api: httpx.Client, body: bytes, status: int
) -> None:
    before = api.get("/v1/channels").json()
    r = api.post("/v1/channels", content=body, headers={"Content-Type": "application/json"})
    assert_problem(r, status)
    assert api.get("/v1/channels").json() == before


def test_publisher_worker_runs_and_stops_cleanly(stack: Stack) -> None:
    stack.start("publisher", wait=False)
    stack.wait_for_log("publisher", "publisher worker started")
    time.sleep(1.5)  # a few polls
    assert stack.procs["publisher"].poll() is None, "the worker exited on its own"
    assert stack.stop("publisher") == 0
    assert "publisher worker stopped" in stack.log_text("publisher")


def test_stopping_content_svc_gives_a_fast_problem_and_upstream_health_names_it(
    stack: Stack, api: httpx.Client
) -> None:
    stack.procs["content"].send_signal(signal.SIGTERM)
    stack.procs.pop("content").wait(10)
    try:
        r = api.get("/v1/channels")
        body = assert_problem(r, r.status_code)
        assert r.status_code in (502, 503)
        assert "content" in str(body["detail"])
        # Fast because nothing is waited for: the answer is the refused connection's (or the
        # open breaker's), never a connect or read timeout's.
        assert any(
            reason in str(body["detail"]) for reason in ("connection refused", "stopped calling it")
        ), body["detail"]

        # The gateway itself stays ready (a load balancer keeps it); the services' state says
        # which one is down.
        assert httpx.get(stack.gateway + "/readyz").status_code == 200
        ready = httpx.get(stack.gateway + "/health/upstreams")
        assert ready.status_code == 503
        upstreams = ready.json()["upstreams"]
        assert upstreams["content"] != "ok"
        assert upstreams["campaign"] == upstreams["community"] == upstreams["metrics"] == "ok"
    finally:
        stack.start("content")
    assert api.get("/v1/channels").status_code == 200


def test_upstream_health_is_ready_with_every_upstream_up(stack: Stack) -> None:
    r = httpx.get(stack.gateway + "/health/upstreams")
    assert r.status_code == 200
    assert set(r.json()["upstreams"]) == {"content", "campaign", "community", "metrics"}
