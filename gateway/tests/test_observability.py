"""Per-resource metrics, and JSON access logs carrying the request id, from a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable

import httpx

from gateway.observability import route_label
from servicekit.testing.metrics import requests_total

from .support import JWT_SECRET, EchoUpstream, bound_socket


def test_route_labels_are_bounded_by_the_route_table() -> None:
    assert route_label("/v1/posts/42/revisions") == "/v1/posts"
    assert route_label("/v1/coupon-batches") == "/v1/coupon-batches"
    assert route_label("/readyz") == "/readyz"
    assert route_label("/v1/api-keys") == "/v1/api-keys"
    assert route_label("/v1/api-keys/0b8f2d4e-6c13-4c2e-9a61-7d1c5e0a3f7b") == "/v1/api-keys"
    assert route_label("/v1/api-keysx") == "unmatched"
    assert route_label("/v1/made-up-thing/1") == "unmatched"
    assert route_label("/v1/jobs/campaign-6f2c1a9e/result") == "/v1/jobs"
    assert route_label("/v1/wechat/6f2c1a9e-4b7d-4e0f-9a51-3c8d2e7f1b40/callback") == "/v1/wechat"
    assert route_label("/wp-admin.php") == "unmatched"


def test_metrics_count_requests_per_resource(gateway: str, make_token: Callable[..., str]) -> None:
    headers = {"Authorization": f"Bearer {make_token(['content:read'])}"}

    def count() -> float:
        return requests_total(
            httpx.get(gateway + "/metrics").text,
            method="GET",
            route="/v1/calendar",
            service="gateway",
            status="200",
        )

    before = count()
    for _ in range(3):
        assert httpx.get(gateway + "/v1/calendar", headers=headers).status_code == 200
    assert count() == before + 3


def test_the_gateway_process_logs_json_lines_with_the_request_id(
    upstream: EchoUpstream, make_token: Callable[..., str]
) -> None:
    sock = bound_socket()
    port = sock.getsockname()[1]
    sock.close()  # uvicorn binds it again in the child; nothing else takes a port this fast
    env = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
    env |= {"GATEWAY_JWT_SECRET": JWT_SECRET, "GATEWAY_CONTENT_URL": upstream.url}
    command = [sys.executable, "-m", "uvicorn", "--factory", "gateway.main:create_app"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--no-access-log"]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the gateway did not start"
                time.sleep(0.1)
        headers = {"Authorization": f"Bearer {make_token()}", "X-Request-Id": "log-trace-1"}
        r = httpx.get(f"http://127.0.0.1:{port}/v1/posts", headers=headers)
        assert r.status_code == 200
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=20)
    lines = [json.loads(line) for line in out.decode().splitlines() if line.startswith("{")]
    access = [line for line in lines if line.get("request_id") == "log-trace-1"]
    assert access, out.decode()[-2000:]
    assert access[0]["event"] == "request"
    assert access[0]["path"] == "/v1/posts"
    assert access[0]["status"] == 200
    assert access[0]["service"] == "gateway"
