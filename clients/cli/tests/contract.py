"""A small HTTP server that speaks the jobs contract the CLI follows, on 127.0.0.1 (real HTTP:
the CLI under test is a real process talking to it). Its answers have the API's shapes (kinds,
ids, results as campaign-svc and community-svc give them; ``test_contract.py`` reads them with
the SDK's models, generated from the API document); ``tests/e2e/test_cli_jobs.py`` runs the
same commands against the real stack.

    POST /v1/coupon-batches               201 batch, or 202 job past 100,000 codes
    POST /v1/coupon-batches/{id}/exports  202 job whose CSV is at result_url
    POST /v1/groups/{id}/member-imports   text/csv → 202 job (rows with no external_id: errors)
    GET  /v1/jobs/{id}                    the job, advanced by one step at each look
    GET  /v1/jobs/{id}/result             the export's CSV, streamed in chunks

Each POST honours its Idempotency-Key (the same key answers the same job, replayed). A job
advances ``step`` units a look, so a client that follows it sees ``done`` grow to ``total``;
``outage`` makes the next looks at a job a 503, as the gateway answers while the service
restarts."""

from __future__ import annotations

import json
import re
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

TOKEN = "contract-token"
SYNC_CAP = 100_000
GROUP: dict[str, str] = {"id": "6f1f7c1e-8d55-4a53-9d35-2b5c0c8f9a01", "name": "双11福利群"}
BATCH: dict[str, Any] = {
    "id": "0b8d3c55-1f6e-4b7a-9c43-5d2e1a7f6b10",
    "name": "满199减20",
    "total_quantity": 3,
}
# Every field of CouponBatchRead: the SDK reads a 201 by its schema.
BATCH_READ = {
    **BATCH, "campaign_id": None, "discount_type": "fixed", "amount_off": 2000,
    "percent_off": None, "max_discount": None, "min_spend": 0, "currency": "CNY",
    "generated_count": 3, "claimed_count": 0, "per_customer_limit": 1, "valid_from": None,
    "valid_until": None, "valid_days": 30, "code_prefix": "", "code_length": 10,
    "created_at": "2026-11-11T02:00:00Z",
}  # fmt: skip
EXPORT_CSV = "code,status\r\nDD-AAAA,available\r\nDD-BBBB,claimed\r\nDD-CCCC,available\r\n"


# The jobs' kinds as the services name them (CouponJobKind, MemberJobKind), each with the
# service whose prefix its id carries.
GENERATE = "generate_coupon_codes"
EXPORT = "export_coupon_codes"
IMPORT = "import_members"
SERVICE = {GENERATE: "campaign", EXPORT: "campaign", IMPORT: "community"}


@dataclass
class Job:
    id: str
    kind: str
    total: int
    step: int
    errors: list[dict[str, Any]] = field(default_factory=list)
    fail: bool = False
    # The result once it has succeeded; ``early``: what it shows before (a generation's batch).
    result: Any = None
    early: Any = None
    done: int = 0
    status: str = "queued"
    looks: list[int] = field(default_factory=list)

    def advance(self) -> None:
        if self.status in ("succeeded", "failed"):
            return
        self.done = min(self.total, self.done + self.step)
        self.status = "running"
        if self.fail and self.done >= self.total // 2:
            self.status = "failed"
            self.errors.append({"at": "job", "message": "the database went away"})
        elif self.done >= self.total:
            self.status = "succeeded"
        self.looks.append(self.done)

    def body(self) -> dict[str, Any]:
        finished = self.status in ("succeeded", "failed")
        return {
            "id": self.id,
            "kind": self.kind,
            "status": self.status,
            "done": self.done,
            "total": self.total,
            "errors": self.errors,
            "error_count": len(self.errors),
            "result": self.result if self.status == "succeeded" else self.early,
            "result_url": f"/v1/jobs/{self.id}/result"
            if self.status == "succeeded" and self.kind == EXPORT
            else None,
            "created_at": "2026-11-11T02:00:00Z",
            "started_at": "2026-11-11T02:00:01Z",
            "finished_at": "2026-11-11T02:00:09Z" if finished else None,
        }


@dataclass
class Contract:
    url: str = ""
    jobs: dict[str, Job] = field(default_factory=dict)
    by_key: dict[str, Job] = field(default_factory=dict)
    requests: list[dict[str, Any]] = field(default_factory=list)
    step: int = 250_000
    fail_next: bool = False
    outage: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def start_job(self, key: str | None, kind: str, **kwargs: Any) -> tuple[Job, bool]:
        with self.lock:
            if key and key in self.by_key:
                return self.by_key[key], True
            fail, self.fail_next = self.fail_next, False
            job = Job(id=f"{SERVICE[kind]}-{uuid.uuid4()}", kind=kind, fail=fail, **kwargs)
            self.jobs[job.id] = job
            if key:
                self.by_key[key] = job
            return job, False


def _problem(status: int, title: str, detail: str) -> tuple[int, dict[str, Any]]:
    return status, {"type": "about:blank", "title": title, "status": status, "detail": detail}


def _handler(contract: Contract) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
            data = json.dumps(body, ensure_ascii=False).encode()
            self.send_response(status)
            is_problem = status >= 400
            kind = "application/problem+json" if is_problem else "application/json"
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def _job(self, job: Job, replayed: bool) -> None:
            headers = {"Location": f"/v1/jobs/{job.id}"}
            if replayed:
                headers["Idempotent-Replayed"] = "true"
            self._send(202, job.body(), headers)

        def _authorised(self) -> bool:
            if self.headers.get("Authorization") == f"Bearer {TOKEN}":
                return True
            self._send(*_problem(401, "Unauthorized", "no valid bearer token"))
            return False

        def _record(self, body: bytes) -> None:
            contract.requests.append(
                {
                    "method": self.command,
                    "path": self.path,
                    "headers": dict(self.headers),
                    "body": body,
                }
            )

        def do_GET(self) -> None:
            self._record(b"")
            if not self._authorised():
                return
            path = self.path.split("?", 1)[0]
            if path == "/v1/dashboard":
                self._send(200, {"tz": "UTC", "today": "2026-11-11"})
            elif path == f"/v1/groups/{GROUP['id']}":
                self._send(200, GROUP)
            elif path == f"/v1/coupon-batches/{BATCH['id']}":
                self._send(200, BATCH)
            elif m := re.fullmatch(r"/v1/jobs/([^/]+)/result", path):
                self._result(m[1])
            elif (m := re.fullmatch(r"/v1/jobs/([^/]+)", path)) and m[1] in contract.jobs:
                job = contract.jobs[m[1]]
                with contract.lock:
                    away = contract.outage > 0
                    contract.outage -= away
                    if not away:
                        job.advance()
                if away:
                    self._send(*_problem(503, "Service Unavailable", "campaign is unavailable"))
                else:
                    self._send(200, job.body())
            else:
                self._send(*_problem(404, "Not Found", f"{path} not found in this workspace"))

        def _result(self, job_id: str) -> None:
            job = contract.jobs.get(job_id)
            if job is None or job.status != "succeeded":
                self._send(*_problem(404, "Not Found", "no result"))
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/csv; charset=utf-8")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            data = EXPORT_CSV.encode()
            for start in range(0, len(data), 7):  # streamed: several small chunks
                chunk = data[start : start + 7]
                self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self._record(body)
            if not self._authorised():
                return
            key = self.headers.get("Idempotency-Key")
            path = self.path
            if path == "/v1/coupon-batches":
                batch = json.loads(body)
                quantity = batch["total_quantity"]
                if quantity <= SYNC_CAP:
                    self._send(201, {**BATCH_READ, **batch, "id": str(uuid.uuid4())})
                    return
                job, replayed = contract.start_job(
                    key,
                    GENERATE,
                    total=quantity,
                    step=contract.step,
                    early={"batch_id": BATCH["id"]},
                    result={"batch_id": BATCH["id"], "generated": quantity},
                )
                self._job(job, replayed)
            elif path == f"/v1/coupon-batches/{BATCH['id']}/exports":
                job, replayed = contract.start_job(
                    key, EXPORT, total=3, step=1, result={"batch_id": BATCH["id"], "rows": 3}
                )
                self._job(job, replayed)
            elif path == f"/v1/groups/{GROUP['id']}/member-imports":
                if not self.headers.get("Content-Type", "").startswith("text/csv"):
                    self._send(*_problem(415, "Unsupported Media Type", "send text/csv"))
                    return
                lines = body.decode().splitlines()[1:]
                errors = [
                    {"at": f"line {number}", "message": "external_id: Field required"}
                    for number, line in enumerate(lines, start=2)
                    if line.startswith(",")
                ]
                job, replayed = contract.start_job(
                    key,
                    IMPORT,
                    total=len(lines),
                    step=max(1, len(lines) // 4),
                    errors=errors,
                    result={
                        "received": len(lines),
                        "imported": len(lines) - len(errors),
                        "rejected": len(errors),
                    },
                )
                self._job(job, replayed)
            else:
                self._send(*_problem(404, "Not Found", "No such resource or route."))

    return Handler


@contextmanager
def serve() -> Iterator[Contract]:
    contract = Contract()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(contract))
    contract.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield contract
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
