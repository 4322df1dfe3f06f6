"""Long work as jobs through the real gateway and real processes: a batch of 1,000,000 codes, an
import of 20,000 members and an export of the 1,000,000 codes each answer 202, show their
progress moving, are SIGKILLed mid-way with their service, and finish after the restart with
exact results: 1,000,000 distinct codes, 20,000 members, a file of 1,000,000 rows and its
header. Re-submitting with the same Idempotency-Key gives the same job."""

from __future__ import annotations

import asyncio
import csv
import hashlib
import logging
import time
from typing import Any

import httpx
from sqlalchemy import NullPool, text
from sqlalchemy.ext.asyncio import create_async_engine

from servicekit.db import async_url

from .helpers import ok
from .stack import Stack

log = logging.getLogger(__name__)

MILLION = 1_000_000
MEMBERS = 20_000
JOB_DEADLINE_S = 300.0


def query(url: str, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` on one service's database (read-only checks beside the API)."""

    async def run() -> list[tuple[Any, ...]]:
        engine = create_async_engine(async_url(url), poolclass=NullPool)
        try:
            async with engine.connect() as conn:
                return [tuple(r) for r in await conn.execute(text(sql), params)]
        finally:
            await engine.dispose()

    return asyncio.run(run())


class Progress:
    """A job followed through the gateway: every ``done`` it showed, in order."""

    def __init__(self, api: httpx.Client, location: str) -> None:
        self.api = api
        self.location = location
        self.seen: list[int] = []

    def read(self) -> dict[str, Any]:
        # Right after a restart the gateway's first tries may meet the dead process: retry.
        for _ in range(50):
            r = self.api.get(self.location)
            if r.status_code == 200:
                job: dict[str, Any] = r.json()
                self.seen.append(job["done"])
                return job
            assert r.status_code in (502, 503, 504), r.text
            time.sleep(0.2)
        raise AssertionError(f"{self.location} unreachable: {r.status_code} {r.text}")

    def until(self, reached: int, timeout_s: float = JOB_DEADLINE_S) -> dict[str, Any]:
        """Poll until ``done`` is at least ``reached`` (and the job still running, when that
        is less than its total)."""
        deadline = time.monotonic() + timeout_s
        while True:
            job = self.read()
            assert job["status"] != "failed", job
            if job["done"] >= reached:
                return job
            assert time.monotonic() < deadline, f"{self.location} stuck at {job}"
            time.sleep(0.2)

    def finished(self, timeout_s: float = JOB_DEADLINE_S) -> dict[str, Any]:
        deadline = time.monotonic() + timeout_s
        while True:
            job = self.read()
            if job["status"] in ("succeeded", "failed"):
                assert self.seen == sorted(self.seen), "done went back"
                return job
            assert time.monotonic() < deadline, f"{self.location} not done: {job}"
            time.sleep(0.3)


def kill_and_restart(stack: Stack, *names: str) -> None:
    """SIGKILL the processes (no shutdown code runs, their leases stay) and start them again."""
    for name in names:
        stack.kill(name)
    for name in names:
        stack.start(name)


def attempts(stack: Stack, service: str, job_id: str) -> int:
    row_id = job_id.split("-", 1)[1]
    [(count,)] = query(
        stack.database_urls[service], "SELECT attempts FROM job WHERE id = :id", id=row_id
    )
    return int(count)


def members_csv(count: int) -> bytes:
    lines = ["external_id,display_name,role,tags"]
    lines += [f"wx_{n:06d},成员{n},member,{'宝妈' if n % 2 else '早鸟'}" for n in range(count)]
    return ("\n".join(lines) + "\n").encode()


def batch_body() -> dict[str, Any]:
    return {
        "name": "百万券 · 双十一",
        "discount_type": "fixed",
        "amount_off": 500,
        "total_quantity": MILLION,
        "valid_days": 30,
        "code_prefix": "MX",
        "code_length": 10,
    }


def test_a_million_codes_and_20000_members_finish_exact_after_a_sigkill(
    stack: Stack, api: httpx.Client
) -> None:
    started = time.monotonic()
    key = {"Idempotency-Key": f"million-{time.time_ns()}"}
    submitted = api.post("/v1/coupon-batches", json=batch_body(), headers=key)
    generation = ok(submitted, 202)
    assert submitted.headers["location"] == f"/v1/jobs/{generation['id']}"
    assert generation["id"].startswith("campaign-")
    batch_id = generation["result"]["batch_id"]
    # The batch exists at once; the same key and body give the same job.
    assert ok(api.get(f"/v1/coupon-batches/{batch_id}"))["total_quantity"] == MILLION
    again = api.post("/v1/coupon-batches", json=batch_body(), headers=key)
    assert (again.status_code, again.json()["id"]) == (202, generation["id"])

    group = ok(api.post("/v1/groups", json=group_body()), 201)
    upload = members_csv(MEMBERS)
    imported = ok(
        api.post(
            f"/v1/groups/{group['id']}/member-imports",
            content=upload,
            headers={"Content-Type": "text/csv", "Idempotency-Key": f"import-{time.time_ns()}"},
        ),
        202,
    )
    assert (imported["total"], imported["id"][:10]) == (MEMBERS, "community-")

    codes = Progress(api, f"/v1/jobs/{generation['id']}")
    members = Progress(api, f"/v1/jobs/{imported['id']}")
    # Both move, and are killed mid-way with their services.
    codes.until(100_000)
    members.until(2_000)
    kill_and_restart(stack, "campaign", "community")
    log.info("killed at %s codes and %s members", codes.seen[-1], members.seen[-1])

    made = codes.finished()
    joined = members.finished()
    log.info("codes and members done after %.0f s", time.monotonic() - started)
    assert made["status"] == "succeeded", made
    assert (made["done"], made["total"], made["error_count"]) == (MILLION, MILLION, 0)
    assert made["result"] == {"batch_id": batch_id, "generated": MILLION}
    assert len(set(codes.seen)) > 3  # progress was seen moving, before and after the kill
    assert attempts(stack, "campaign", generation["id"]) >= 2  # taken over after the kill
    [(rows, distinct)] = query(
        stack.database_urls["campaign"],
        "SELECT count(*), count(DISTINCT code) FROM coupon WHERE batch_id = :id",
        id=batch_id,
    )
    assert (rows, distinct) == (MILLION, MILLION)
    assert ok(api.get(f"/v1/coupon-batches/{batch_id}"))["generated_count"] == MILLION

    assert joined["status"] == "succeeded", joined
    assert joined["result"] == {"received": MEMBERS, "imported": MEMBERS, "rejected": 0}
    assert (joined["done"], joined["error_count"]) == (MEMBERS, 0)
    assert attempts(stack, "community", imported["id"]) >= 2
    assert ok(api.get(f"/v1/groups/{group['id']}"))["member_count"] == MEMBERS
    [(count, people)] = query(
        stack.database_urls["community"],
        "SELECT count(*), count(DISTINCT external_id) FROM member WHERE group_id = :id",
        id=group["id"],
    )
    assert (count, people) == (MEMBERS, MEMBERS)

    export_the_million(stack, api, batch_id)
    log.info("exported after %.0f s in all", time.monotonic() - started)


def export_the_million(stack: Stack, api: httpx.Client, batch_id: str) -> None:
    key = {"Idempotency-Key": f"export-{time.time_ns()}"}
    export = ok(api.post(f"/v1/coupon-batches/{batch_id}/exports", headers=key), 202)
    again = api.post(f"/v1/coupon-batches/{batch_id}/exports", headers=key)
    assert (again.status_code, again.json()["id"]) == (202, export["id"])
    assert (export["kind"], export["total"]) == ("export_coupon_codes", MILLION)

    progress = Progress(api, f"/v1/jobs/{export['id']}")
    progress.until(100_000)
    kill_and_restart(stack, "campaign")
    log.info("killed the export at %s rows", progress.seen[-1])
    written = progress.finished()
    assert written["status"] == "succeeded", written
    assert (written["done"], written["result"]) == (
        MILLION,
        {"batch_id": batch_id, "rows": MILLION},
    )
    assert written["result_url"] == f"/v1/jobs/{export['id']}/result"
    assert attempts(stack, "campaign", export["id"]) >= 2

    # Read as it streams, a line at a time: the header and a million rows, each code once,
    # and exactly the batch's codes.
    header: list[str] = []
    codes: set[str] = set()
    rows = 0
    with api.stream("GET", written["result_url"], timeout=120.0) as r:
        assert r.status_code == 200
        assert r.headers["content-type"] == "text/csv; charset=utf-8"
        for row in csv.reader(r.iter_lines()):
            if not header:
                header = row
                continue
            rows += 1
            codes.add(row[0])
    assert header == ["code", "status", "customer_id", "claimed_at", "valid_until"]
    assert (rows, len(codes)) == (MILLION, MILLION)
    [(digest,)] = query(
        stack.database_urls["campaign"],
        "SELECT md5(string_agg(code, E'\\n' ORDER BY code COLLATE \"C\")) FROM coupon "
        "WHERE batch_id = :id",
        id=batch_id,
    )
    assert hashlib.md5("\n".join(sorted(codes)).encode()).hexdigest() == digest


def group_body() -> dict[str, Any]:
    return {
        "name": "两万人大群",
        "platform": "wechat_group",
        "kind": "product",
        "capacity": MEMBERS,
        "timezone": "Asia/Shanghai",
    }
