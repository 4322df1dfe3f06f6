"""The contract server answers as the API does: its bodies read by the SDK's models (generated
from the API document the gateway serves) with no field missing and none unknown, and its job
ids those of the services, so the CLI's tests cannot drift from the API again."""

from __future__ import annotations

from typing import Any

import pytest
from mediaops_client.models import CouponBatchRead, JobRead

from .contract import BATCH_READ, EXPORT, GENERATE, IMPORT, Contract


def exact(model: Any, body: dict[str, Any]) -> None:
    parsed = model.from_dict(body)  # a required field missing: KeyError
    assert parsed.additional_properties == {}, f"not in {model.__name__}: {body}"


@pytest.mark.parametrize("kind", [GENERATE, EXPORT, IMPORT])
def test_each_job_reads_as_the_apis_job_read_while_running_and_at_its_end(kind: str) -> None:
    contract = Contract()
    job, _ = contract.start_job("k", kind, total=4, step=2, result={"rows": 4})

    exact(JobRead, job.body())
    job.advance()
    exact(JobRead, job.body())
    job.advance()

    assert job.status == "succeeded"
    exact(JobRead, job.body())
    assert job.id.startswith("community-" if kind == IMPORT else "campaign-")
    assert (job.body()["result_url"] is not None) == (kind == EXPORT)


def test_a_failed_job_reads_as_the_apis_job_read() -> None:
    contract = Contract(fail_next=True)
    job, _ = contract.start_job(None, GENERATE, total=4, step=2)
    job.advance()

    assert job.status == "failed"
    exact(JobRead, job.body())


def test_the_batch_reads_as_the_apis_coupon_batch_read() -> None:
    exact(CouponBatchRead, BATCH_READ)
