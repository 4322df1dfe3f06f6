"""Coupon batches' jobs: a batch beyond the synchronous cap answers 202 and its job makes every
code exactly once; an export job writes every code once, and its file is what codes.csv
streams; both follow Idempotency-Key. The sizes are small: the cap and the chunks are lowered
for the tests (the end-to-end suite runs a million codes through the real processes)."""

import asyncio
import csv
import io
import re
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from campaign_svc.coupons import service
from campaign_svc.coupons.codes import ALPHABET
from campaign_svc.models import Coupon, CouponBatch, Job, JobResultPart

from .helpers import claim, create_batch, fixed_batch

pytestmark = pytest.mark.campaign_env(CAMPAIGN_JOB_POLL_INTERVAL_S="0.05")

CAP = 50


@pytest.fixture(autouse=True)
def small_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches above 50 codes go to a job, which makes and exports 20 codes a chunk."""
    monkeypatch.setattr(service, "MAX_BATCH_QUANTITY", CAP)
    monkeypatch.setattr(service, "GENERATION_JOB_CHUNK", 20)
    monkeypatch.setattr(service, "EXPORT_JOB_CHUNK", 20)


async def finished(client: httpx.AsyncClient, location: str) -> dict[str, Any]:
    """The job at ``location`` once it has ended; every ``done`` seen on the way only grew."""
    seen: list[int] = []
    for _ in range(600):
        job: dict[str, Any] = (await client.get(location)).json()
        seen.append(job["done"])
        if job["status"] in ("succeeded", "failed"):
            assert seen == sorted(seen), seen
            return job
        await asyncio.sleep(0.05)
    raise AssertionError(f"{location} never finished: {job}")


async def test_a_batch_beyond_the_cap_is_202_with_the_batch_made_at_once_and_no_code_yet(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    # The joined app's runner never sees this uncommitted job: the answer is all there is.
    r = await client.post("/v1/coupon-batches", json=fixed_batch(total_quantity=CAP + 1))
    assert r.status_code == 202, r.text
    job = r.json()
    assert r.headers["location"] == f"/v1/jobs/{job['id']}"
    assert job["id"].startswith("campaign-")
    assert (job["kind"], job["status"], job["done"], job["total"]) == (
        "generate_coupon_codes",
        "queued",
        0,
        CAP + 1,
    )
    batch = (await client.get(f"/v1/coupon-batches/{job['result']['batch_id']}")).json()
    assert (batch["total_quantity"], batch["generated_count"]) == (CAP + 1, 0)
    assert await db_session.scalar(select(func.count()).select_from(Coupon)) == 0
    assert (await client.get(r.headers["location"])).json() == job


async def test_a_batch_at_the_cap_is_made_in_the_request(client: httpx.AsyncClient) -> None:
    batch = await create_batch(client, total_quantity=CAP)
    assert batch["generated_count"] == CAP


async def test_the_job_makes_every_code_exactly_once(
    committed_client_for: Callable[..., httpx.AsyncClient], engine: AsyncEngine
) -> None:
    client = committed_client_for()
    r = await client.post(
        "/v1/coupon-batches", json=fixed_batch(total_quantity=130, code_prefix="JB", code_length=8)
    )
    assert r.status_code == 202, r.text
    job = await finished(client, r.headers["location"])
    batch_id = job["result"]["batch_id"]
    assert job["status"] == "succeeded", job
    assert (job["done"], job["total"], job["error_count"], job["errors"]) == (130, 130, 0, [])
    assert job["result"] == {"batch_id": batch_id, "generated": 130}
    assert job["result_url"] is None  # it writes no file
    assert job["started_at"] is not None
    assert job["finished_at"] is not None

    batch = (await client.get(f"/v1/coupon-batches/{batch_id}")).json()
    assert batch["generated_count"] == 130
    async with engine.connect() as conn:
        codes = (
            (await conn.execute(select(Coupon.code).where(Coupon.batch_id == uuid.UUID(batch_id))))
            .scalars()
            .all()
        )
        # 130 codes in 20-code chunks: seven chunks, seven steps of progress.
        parts = await conn.scalar(select(func.count()).select_from(JobResultPart))
    assert len(codes) == 130
    assert len(set(codes)) == 130
    assert all(re.fullmatch(rf"JB[{ALPHABET}]{{8}}", code) for code in codes)
    assert parts == 0
    claimed = await claim(client, batch_id, "c-7")
    assert claimed.status_code == 201, claimed.text


async def test_resubmitting_with_the_same_key_gives_the_same_job_and_one_batch(
    committed_client_for: Callable[..., httpx.AsyncClient], engine: AsyncEngine
) -> None:
    client = committed_client_for()
    body = fixed_batch(total_quantity=80)
    key = {"Idempotency-Key": f"gen-{uuid.uuid4()}"}
    first = await client.post("/v1/coupon-batches", json=body, headers=key)
    again = await client.post("/v1/coupon-batches", json=body, headers=key)
    assert (first.status_code, again.status_code) == (202, 202)
    assert again.json()["id"] == first.json()["id"]
    assert again.headers["location"] == first.headers["location"]
    assert again.headers["idempotent-replayed"] == "true"
    other = await client.post("/v1/coupon-batches", json={**body, "name": "另一批"}, headers=key)
    assert other.status_code == 409, other.text
    await finished(client, first.headers["location"])
    async with engine.connect() as conn:
        workspace = client.headers["x-workspace-id"]
        batches = await conn.scalar(
            select(func.count())
            .select_from(CouponBatch)
            .where(CouponBatch.workspace_id == workspace)
        )
        jobs = await conn.scalar(
            select(func.count()).select_from(Job).where(Job.workspace_id == workspace)
        )
        codes = await conn.scalar(
            select(func.count()).select_from(Coupon).where(Coupon.workspace_id == workspace)
        )
    assert (batches, jobs, codes) == (1, 1, 80)


async def test_an_export_job_writes_every_code_once_as_codes_csv_does(
    committed_client_for: Callable[..., httpx.AsyncClient],
) -> None:
    client = committed_client_for()
    batch = await create_batch(client, total_quantity=45)
    assert (await claim(client, batch["id"], "c-9")).status_code == 201
    r = await client.post(f"/v1/coupon-batches/{batch['id']}/exports")
    assert r.status_code == 202, r.text
    assert (r.json()["kind"], r.json()["total"]) == ("export_coupon_codes", 45)
    job = await finished(client, r.headers["location"])
    assert job["status"] == "succeeded", job
    assert (job["done"], job["total"]) == (45, 45)
    assert job["result"] == {"batch_id": batch["id"], "rows": 45}
    assert job["result_url"] == f"/v1/jobs/{job['id']}/result"

    file = await client.get(job["result_url"])
    assert file.status_code == 200
    assert file.headers["content-type"] == "text/csv; charset=utf-8"
    assert f'filename="coupon-batch-{batch["id"]}.csv"' in file.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(file.text)))
    assert len(rows) == 45
    assert len({row["code"] for row in rows}) == 45
    assert [row["customer_id"] for row in rows if row["status"] == "claimed"] == ["c-9"]
    # The same rows in the same order as the streamed codes.csv, header and all.
    streamed = await client.get(f"/v1/coupon-batches/{batch['id']}/codes.csv")
    assert file.text == streamed.text


async def test_exporting_a_batch_whose_codes_are_being_made_is_409(
    client: httpx.AsyncClient,
) -> None:
    r = await client.post("/v1/coupon-batches", json=fixed_batch(total_quantity=CAP + 10))
    batch_id = r.json()["result"]["batch_id"]
    refused = await client.post(f"/v1/coupon-batches/{batch_id}/exports")
    assert refused.status_code == 409
    assert refused.headers["content-type"] == "application/problem+json"
    assert f"still being made (0 of {CAP + 10} codes)" in refused.json()["detail"]


async def test_exporting_an_unknown_batch_is_404(client: httpx.AsyncClient) -> None:
    r = await client.post(f"/v1/coupon-batches/{uuid.uuid4()}/exports")
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"


async def test_an_export_resubmitted_with_the_same_key_is_the_same_job(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    batch = await create_batch(client, total_quantity=5)
    key = {"Idempotency-Key": "export-once"}
    first = await client.post(f"/v1/coupon-batches/{batch['id']}/exports", headers=key)
    again = await client.post(f"/v1/coupon-batches/{batch['id']}/exports", headers=key)
    assert (first.status_code, again.status_code) == (202, 202)
    assert again.json()["id"] == first.json()["id"]
    assert await db_session.scalar(select(func.count()).select_from(Job)) == 1


async def test_a_jobs_file_is_409_until_it_has_succeeded(client: httpx.AsyncClient) -> None:
    batch = await create_batch(client, total_quantity=5)
    job = (await client.post(f"/v1/coupon-batches/{batch['id']}/exports")).json()
    r = await client.get(f"/v1/jobs/{job['id']}/result")
    assert r.status_code == 409
    assert "is queued" in r.json()["detail"]


async def test_codes_csv_streams_a_batch_bigger_than_one_piece(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "MAX_BATCH_QUANTITY", 100_000)
    batch = await create_batch(client, total_quantity=2500)
    r = await client.get(f"/v1/coupon-batches/{batch['id']}/codes.csv")
    assert r.status_code == 200
    assert "content-length" not in r.headers  # streamed, not built whole first
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0] == list(service.CODE_COLUMNS)
    assert len({row[0] for row in rows[1:]}) == 2500
