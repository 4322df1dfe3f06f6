"""The gateway run with two worker processes (WEB_CONCURRENCY=2, as scripts/run and the images
start every app on a two-core machine): it serves through both, its /metrics sums them, and a
workspace's rate limit still holds across them, in process memory and in Redis."""

from __future__ import annotations

import json
import os
import signal
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from prometheus_client.mmap_dict import MmapedDict

from servicekit.testing.metrics import sample

from .conftest import make_token
from .stack import Stack

READ_PER_MINUTE = 60
READ_BURST = 6  # 6 reads in any 6 s: 3 per process in memory


def _children(pid: int) -> list[str]:
    """The command lines of a process's children (Linux /proc)."""
    proc = Path("/proc")
    ids = [
        child
        for task in (proc / str(pid) / "task").iterdir()
        for child in (task / "children").read_text().split()
    ]
    return [(proc / child / "cmdline").read_bytes().replace(b"\0", b" ").decode() for child in ids]


def _gateway(stack: Stack, name: str, env: dict[str, str]) -> Iterator[str]:
    try:
        url = stack.start_gateway(name, {"WEB_CONCURRENCY": "2", **env})
        # uvicorn's supervisor and its two workers (spawned; beside them multiprocessing's
        # resource tracker), each serving the app.
        children = _children(stack.procs[name].pid)
        workers = [cmdline for cmdline in children if "spawn_main" in cmdline]
        assert len(workers) == 2, children
        yield url
    finally:
        if name in stack.procs:
            stack.stop(name)


@pytest.fixture(scope="module")
def metrics_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("prometheus-gateway")


@pytest.fixture(scope="module")
def in_memory(stack: Stack, metrics_dir: Path) -> Iterator[str]:
    yield from _gateway(
        stack,
        "gateway-workers",
        {
            "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
            "GATEWAY_RATE_LIMIT_READ_PER_MINUTE": str(READ_PER_MINUTE),
            "GATEWAY_RATE_LIMIT_READ_BURST": str(READ_BURST),
        },
    )


@pytest.fixture(scope="module")
def with_redis(stack: Stack, redis_url: str) -> Iterator[str]:
    yield from _gateway(
        stack,
        "gateway-workers-redis",
        {
            "GATEWAY_REDIS_URL": redis_url,
            "GATEWAY_REDIS_KEY_PREFIX": f"e2e-workers-{uuid.uuid4().hex}",
            # A busy test machine may hold a Redis answer past the default 0.25 s, and the
            # limiter would then decide in memory: this test is about the shared budget.
            "GATEWAY_REDIS_TIMEOUT_S": "5",
            "GATEWAY_RATE_LIMIT_READ_PER_MINUTE": str(READ_PER_MINUTE),
            "GATEWAY_RATE_LIMIT_READ_BURST": str(READ_BURST),
        },
    )


def _fresh_connection_gets(url: str, workspace: str, n: int) -> list[httpx.Response]:
    """``n`` reads, each on its own connection, 8 at a time: spread over the processes."""
    headers = {"Authorization": f"Bearer {make_token(workspace)}"}

    def one(_: int) -> httpx.Response:
        return httpx.get(url + "/v1/channels", headers=headers, timeout=60.0)

    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(one, range(n)))


def _served_by(metrics_dir: Path) -> dict[int, float]:
    """Requests for /v1/channels each worker process counted, from its multiprocess file."""
    counts: dict[int, float] = {}
    for path in metrics_dir.glob("counter_*.db"):
        pid = int(path.stem.split("_")[1])
        for key, value, *_ in MmapedDict.read_all_values_from_file(str(path)):  # type: ignore[no-untyped-call]
            _, name, labels, _ = json.loads(key)
            if name == "mediaops_http_requests_total" and labels.get("route") == "/v1/channels":
                counts[pid] = counts.get(pid, 0.0) + value
    return counts


def test_two_workers_serve_and_metrics_sum_them(
    in_memory: str, metrics_dir: Path, workspace: str
) -> None:
    first = _fresh_connection_gets(in_memory, workspace, 20)
    assert {r.status_code for r in first} <= {200, 429}
    served_first = {pid for pid, n in _served_by(metrics_dir).items() if n > 0}
    paused = served_first.pop() if len(served_first) == 1 else None
    if paused is not None:
        # An idle server's accepts may all go to one process: pause the one that answered,
        # and the other worker answers the next requests on its own.
        os.kill(paused, signal.SIGSTOP)
    try:
        second = _fresh_connection_gets(in_memory, workspace, 20)
    finally:
        if paused is not None:
            os.kill(paused, signal.SIGCONT)
    assert {r.status_code for r in second} <= {200, 429}
    served = _served_by(metrics_dir)
    assert len([pid for pid, n in served.items() if n > 0]) >= 2, served
    assert sum(served.values()) == 40
    exposition = httpx.get(in_memory + "/metrics").text
    total = sum(
        sample(
            exposition,
            "mediaops_http_requests_total",
            service="gateway",
            method="GET",
            route="/v1/channels",
            status=status,
        )
        for status in ("200", "429")
    )
    assert total == 40  # every worker's count, whichever process answered the scrape


def test_in_memory_the_workers_together_never_exceed_the_budget(
    in_memory: str, workspace: str
) -> None:
    statuses = [r.status_code for r in _fresh_connection_gets(in_memory, workspace, 20)]
    admitted = statuses.count(200)
    # Each process admits its share (6 // 2); the two together at most the budget.
    assert READ_BURST // 2 <= admitted <= READ_BURST, statuses
    assert statuses.count(429) == 20 - admitted


def test_with_redis_the_workers_share_exactly_the_budget(with_redis: str, workspace: str) -> None:
    statuses = [r.status_code for r in _fresh_connection_gets(with_redis, workspace, 20)]
    assert statuses.count(200) == READ_BURST, statuses
    assert statuses.count(429) == 20 - READ_BURST


def test_every_line_of_the_supervisor_and_its_workers_is_json(in_memory: str, stack: Stack) -> None:
    """uvicorn's supervisor never loads the app, so only the log config makes its lines JSON."""
    assert httpx.get(in_memory + "/healthz").status_code == 200
    lines = [json.loads(line) for line in stack.log_text("gateway-workers").splitlines() if line]
    events = [str(line["event"]) for line in lines]
    assert all(line["service"] == "gateway" for line in lines), lines
    assert any(e.startswith("Started parent process") for e in events), events
    assert len([e for e in events if e.startswith("Started server process")]) == 2, events
