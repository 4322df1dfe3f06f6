"""``python -m content_svc.worker`` as real processes: killed mid-delivery, and two at once."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from servicekit.testing.webhooks import Receiver

from .conftest import Seed, load

Spawn = Callable[..., "subprocess.Popen[bytes]"]
Condition = Callable[[], bool | Awaitable[bool]]


@pytest.fixture
def spawn(database_url: str, tmp_path: Path) -> Iterator[Spawn]:
    started: list[subprocess.Popen[bytes]] = []

    def start(name: str, **env: str) -> subprocess.Popen[bytes]:
        environment = {k: v for k, v in os.environ.items() if not k.startswith("CONTENT_")}
        environment.update(
            {
                "CONTENT_DATABASE_URL": database_url,
                "CONTENT_LOG_JSON": "false",
                "CONTENT_WORKER_POLL_INTERVAL_S": "0.1",
                "CONTENT_PUBLISH_BACKOFF_BASE_S": "0.1",
                "CONTENT_WEBHOOK_TIMEOUT_S": "4",
                "CONTENT_PUBLISH_LEASE_S": "5",
                "CONTENT_WECHAT_PUBLISH_WAIT_S": "3",
                "CONTENT_WEBHOOK_ALLOW_PRIVATE": "true",  # the receiver is on 127.0.0.1
                # These tests are about publishing; the relay's own tests start it.
                "CONTENT_RELAY_ENABLED": "false",
                # Several run at once: /healthz and /metrics only where a test asks for them.
                "CONTENT_WORKER_HTTP_PORT": "0",
                **env,
            }
        )
        log = (tmp_path / f"{name}.log").open("wb")
        proc = subprocess.Popen(
            [sys.executable, "-m", "content_svc.worker"],
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        started.append(proc)
        return proc

    yield start
    for proc in started:  # only the processes this test started, by their handle
        if proc.poll() is None:
            proc.kill()
            proc.wait()


async def wait_for(condition: Condition, timeout_s: float, what: str) -> None:
    deadline = asyncio.get_running_loop().time() + timeout_s
    while True:
        result = condition()
        if not isinstance(result, bool):
            result = await result
        if result:
            return
        assert asyncio.get_running_loop().time() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.05)


def stop(proc: subprocess.Popen[bytes]) -> int:
    proc.send_signal(signal.SIGTERM)
    return proc.wait(15)


async def test_worker_killed_mid_delivery_is_redelivered_with_the_same_delivery_id(
    receiver: Receiver, seed: Seed, spawn: Spawn, engine: AsyncEngine, tmp_path: Path
) -> None:
    receiver.delay_s = 2.0  # the answer is still on its way when the worker dies
    seeded = await seed(receiver.url)
    [pid] = seeded.publication_ids
    first = spawn("first")
    await wait_for(lambda: len(receiver.deliveries) == 1, 60, "the first delivery")
    first.kill()
    first.wait()
    held = await load(engine, pid)
    assert held.status == "publishing"
    assert held.attempts == 1

    second = spawn("second")

    async def published() -> bool:
        return (await load(engine, pid)).status == "published"

    await wait_for(published, 60, "the redelivery")  # after the 5 s lease ran out
    publication = await load(engine, pid)
    assert publication.attempts == 2
    assert receiver.ids() == [str(publication.delivery_id)] * 2
    assert stop(second) == 0
    log = (tmp_path / "second.log").read_text()
    assert "publisher worker started" in log
    assert "publisher worker stopped" in log


async def test_two_worker_processes_deliver_each_publication_once(
    receiver: Receiver, seed: Seed, spawn: Spawn, engine: AsyncEngine
) -> None:
    receiver.delay_s = 0.05
    seeded = await seed(receiver.url, count=30)
    workers = [spawn(f"w{i}", CONTENT_WORKER_BATCH_SIZE="2") for i in range(2)]

    async def all_published() -> bool:
        return all([(await load(engine, i)).status == "published" for i in seeded.publication_ids])

    await wait_for(all_published, 90, "every publication to be published")
    await asyncio.sleep(0.5)
    assert [stop(w) for w in workers] == [0, 0]
    ids = receiver.ids()
    assert len(ids) == 30
    assert len(set(ids)) == 30


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_a_sigterm_mid_delivery_finishes_what_was_claimed_and_health_is_served(
    receiver: Receiver, seed: Seed, spawn: Spawn, engine: AsyncEngine
) -> None:
    port = free_port()
    worker = spawn("graceful", CONTENT_WORKER_HTTP_PORT=str(port))
    first = await seed(receiver.url)
    await wait_for(lambda: len(receiver.deliveries) == 1, 60, "the first delivery")
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:

        async def settled() -> bool:
            return (await load(engine, first.publication_ids[0])).status == "published"

        await wait_for(settled, 30, "the first publication to be recorded")
        health = await client.get("/healthz")
        assert health.status_code == 200
        assert health.json()["status"] == "ok"
        metrics = (await client.get("/metrics")).text
        assert 'mediaops_publications_total{outcome="published",platform="xiaohongshu"} 1.0' in (
            metrics
        )
        assert 'mediaops_worker_polls_total{outcome="ok"}' in metrics

    receiver.delay_s = 2.0  # the platform takes its time: the signal meets the calls in flight
    rest = await seed(receiver.url, count=3)
    await wait_for(lambda: len(receiver.deliveries) == 4, 60, "the next deliveries")
    held = [await load(engine, pid) for pid in rest.publication_ids]
    assert {p.status for p in held} == {"publishing"}
    assert stop(worker) == 0

    after = [await load(engine, pid) for pid in rest.publication_ids]
    assert [(p.status, p.attempts, p.lease_until) for p in after] == [("published", 1, None)] * 3
    assert len(set(receiver.ids())) == 4  # each sent once
    with pytest.raises(httpx.ConnectError):  # and the health server went with it
        httpx.get(f"http://127.0.0.1:{port}/healthz")
