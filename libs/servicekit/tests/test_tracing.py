"""OpenTelemetry tracing: off unless the ``OTEL_*`` variables ask for it; on, a request to a
service is one server span adopting the caller's ``traceparent``, with a span for each SQL
statement under it and the trace id on its log lines (an in-memory exporter collects them)."""

import io
import json
import logging
import sys
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fixture_service.app import Settings, create_app
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.sdk.trace.sampling import Decision
from opentelemetry.trace import SpanKind

from servicekit import tracing
from servicekit.settings import DEV_INTERNAL_TOKEN

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
PARENT_SPAN_ID = "00f067aa0ba902b7"
TRACEPARENT = f"00-{TRACE_ID}-{PARENT_SPAN_ID}-01"
SAMPLED = (Decision.RECORD_AND_SAMPLE,)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, False),
        ({"OTEL_SERVICE_NAME": "campaign"}, False),
        ({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"}, True),
        ({"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://collector:4318/v1/traces"}, True),
        ({"OTEL_TRACES_EXPORTER": "console"}, True),
        ({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318", "OTEL_TRACES_EXPORTER": "none"}, False),
        ({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318", "OTEL_SDK_DISABLED": "true"}, False),
        ({"OTEL_EXPORTER_OTLP_ENDPOINT": " "}, False),
    ],
)
def test_tracing_is_on_only_when_the_variables_ask(environ: dict[str, str], expected: bool) -> None:
    assert tracing.wanted(environ) is expected


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        (
            {"OTEL_TRACES_EXPORTER": "otlp", "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"},
            "OTLP over HTTP",
        ),
        ({"OTEL_TRACES_EXPORTER": "zipkin"}, "use otlp, console or none"),
        ({"OTEL_TRACES_EXPORTER": "otlp", "OTEL_TRACES_SAMPLER_ARG": "half"}, "a number"),
        ({"OTEL_TRACES_EXPORTER": "otlp", "OTEL_TRACES_SAMPLER_ARG": "2"}, "from 0 to 1"),
    ],
)
def test_a_setting_that_cannot_be_honoured_stops_the_start(
    environ: dict[str, str], message: str
) -> None:
    tracing.reset()
    with pytest.raises(tracing.TracingConfigError, match=message):
        tracing.configure("svc", environ=environ)
    assert tracing.provider() is None


def test_off_the_app_has_no_tracing_layer(database_url: str) -> None:
    tracing.reset()
    app = create_app(Settings(database_url=database_url))
    assert tracing.provider() is None
    layers = [getattr(m.cls, "__name__", "") for m in app.user_middleware]
    assert "ServiceEdgeMiddleware" in layers
    assert "TracingMiddleware" not in layers


def test_traces_start_at_requests_served_not_at_background_statements() -> None:
    sampler = tracing.RootsWhereWorkStarts(1.0)
    trace_id = int(TRACE_ID, 16)
    for kind in (SpanKind.SERVER, SpanKind.CONSUMER):
        assert sampler.should_sample(None, trace_id, "x", kind).decision in SAMPLED
    for kind in (SpanKind.CLIENT, SpanKind.INTERNAL, SpanKind.PRODUCER):
        assert sampler.should_sample(None, trace_id, "x", kind).decision not in SAMPLED
    assert (
        tracing.RootsWhereWorkStarts(0.0)
        .should_sample(None, trace_id, "x", SpanKind.SERVER)
        .decision
        not in SAMPLED
    )


@pytest.fixture
def exporter() -> Iterator[InMemorySpanExporter]:
    tracing.reset()
    spans = InMemorySpanExporter()
    tracing.configure("fixture", exporter=spans, environ={})
    yield spans
    tracing.reset()


@pytest.fixture
async def traced(
    exporter: InMemorySpanExporter, database_url: str, restore_root_logger: None
) -> AsyncIterator[tuple[httpx.AsyncClient, io.StringIO]]:
    app = create_app(Settings(database_url=database_url, log_json=True))
    async with LifespanManager(app) as manager:
        (handler,) = logging.getLogger().handlers
        assert isinstance(handler, logging.StreamHandler)
        assert handler.stream is sys.stdout
        output = io.StringIO()
        handler.setStream(output)
        transport = httpx.ASGITransport(app=manager.app)
        headers = {
            "X-Internal-Token": DEV_INTERNAL_TOKEN,
            "X-Workspace-Id": "ws-trace",
            "X-Scopes": "things:read things:write",
        }
        async with httpx.AsyncClient(
            transport=transport, base_url="http://svc", headers=headers
        ) as client:
            yield client, output


def _hex(span: ReadableSpan) -> tuple[str, str, str | None]:
    context = span.get_span_context()
    assert context is not None
    parent = format(span.parent.span_id, "016x") if span.parent is not None else None
    return format(context.trace_id, "032x"), format(context.span_id, "016x"), parent


async def test_a_request_is_one_server_span_with_its_statements_under_it(
    traced: tuple[httpx.AsyncClient, io.StringIO], exporter: InMemorySpanExporter
) -> None:
    client, output = traced
    exporter.clear()
    r = await client.post(
        "/v1/things",
        json={"name": "traced"},
        headers={"traceparent": TRACEPARENT, "Idempotency-Key": "trace-1"},
    )
    assert r.status_code == 201, r.text
    spans = exporter.get_finished_spans()
    (server,) = [s for s in spans if s.kind is SpanKind.SERVER]
    # Named by the route, never the concrete path; a child of the caller's span.
    assert server.name == "POST /v1/things"
    assert server.attributes is not None
    assert server.attributes["http.route"] == "/v1/things"
    trace_id, server_id, parent = _hex(server)
    assert (trace_id, parent) == (TRACE_ID, PARENT_SPAN_ID)
    statements = [s for s in spans if s.kind is SpanKind.CLIENT]
    assert statements, [s.name for s in spans]
    inserted = [
        s
        for s in statements
        if s.attributes is not None and "INSERT INTO thing" in str(s.attributes["db.statement"])
    ]
    assert inserted, [s.attributes for s in statements]
    for statement in statements:
        assert _hex(statement)[0] == TRACE_ID
        assert _hex(statement)[2] == server_id  # straight under the request's span
    # The request's log lines name the trace and the span, so a log line leads to its trace.
    access = [
        line
        for line in map(json.loads, output.getvalue().splitlines())
        if line["event"] == "request"
    ]
    assert access
    assert access[-1]["trace_id"] == TRACE_ID
    assert access[-1]["span_id"] == server_id


async def test_probes_make_no_traces_and_a_request_without_traceparent_starts_one(
    traced: tuple[httpx.AsyncClient, io.StringIO], exporter: InMemorySpanExporter
) -> None:
    client, _ = traced
    exporter.clear()
    for path in ("/healthz", "/readyz", "/metrics"):
        assert (await client.get(path)).status_code == 200
    assert exporter.get_finished_spans() == ()
    r = await client.get("/v1/things/00000000-0000-4000-8000-000000000000")
    assert r.status_code == 404
    (server,) = [s for s in exporter.get_finished_spans() if s.kind is SpanKind.SERVER]
    assert server.name == "GET /v1/things/{thing_id}"
    assert server.parent is None
    assert _hex(server)[0] != TRACE_ID


def test_a_client_span_replaces_the_callers_traceparent(exporter: InMemorySpanExporter) -> None:
    headers = [("TraceParent", TRACEPARENT), ("accept", "application/json")]
    provider = tracing.provider()
    assert provider is not None
    with provider.get_tracer("test").start_as_current_span("served", kind=SpanKind.SERVER):
        span = tracing.start_client_span("GET campaign", headers, {"server.address": "campaign"})
        tracing.end_client_span(span, status=503)
    (sent,) = [value for name, value in headers if name.lower() == "traceparent"]
    (finished,) = [s for s in exporter.get_finished_spans() if s.kind is SpanKind.CLIENT]
    trace_id, span_id, _ = _hex(finished)
    assert sent.startswith(f"00-{trace_id}-{span_id}-")
    assert int(sent[-2:], 16) & 1  # sampled
    assert ("accept", "application/json") in headers
    assert finished.status.status_code.name == "ERROR"
    assert finished.attributes is not None
    assert finished.attributes["http.response.status_code"] == 503


def test_a_statement_sent_to_the_driver_is_a_span_as_the_engines_are(
    exporter: InMemorySpanExporter,
) -> None:
    # The idempotency record and COPY go to asyncpg directly, past the engine's tracer.
    sql = "\nINSERT INTO idempotency_key AS k (workspace_id, key) VALUES ($1, $2)"
    provider = tracing.provider()
    assert provider is not None
    tracer = provider.get_tracer("test")
    with tracer.start_as_current_span("POST /v1/things", kind=SpanKind.SERVER) as request:
        with tracing.statement_span(sql):
            pass
    statement, server = exporter.get_finished_spans()
    assert (statement.name, statement.kind) == ("INSERT", SpanKind.CLIENT)
    assert statement.attributes is not None
    assert statement.attributes["db.system"] == "postgresql"
    assert statement.attributes["db.statement"] == sql.strip()
    assert statement.parent is not None
    assert statement.parent.span_id == request.get_span_context().span_id == server.context.span_id


def test_off_a_driver_statement_makes_no_span() -> None:
    tracing.reset()
    with tracing.statement_span("UPDATE idempotency_key SET response_status = $3") as span:
        assert span is None
    assert tracing.provider() is None
