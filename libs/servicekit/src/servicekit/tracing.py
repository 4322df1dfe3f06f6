"""OpenTelemetry tracing, configured by the standard ``OTEL_*`` variables and off when unset.

On when ``OTEL_EXPORTER_OTLP_ENDPOINT`` or ``OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`` is set, or
``OTEL_TRACES_EXPORTER`` says ``otlp`` or ``console``; ``OTEL_SDK_DISABLED=true`` or
``OTEL_TRACES_EXPORTER=none`` keeps it off. Off, nothing below is installed: no middleware, no
engine listener, no client hook, so a request costs exactly what it costs without tracing
(the speed work of bench/RESULTS.md stays true). On, each app traces:

- every HTTP request it serves (one server span named by method and route template, adopting
  the caller's W3C ``traceparent``), with OpenTelemetry's ASGI middleware;
- every SQL statement its ``Database`` runs (OpenTelemetry's SQLAlchemy engine tracer);
- every call it makes to a peer (OpenTelemetry's httpx client instrumentation), and the
  gateway's proxied calls (``client_span`` around its own client, ``gateway.hop``, which no
  instrumentation knows), each sending ``traceparent`` onward.

Spans go to the OTLP/HTTP exporter, which reads the ``OTEL_EXPORTER_OTLP_*`` variables itself
(endpoint, headers, timeout, compression); ``OTEL_SERVICE_NAME`` and
``OTEL_RESOURCE_ATTRIBUTES`` name the resource. Unless ``OTEL_TRACES_SAMPLER`` is set, a trace
starts only at a request served or a job consumed (``ROOT_KINDS``), sampled at
``OTEL_TRACES_SAMPLER_ARG`` (default 1.0), and a span with a parent follows the parent's
decision: a background loop's statements (the outbox relay, housekeeping) make no traces of
their own. One provider per process: an app process serves one app.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any

import httpx
from fastapi.telemetry import TelemetryConfig
from opentelemetry import propagate, trace
from opentelemetry.context import Context
from opentelemetry.instrumentation.asgi import OpenTelemetryMiddleware
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.resources import SERVICE_NAME, Resource
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import (
    BatchSpanProcessor,
    ConsoleSpanExporter,
    SimpleSpanProcessor,
    SpanExporter,
)
from opentelemetry.sdk.trace.sampling import (
    Decision,
    ParentBased,
    Sampler,
    SamplingResult,
    TraceIdRatioBased,
)
from opentelemetry.trace import Link, SpanKind, Status, StatusCode
from opentelemetry.util.types import Attributes
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The probes and the metrics scrape are not worth a trace each.
UNTRACED_PATHS = ("/healthz", "/readyz", "/metrics", "/health/upstreams")

ROOT_KINDS = frozenset({SpanKind.SERVER, SpanKind.CONSUMER})

# The OpenTelemetry variables every app honours (deploy/README.md's configuration reference is
# generated from this, and `make deploy-check` accepts them in compose and Kubernetes).
VARIABLES = {
    "OTEL_EXPORTER_OTLP_ENDPOINT": "The collector's OTLP/HTTP address (`http://collector:4318`); "
    "setting it turns tracing on. With it and `OTEL_TRACES_EXPORTER` unset, nothing is traced "
    "and tracing costs nothing.",
    "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "The traces URL itself (`http://collector:4318/v1/"
    "traces`), instead of the endpoint above; turns tracing on too.",
    "OTEL_EXPORTER_OTLP_HEADERS": "Headers for the collector (`authorization=Bearer …`): a "
    "secret, so from a Secret. The exporter's other standard variables (`…_TIMEOUT`, "
    "`…_COMPRESSION`, `…_CERTIFICATE`) work as documented by OpenTelemetry.",
    "OTEL_EXPORTER_OTLP_PROTOCOL": "`http/protobuf`, the one available; any other value stops "
    "the app at start-up with a message.",
    "OTEL_TRACES_EXPORTER": "`otlp` (when an endpoint is set), `console` (spans on stdout, for a "
    "look on one machine) or `none` (off).",
    "OTEL_SERVICE_NAME": "The service name on the spans; unset, the app's own (`campaign`, "
    "`gateway`, `content-worker`).",
    "OTEL_RESOURCE_ATTRIBUTES": "More attributes for every span's resource "
    "(`deployment.environment=production`).",
    "OTEL_TRACES_SAMPLER_ARG": "The share of requests that start a trace, 0 to 1 (1.0 when "
    "unset). A request whose caller sent a sampled `traceparent` is traced whatever this says; "
    "background loops start no traces of their own.",
    "OTEL_TRACES_SAMPLER": "Set, the SDK's own sampler by that name replaces MediaOps' (which "
    "starts traces only at requests served and publications sent).",
    "OTEL_SDK_DISABLED": "`true` turns tracing off whatever else is set.",
    "OTEL_BSP_SCHEDULE_DELAY": "Milliseconds between two exports of finished spans (5000).",
}

_TRUE = {"1", "true", "yes", "on"}

# FastAPI's own OpenTelemetry integration (``FastAPI(telemetry=...)``) stays off in every app:
# MediaOps traces its apps one way (this module; the gateway is not a FastAPI app), and the
# integration, on by default once OpenTelemetry is installed, asks the global providers
# whether to trace on every request (seen in the profile of a redeem with tracing off).
FASTAPI_TELEMETRY_OFF: TelemetryConfig = {
    "tracing": False,
    "metrics": False,
    "logs": False,
    "operation_spans": False,
}

_provider: TracerProvider | None = None


class TracingConfigError(ValueError):
    """An ``OTEL_*`` value this build cannot honour, said at start-up rather than ignored."""


def wanted(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether the ``OTEL_*`` variables ask for traces (see the module's first paragraph)."""
    if environ.get("OTEL_SDK_DISABLED", "").strip().lower() in _TRUE:
        return False
    exporter = environ.get("OTEL_TRACES_EXPORTER", "").strip().lower()
    if exporter == "none":
        return False
    if exporter:
        return True
    return bool(
        environ.get("OTEL_EXPORTER_OTLP_ENDPOINT", "").strip()
        or environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "").strip()
    )


class RootsWhereWorkStarts(Sampler):
    """Start a trace only at a span of ``ROOT_KINDS`` (a request served, a job consumed),
    sampled by trace id at ``ratio``; drop every other parentless span. Wrapped in
    ``ParentBased``, so a child follows its parent."""

    def __init__(self, ratio: float) -> None:
        self.ratio = TraceIdRatioBased(ratio)

    def should_sample(
        self,
        parent_context: Context | None,
        trace_id: int,
        name: str,
        kind: SpanKind | None = None,
        attributes: Attributes = None,
        links: Sequence[Link] | None = None,
        trace_state: Any = None,
    ) -> SamplingResult:
        if kind not in ROOT_KINDS:
            return SamplingResult(Decision.DROP)
        return self.ratio.should_sample(
            parent_context, trace_id, name, kind, attributes, links, trace_state
        )

    def get_description(self) -> str:
        return f"RootsWhereWorkStarts{{{self.ratio.get_description()}}}"


def _sampler(environ: Mapping[str, str]) -> Sampler | None:
    if environ.get("OTEL_TRACES_SAMPLER", "").strip():
        return None  # the SDK's own, from the variables
    raw = environ.get("OTEL_TRACES_SAMPLER_ARG", "").strip() or "1.0"
    try:
        ratio = float(raw)
    except ValueError:
        raise TracingConfigError(
            f"OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1, not {raw!r}"
        ) from None
    if not 0.0 <= ratio <= 1.0:
        raise TracingConfigError(f"OTEL_TRACES_SAMPLER_ARG must be from 0 to 1, not {raw!r}")
    return ParentBased(root=RootsWhereWorkStarts(ratio))


def _processor(environ: Mapping[str, str]) -> SpanProcessor:
    exporter = environ.get("OTEL_TRACES_EXPORTER", "").strip().lower() or "otlp"
    if exporter == "console":
        return SimpleSpanProcessor(ConsoleSpanExporter())
    if exporter != "otlp":
        raise TracingConfigError(
            f"OTEL_TRACES_EXPORTER={exporter!r} is not available: use otlp, console or none"
        )
    protocol = (
        environ.get("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL")
        or environ.get("OTEL_EXPORTER_OTLP_PROTOCOL")
        or "http/protobuf"
    ).strip()
    if protocol != "http/protobuf":
        raise TracingConfigError(
            f"OTEL_EXPORTER_OTLP_PROTOCOL={protocol!r} is not available: MediaOps exports "
            "OTLP over HTTP (http/protobuf); point it at the collector's HTTP port (4318)"
        )
    # Imported only when used: it reads OTEL_EXPORTER_OTLP_* itself.
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    return BatchSpanProcessor(OTLPSpanExporter())


def configure(
    service: str,
    *,
    exporter: SpanExporter | None = None,
    environ: Mapping[str, str] = os.environ,
) -> TracerProvider | None:
    """Set up this process's tracing for ``service`` if the variables ask for it (or an
    ``exporter`` is given: tests pass an in-memory one, whose spans are exported as each
    ends); None when tracing is off. Once per process: later calls return the same provider."""
    global _provider
    if _provider is not None:
        return _provider
    if exporter is None and not wanted(environ):
        return None
    resource = Resource.create({SERVICE_NAME: environ.get("OTEL_SERVICE_NAME") or service})
    provider = TracerProvider(resource=resource, sampler=_sampler(environ))
    provider.add_span_processor(
        SimpleSpanProcessor(exporter) if exporter is not None else _processor(environ)
    )
    _provider = provider
    return provider


def reset() -> None:
    """Forget this process's provider after flushing it (tests that configure their own)."""
    global _provider
    if _provider is not None:
        _provider.shutdown()
    _provider = None


def provider() -> TracerProvider | None:
    """This process's tracer provider, or None while tracing is off."""
    return _provider


def current_ids() -> tuple[str, str] | None:
    """The trace and span id (hex) of the span being recorded, for the log lines."""
    if _provider is None:
        return None
    context = trace.get_current_span().get_span_context()
    if not context.is_valid:
        return None
    return format(context.trace_id, "032x"), format(context.span_id, "016x")


RouteName = Callable[[Scope], str]


class _NameByRoute:
    """Inside the ASGI middleware: as the answer starts (the route is known, and the span not
    yet ended with the last body message), name the server span by the route that served it
    (``POST /v1/coupons/{code}/redeem``), never by the concrete path, so span names stay as
    bounded as the metrics' labels."""

    def __init__(self, app: ASGIApp, route_name: RouteName) -> None:
        self.app = app
        self.route_name = route_name

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        span = trace.get_current_span()

        async def naming_send(message: Message) -> None:
            if message["type"] == "http.response.start" and span.is_recording():
                route = self.route_name(scope)
                span.update_name(f"{scope['method']} {route}")
                span.set_attribute("http.route", route)
            await send(message)

        await self.app(scope, receive, naming_send)


def traced_app(app: ASGIApp, route_name: RouteName) -> ASGIApp:
    """``app`` with a server span per request, or ``app`` itself when tracing is off."""
    if _provider is None:
        return app
    return OpenTelemetryMiddleware(
        _NameByRoute(app, route_name),
        # Matched against scheme://host/path: the whole path, so /v1/metrics stays traced.
        excluded_urls=",".join(rf"^[a-z]+://[^/]+{re.escape(p)}$" for p in UNTRACED_PATHS),
        tracer_provider=_provider,
        exclude_spans=["receive", "send"],
    )


class TracingMiddleware:
    """``traced_app`` as a Starlette middleware class (``Middleware(TracingMiddleware, ...)``):
    the gateway's stacks add it outermost while tracing is on."""

    def __init__(self, app: ASGIApp, route_name: RouteName) -> None:
        self.app = traced_app(app, route_name)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app(scope, receive, send)


def trace_engine(sync_engine: Any) -> None:
    """A span per SQL statement run on this engine (the sync engine under an async one)."""
    if _provider is None:
        return
    from opentelemetry.instrumentation.sqlalchemy.engine import EngineTracer
    from opentelemetry.instrumentation.sqlalchemy.version import __version__
    from opentelemetry.metrics import NoOpMeter

    # SQLAlchemyInstrumentor would wrap ``create_async_engine`` for engines made afterwards,
    # which misses every module that imported the name before; the engine's own tracer (what
    # the instrumentor builds for an engine it is given) does not depend on import order.
    meter = NoOpMeter("servicekit.tracing")
    EngineTracer(  # type: ignore[no-untyped-call]
        _provider.get_tracer("opentelemetry.instrumentation.sqlalchemy", __version__),
        sync_engine,
        meter.create_up_down_counter("db.client.connections.usage"),
    )


_NO_SPAN: AbstractContextManager[object] = nullcontext()


def statement_span(sql: str) -> AbstractContextManager[object]:
    """A span for one SQL statement sent to the driver directly (``trace_engine`` sees only
    SQLAlchemy's), named and described as the engine's are; nothing when tracing is off."""
    if _provider is None:
        return _NO_SPAN
    tracer = _provider.get_tracer("servicekit.tracing")
    attributes = {"db.system": "postgresql", "db.statement": sql.strip()}
    name = sql.split(None, 1)[0].upper()
    return tracer.start_as_current_span(name, kind=SpanKind.CLIENT, attributes=attributes)


def trace_client(client: httpx.AsyncClient) -> httpx.AsyncClient:
    """``client`` with a client span per call and ``traceparent`` sent (when tracing is on)."""
    if _provider is not None:
        HTTPXClientInstrumentor.instrument_client(client, tracer_provider=_provider)
    return client


def start_client_span(
    name: str, headers: list[tuple[str, str]], attributes: Mapping[str, str | int]
) -> trace.Span | None:
    """A client span for a call made without an instrumented client (the gateway's
    pass-through), child of the span being recorded; its ``traceparent`` replaces the caller's
    in ``headers``. None, and ``headers`` left as they are, when tracing is off. End it with
    ``end_client_span``."""
    if _provider is None:
        return None
    tracer = _provider.get_tracer("servicekit.tracing")
    span = tracer.start_span(name, kind=SpanKind.CLIENT, attributes=dict(attributes))
    carrier: dict[str, str] = {}
    propagate.inject(carrier, context=trace.set_span_in_context(span))
    if carrier:
        injected = {key.lower() for key in carrier}
        headers[:] = [h for h in headers if h[0].lower() not in injected]
        headers.extend(carrier.items())
    return span


def end_client_span(
    span: trace.Span | None, *, status: int | None = None, error: BaseException | None = None
) -> None:
    """End a ``start_client_span`` span with the status the call got (5xx is an error) or the
    error that ended it."""
    if span is None:
        return
    if status is not None:
        span.set_attribute("http.response.status_code", status)
        if status >= 500:
            span.set_status(Status(StatusCode.ERROR))
    if error is not None:
        span.record_exception(error)
        span.set_status(Status(StatusCode.ERROR, type(error).__name__))
    span.end()


@contextmanager
def consumer_span(name: str, attributes: Mapping[str, str | int]) -> Iterator[None]:
    """A trace of one piece of background work taken from a queue (a publication the worker
    claimed): its statements and calls become its children."""
    if _provider is None:
        yield
        return
    tracer = _provider.get_tracer("servicekit.tracing")
    with tracer.start_as_current_span(name, kind=SpanKind.CONSUMER, attributes=dict(attributes)):
        yield
