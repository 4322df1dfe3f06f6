"""``/healthz``, ``/readyz`` (the gateway itself) and ``/health/upstreams`` (naming each
upstream's state), and the upstreams' state in ``/metrics``."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable

import httpx

from gateway.health import MIGRATIONS_DIR
from servicekit.migrations import head_revisions

from .support import EchoUpstream, ServerThread, echo_app


def test_healthz_is_ok(gateway: str) -> None:
    r = httpx.get(gateway + "/healthz")
    assert r.status_code == 200
    assert r.json() == {"status": "ok"}


def test_upstream_health_names_the_upstream_that_is_down(gateway: str) -> None:
    r = httpx.get(gateway + "/health/upstreams")
    assert r.status_code == 503
    body = r.json()
    assert body["status"] == "not ready"
    upstreams = body["upstreams"]
    # The refusal itself answered, at once: had the check waited out the ready timeout it
    # would say "no answer within 1 s".
    assert upstreams["campaign"] == "unreachable: connection refused"
    assert upstreams["content"] == upstreams["community"] == upstreams["metrics"] == "ok"


def test_upstream_health_is_200_when_every_upstream_is_ready(
    start_gateway: Callable[..., str], upstream: EchoUpstream
) -> None:
    url = start_gateway(campaign_url=upstream.url)
    r = httpx.get(url + "/health/upstreams")
    assert r.status_code == 200
    assert r.json() == {
        "status": "ready",
        "upstreams": {"content": "ok", "campaign": "ok", "community": "ok", "metrics": "ok"},
        "api_keys": "ok",
    }


def test_readyz_names_the_key_database_without_leaving_service_when_it_is_down(
    start_gateway: Callable[..., str], upstream: EchoUpstream, dead_socket: socket.socket
) -> None:
    # Token callers never need the gateway's database: a gateway whose key database is down
    # stays ready, and says so.
    dead = f"postgresql://postgres@127.0.0.1:{dead_socket.getsockname()[1]}/gateway"
    url = start_gateway(campaign_url=upstream.url, database_url=dead)
    r = httpx.get(url + "/readyz")
    assert r.status_code == 200
    assert r.json()["api_keys"].startswith("unavailable: the database does not answer")


def test_readyz_says_api_keys_are_off_without_a_database(
    start_gateway: Callable[..., str], upstream: EchoUpstream
) -> None:
    url = start_gateway(campaign_url=upstream.url, database_url=None)
    r = httpx.get(url + "/readyz")
    assert r.status_code == 200
    assert r.json()["api_keys"] == "off: GATEWAY_DATABASE_URL is not set"


def test_readyz_names_a_key_database_behind_its_migrations(
    start_gateway: Callable[..., str],
    upstream: EchoUpstream,
    scratch_database: Callable[[str], str],
) -> None:
    url = start_gateway(campaign_url=upstream.url, database_url=scratch_database("gw_unmigrated"))
    r = httpx.get(url + "/readyz")
    assert r.status_code == 200
    heads = sorted(head_revisions(MIGRATIONS_DIR))
    assert r.json()["api_keys"] == f"unavailable: migrations at nothing, head is {heads}"


def test_upstream_health_reports_an_upstream_that_answers_not_ready(
    start_gateway: Callable[..., str], upstream: EchoUpstream
) -> None:
    sick = EchoUpstream(ready=False)
    with ServerThread(echo_app(sick)) as server:
        url = start_gateway(campaign_url=upstream.url, metrics_url=server.url)
        r = httpx.get(url + "/health/upstreams")
    assert r.status_code == 503
    assert r.json()["upstreams"]["metrics"] == "not ready: HTTP 503"
    assert r.json()["upstreams"]["campaign"] == "ok"


def test_upstream_health_gives_up_on_a_hung_upstream_after_the_ready_timeout(
    start_gateway: Callable[..., str], upstream: EchoUpstream
) -> None:
    # Listening but never accepting: the connection hangs in the backlog and no answer comes.
    with socket.socket() as hung:
        hung.bind(("127.0.0.1", 0))
        hung.listen(8)
        url = start_gateway(
            campaign_url=upstream.url,
            content_url=f"http://127.0.0.1:{hung.getsockname()[1]}",
            ready_timeout_s=0.5,
        )
        r = httpx.get(url + "/health/upstreams")
    assert r.status_code == 503
    assert r.json()["upstreams"]["content"] == "unreachable: no answer within 0.5 s"
    # The answer came although the hung upstream never will; the next test shows it is the
    # ready timeout (and no longer one) that ends each check.


def test_the_ready_timeout_bounds_every_check(
    start_gateway: Callable[..., str], upstream: EchoUpstream
) -> None:
    # A microsecond: no upstream, however healthy, can answer within it, so each check ends on
    # this timeout; were it not applied, the healthy upstreams would say "ok".
    url = start_gateway(campaign_url=upstream.url, ready_timeout_s=1e-6)
    r = httpx.get(url + "/health/upstreams")
    assert r.status_code == 503
    assert r.json()["upstreams"] == dict.fromkeys(
        ("content", "campaign", "community", "metrics"), "unreachable: no answer within 1e-06 s"
    )


def test_readyz_is_the_gateways_own_and_stays_ready_with_an_upstream_down(gateway: str) -> None:
    # campaign is down behind this gateway (the first test): its routes answer 503 fast, the
    # other services' routes serve, so the gateway stays in the load balancer's rotation.
    r = httpx.get(gateway + "/readyz")
    assert r.status_code == 200
    assert r.json() == {"status": "ready", "api_keys": "ok"}
    assert httpx.get(gateway + "/health/upstreams").status_code == 503


def test_metrics_show_each_upstreams_readiness_and_breaker_state(
    start_gateway: Callable[..., str], upstream: EchoUpstream, dead_socket: socket.socket
) -> None:
    dead = f"http://127.0.0.1:{dead_socket.getsockname()[1]}"
    url = start_gateway(campaign_url=upstream.url, content_url=dead, upstream_probe_s=0.1)
    deadline = time.monotonic() + 10
    while True:
        metrics = httpx.get(url + "/metrics").text
        if 'mediaops_gateway_upstream_ready{upstream="campaign"} 1.0' in metrics:
            break
        assert time.monotonic() < deadline, "the probe never ran"
        time.sleep(0.1)
    assert 'mediaops_gateway_upstream_ready{upstream="content"} 0.0' in metrics
    assert 'mediaops_gateway_breaker_state{state="closed",upstream="campaign"} 1.0' in metrics
    assert 'mediaops_gateway_breaker_state{state="open",upstream="campaign"} 0.0' in metrics
