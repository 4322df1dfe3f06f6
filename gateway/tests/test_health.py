"""``/healthz`` and ``/readyz``, the latter naming each upstream's state."""

from __future__ import annotations

import socket
from collections.abc import Callable

import httpx

from .support import EchoUpstream, ServerThread, echo_app


def test_healthz_is_ok(gateway: str) -> None:
    r = httpx.get(gateway + "/healthz")
    assert r.status_code == 200
    assert r.json() == {"status": "ok"}


def test_readyz_names_the_upstream_that_is_down(gateway: str) -> None:
    r = httpx.get(gateway + "/readyz")
    assert r.status_code == 503
    body = r.json()
    assert body["status"] == "not ready"
    upstreams = body["upstreams"]
    # The refusal itself answered, at once: had the check waited out the ready timeout it
    # would say "no answer within 1 s".
    assert upstreams["campaign"] == "unreachable: connection refused"
    assert upstreams["content"] == upstreams["community"] == upstreams["metrics"] == "ok"


def test_readyz_is_200_when_every_upstream_is_ready(
    start_gateway: Callable[..., str], upstream: EchoUpstream
) -> None:
    url = start_gateway(campaign_url=upstream.url)
    r = httpx.get(url + "/readyz")
    assert r.status_code == 200
    assert r.json() == {
        "status": "ready",
        "upstreams": {"content": "ok", "campaign": "ok", "community": "ok", "metrics": "ok"},
    }


def test_readyz_reports_an_upstream_that_answers_not_ready(
    start_gateway: Callable[..., str], upstream: EchoUpstream
) -> None:
    sick = EchoUpstream(ready=False)
    with ServerThread(echo_app(sick)) as server:
        url = start_gateway(campaign_url=upstream.url, metrics_url=server.url)
        r = httpx.get(url + "/readyz")
    assert r.status_code == 503
    assert r.json()["upstreams"]["metrics"] == "not ready: HTTP 503"
    assert r.json()["upstreams"]["campaign"] == "ok"


def test_readyz_gives_up_on_a_hung_upstream_after_the_ready_timeout(
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
        r = httpx.get(url + "/readyz")
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
    r = httpx.get(url + "/readyz")
    assert r.status_code == 503
    assert r.json()["upstreams"] == dict.fromkeys(
        ("content", "campaign", "community", "metrics"), "unreachable: no answer within 1e-06 s"
    )
