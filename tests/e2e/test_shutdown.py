"""Graceful shutdown: a SIGTERM to a service under steady load fails no request that had started.
(The publisher worker's: services/content-svc/tests/publishing/test_worker_process.py.)"""

from __future__ import annotations

import json
import signal
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import httpx

from .stack import INTERNAL_TOKEN, Stack

CLIENTS = 8
# A request counts as started once it has been on the wire this long before the signal (the
# server reads a request's head as soon as it arrives; this leaves room for the scheduler).
ON_THE_WIRE_S = 0.1


@dataclass
class Call:
    started: float
    ended: float
    outcome: str  # the status code, or the error's class name
    channel_id: str | None = None


def slow_body(payload: bytes, pieces: int = 5, pause_s: float = 0.1) -> Iterator[bytes]:
    """The body sent in pieces over about half a second: the request is in flight, its head
    read, while the rest arrives."""
    step = max(1, len(payload) // pieces + 1)
    for i in range(0, len(payload), step):
        yield payload[i : i + step]
        time.sleep(pause_s)


def steady_load(url: str, workspace: str, stop: threading.Event, calls: list[Call]) -> None:
    headers = {
        "X-Internal-Token": INTERNAL_TOKEN,
        "X-Workspace-Id": workspace,
        "X-Actor-Id": "e2e-shutdown",
        "X-Scopes": "content:read content:write",
    }
    with httpx.Client(base_url=url, headers=headers, timeout=10.0) as client:
        n = 0
        while not stop.is_set():
            n += 1
            started = time.monotonic()
            channel_id = None
            try:
                if n % 2:
                    body = {
                        "platform": "weibo",
                        "name": "微博",
                        "handle": f"sd-{uuid.uuid4().hex[:10]}",
                    }
                    r = client.post(
                        "/v1/channels",
                        content=slow_body(json.dumps(body).encode()),
                        headers={"Content-Type": "application/json"},
                    )
                    if r.status_code == 201:
                        channel_id = r.json()["id"]
                else:
                    r = client.get("/v1/channels", params={"limit": 3})
                outcome = str(r.status_code)
            except httpx.HTTPError as exc:
                outcome = type(exc).__name__
                time.sleep(0.05)  # the server is gone: do not spin
            calls.append(Call(started, time.monotonic(), outcome, channel_id))


def test_a_sigterm_under_steady_load_fails_no_request_that_had_started(
    stack: Stack, api: httpx.Client, workspace: str
) -> None:
    name = "content-2"  # a second process of content-svc, on the same database
    stack.start(name)
    proc = stack.procs[name]
    stop = threading.Event()
    calls: list[Call] = []
    threads = [
        threading.Thread(target=steady_load, args=(stack.url(name), workspace, stop, calls))
        for _ in range(CLIENTS)
    ]
    for thread in threads:
        thread.start()
    try:
        time.sleep(1.5)
        signalled = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        exit_code = proc.wait(30)
        time.sleep(0.3)  # the clients meet the closed port for a moment
    finally:
        stop.set()
        for thread in threads:
            thread.join(15)
        stack.procs.pop(name, None)
        if proc.poll() is None:
            proc.kill()

    # Uvicorn ends by raising the signal it caught again, once its shutdown is complete.
    assert exit_code in (0, -signal.SIGTERM)
    # Every line the process wrote is JSON, uvicorn's own included (its --log-config).
    lines = [json.loads(line) for line in stack.log_text(name).splitlines() if line.strip()]
    events = [line["event"] for line in lines if line["service"] == "content"]
    assert any(event.startswith("Started server process") for event in events), events
    assert "Application shutdown complete." in events
    started_before = [c for c in calls if c.started < signalled - ON_THE_WIRE_S]
    failed = [c for c in started_before if c.outcome not in ("200", "201")]
    assert not failed, failed
    in_flight = [c for c in started_before if c.ended > signalled]
    summary = [
        (round(c.started - signalled, 2), round(c.ended - signalled, 2), c.outcome) for c in calls
    ]
    assert len(in_flight) >= CLIENTS // 2, f"the signal met too few requests: {summary}"
    # The writes it finished are stored: another process of the service reads each one.
    written = [c.channel_id for c in started_before if c.channel_id]
    assert written
    for channel_id in written:
        assert api.get(f"/v1/channels/{channel_id}").status_code == 200
    # And after the signal nothing got an answer from a half-stopped server: a later call was
    # either served in full or refused at connect.
    later = {c.outcome for c in calls if c.started > signalled}
    assert later <= {"200", "201", "ConnectError"}, later
