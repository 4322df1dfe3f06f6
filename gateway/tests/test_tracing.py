"""With tracing on, a proxied request is the gateway's server span and, under it, a client span
whose ``traceparent`` the service receives in place of the caller's: one trace from the caller
through the gateway to the service. Off (every other test), the caller's header passes as is."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import httpx
import pytest
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from servicekit import tracing

from .support import EchoUpstream

TRACE_ID = "0af7651916cd43dd8448eb211c80319c"
CALLER_SPAN_ID = "b7ad6b7169203331"
TRACEPARENT = f"00-{TRACE_ID}-{CALLER_SPAN_ID}-01"


def _received_traceparent(upstream: EchoUpstream, key: str) -> str:
    (value,) = [v for k, v in upstream.completed[key]["headers"] if k == "traceparent"]
    return str(value)


def _ids(span: ReadableSpan) -> tuple[str, str, str | None]:
    context = span.get_span_context()
    assert context is not None
    parent = format(span.parent.span_id, "016x") if span.parent is not None else None
    return format(context.trace_id, "032x"), format(context.span_id, "016x"), parent


@pytest.fixture
def exporter() -> Iterator[InMemorySpanExporter]:
    tracing.reset()
    spans = InMemorySpanExporter()
    tracing.configure("gateway", exporter=spans, environ={})
    yield spans
    tracing.reset()


def test_a_proxied_request_is_one_trace_from_the_caller_to_the_service(
    exporter: InMemorySpanExporter,
    start_gateway: Callable[..., str],
    upstream: EchoUpstream,
    make_token: Callable[..., str],
) -> None:
    gateway = start_gateway()
    key = f"trace-{uuid.uuid4().hex}"
    r = httpx.get(
        f"{gateway}/v1/posts?t={key}",
        headers={"Authorization": f"Bearer {make_token()}", "traceparent": TRACEPARENT},
    )
    assert r.status_code == 200, r.text
    spans = exporter.get_finished_spans()
    (server,) = [s for s in spans if s.kind is SpanKind.SERVER]
    (client,) = [s for s in spans if s.kind is SpanKind.CLIENT]
    trace_id, server_id, caller = _ids(server)
    assert (trace_id, caller) == (TRACE_ID, CALLER_SPAN_ID)
    assert server.name == "GET /v1/posts"  # the resource, as the metrics label it
    client_trace, client_id, client_parent = _ids(client)
    assert (client_trace, client_parent) == (TRACE_ID, server_id)
    assert client.name == "GET content"
    assert client.attributes is not None
    assert client.attributes["http.response.status_code"] == 200
    # The service is told the gateway's client span is its parent, not the caller's span.
    assert _received_traceparent(upstream, key) == f"00-{TRACE_ID}-{client_id}-01"


def test_an_upstream_that_is_down_ends_the_client_span_as_an_error(
    exporter: InMemorySpanExporter,
    start_gateway: Callable[..., str],
    make_token: Callable[..., str],
) -> None:
    gateway = start_gateway()  # campaign-svc is the dead socket in these settings
    r = httpx.get(
        f"{gateway}/v1/campaigns",
        headers={
            "Authorization": f"Bearer {make_token(scopes=['campaign:read'])}",
            "traceparent": TRACEPARENT,
        },
    )
    assert r.status_code == 502
    (client,) = [s for s in exporter.get_finished_spans() if s.kind is SpanKind.CLIENT]
    assert client.status.status_code.name == "ERROR"
    assert _ids(client)[0] == TRACE_ID


def test_off_the_callers_traceparent_reaches_the_service_unchanged(
    client_headers: dict[str, str], gateway: str, upstream: EchoUpstream
) -> None:
    tracing.reset()
    key = f"untraced-{uuid.uuid4().hex}"
    r = httpx.get(
        f"{gateway}/v1/posts?t={key}", headers={**client_headers, "traceparent": TRACEPARENT}
    )
    assert r.status_code == 200
    assert _received_traceparent(upstream, key) == TRACEPARENT


@pytest.fixture
def client_headers(make_token: Callable[..., str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {make_token()}"}
