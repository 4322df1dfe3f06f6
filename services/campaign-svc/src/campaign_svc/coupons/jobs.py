"""The jobs of coupon batches (``servicekit.jobs``): each step does one chunk through the
coupon service, in the transaction that also records the job's progress.

- ``generate_coupon_codes``: the codes of a batch above the synchronous cap, 20,000 a chunk;
  the batch's ``generated_count`` moves with each chunk. Result: ``{batch_id, generated}``.
- ``export_coupon_codes``: the batch's codes as CSV in (created_at, id) order, 20,000 rows a
  chunk, each chunk a part of the job's file; the cursor is the last row written. Result:
  ``{batch_id, rows}``; the file at the job's ``result_url``.
"""

import uuid
from typing import ClassVar

from campaign_svc.coupons import service
from campaign_svc.coupons.exceptions import CodeGenerationFailed, CouponBatchNotFound
from campaign_svc.coupons.repository import CouponBatchRepository, CouponRepository
from campaign_svc.coupons.vocabulary import CouponJobKind
from servicekit.csvexport import csv_header, csv_rows
from servicekit.jobs import JobFailed, RunningJob, Step
from servicekit.unitofwork import UnitOfWork


class GenerateCodes:
    name: ClassVar[str] = CouponJobKind.GENERATE_CODES

    async def step(self, uow: UnitOfWork, job: RunningJob) -> Step:
        batch_id = uuid.UUID(job.params["batch_id"])
        try:
            made, whole = await service.generate_more_codes(
                uow.repo(CouponBatchRepository), batch_id, job.done
            )
        except (CouponBatchNotFound, CodeGenerationFailed) as exc:
            raise JobFailed(exc.detail) from exc
        result = {"batch_id": str(batch_id), "generated": job.done + made}
        return Step(done=made, result=result if whole else None, finished=whole)


class ExportCodes:
    name: ClassVar[str] = CouponJobKind.EXPORT_CODES

    async def step(self, uow: UnitOfWork, job: RunningJob) -> Step:
        batch_id = uuid.UUID(job.params["batch_id"])
        rows, cursor = await service.next_codes(uow.repo(CouponRepository), batch_id, job.cursor)
        header = csv_header(service.CODE_COLUMNS) if job.result_parts == 0 else ""
        written = job.done + len(rows)
        whole = len(rows) < service.EXPORT_JOB_CHUNK or written >= (job.total or 0)
        return Step(
            done=len(rows),
            cursor=cursor,
            output=(header + csv_rows(rows)).encode() if header or rows else None,
            result={"batch_id": str(batch_id), "rows": written} if whole else None,
            finished=whole,
        )


KINDS = (GenerateCodes(), ExportCodes())
