"""One redeem through a real gateway and a real campaign-svc process, both configured only by
the standard ``OTEL_*`` variables, exporting OTLP over HTTP to a collector this test runs (which
keeps the spans in memory): the gateway's server and client spans, campaign-svc's server span
and its SQL spans, all under the caller's trace id, each the child it should be."""

from __future__ import annotations

import gzip
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)
from opentelemetry.proto.trace.v1.trace_pb2 import Span

from .conftest import make_token
from .stack import Stack

TRACE_ID = "5b8efff798038103d269b633813fc60c"
CALLER_SPAN_ID = "eee19b7ec3c1b174"


@dataclass
class Received:
    service: str
    span: Span

    @property
    def trace_id(self) -> str:
        return self.span.trace_id.hex()

    @property
    def span_id(self) -> str:
        return self.span.span_id.hex()

    @property
    def parent_id(self) -> str:
        return self.span.parent_span_id.hex()

    def attribute(self, key: str) -> str:
        for kv in self.span.attributes:
            if kv.key == key:
                return str(kv.value.string_value or kv.value.int_value)
        return ""


class Collector:
    """The OTLP/HTTP traces endpoint of a collector, keeping what it receives in memory."""

    def __init__(self) -> None:
        self.spans: list[Received] = []
        self.lock = threading.Lock()
        collector = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if self.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                request = ExportTraceServiceRequest.FromString(body)
                with collector.lock:
                    for resource_spans in request.resource_spans:
                        service = next(
                            kv.value.string_value
                            for kv in resource_spans.resource.attributes
                            if kv.key == "service.name"
                        )
                        for scope_spans in resource_spans.scope_spans:
                            collector.spans.extend(
                                Received(service, span) for span in scope_spans.spans
                            )
                answer = ExportTraceServiceResponse().SerializeToString()
                self.send_response(200)
                self.send_header("Content-Type", "application/x-protobuf")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *_: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def of_trace(self, trace_id: str) -> list[Received]:
        with self.lock:
            return [r for r in self.spans if r.trace_id == trace_id]


@pytest.fixture(scope="module")
def collector() -> Iterator[Collector]:
    received = Collector()
    thread = threading.Thread(target=received.server.serve_forever, daemon=True)
    thread.start()
    yield received
    received.server.shutdown()


@pytest.fixture(scope="module")
def traced_gateway(stack: Stack, collector: Collector) -> Iterator[str]:
    otel = {
        "OTEL_EXPORTER_OTLP_ENDPOINT": collector.url,
        "OTEL_BSP_SCHEDULE_DELAY": "100",  # ms: export soon after each span ends
    }
    stack.extra_env["campaign-traced"] = otel
    stack.start("campaign-traced")
    try:
        url = stack.start_gateway(
            "gateway-traced", {**otel, "GATEWAY_CAMPAIGN_URL": stack.url("campaign-traced")}
        )
        try:
            yield url
        finally:
            stack.stop("gateway-traced")
    finally:
        stack.stop("campaign-traced")


def test_a_redeem_through_the_gateway_is_one_trace_down_to_its_sql(
    api: httpx.Client, workspace: str, traced_gateway: str, collector: Collector
) -> None:
    batch = api.post(
        "/v1/coupon-batches",
        json={"name": "traced", "discount_type": "fixed", "amount_off": 500, "total_quantity": 1,
              "valid_days": 7, "code_prefix": "TR"},
    )  # fmt: skip
    assert batch.status_code == 201, batch.text
    claim = api.post(
        f"/v1/coupon-batches/{batch.json()['id']}/claims", json={"customer_id": "traced-1"}
    )
    assert claim.status_code == 201, claim.text
    code = claim.json()["code"]

    redeemed = httpx.post(
        f"{traced_gateway}/v1/coupons/{code}/redeem",
        json={"customer_id": "traced-1", "order_id": "traced-order", "order_amount": 9000},
        headers={
            "Authorization": f"Bearer {make_token(workspace)}",
            "Idempotency-Key": f"traced-{uuid.uuid4().hex}",
            "traceparent": f"00-{TRACE_ID}-{CALLER_SPAN_ID}-01",
        },
        timeout=10,
    )
    assert redeemed.status_code == 201, redeemed.text

    deadline = time.monotonic() + 15
    spans: list[Received] = []
    while time.monotonic() < deadline:
        spans = collector.of_trace(TRACE_ID)
        if any(r.service == "campaign" and r.span.kind == Span.SPAN_KIND_SERVER for r in spans):
            if any(r.service == "gateway" and r.span.kind == Span.SPAN_KIND_SERVER for r in spans):
                break
        time.sleep(0.1)

    def one(service: str, kind: int) -> Received:
        found = [r for r in spans if r.service == service and r.span.kind == kind]
        assert len(found) == 1, [(r.service, r.span.name) for r in spans]
        return found[0]

    gateway = one("gateway", Span.SPAN_KIND_SERVER)
    assert gateway.parent_id == CALLER_SPAN_ID
    assert gateway.span.name == "POST /v1/coupons"
    proxied = one("gateway", Span.SPAN_KIND_CLIENT)
    assert proxied.parent_id == gateway.span_id
    assert proxied.attribute("http.response.status_code") == "201"
    service = one("campaign", Span.SPAN_KIND_SERVER)
    assert service.parent_id == proxied.span_id
    assert service.span.name == "POST /v1/coupons/{code}/redeem"
    statements = [r for r in spans if r.service == "campaign" and r.attribute("db.statement")]
    assert statements, [(r.service, r.span.name) for r in spans]
    assert all(r.parent_id == service.span_id for r in statements)
    sql = " ".join(r.attribute("db.statement") for r in statements)
    assert "coupon" in sql
    assert "UPDATE" in sql.upper()
    # The caller's request never went through the traced processes' neighbours: nothing of
    # this trace came from anywhere else.
    assert {r.service for r in spans} == {"gateway", "campaign"}
