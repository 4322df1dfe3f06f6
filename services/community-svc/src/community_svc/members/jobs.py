"""The jobs of members (``servicekit.jobs``).

``import_members``: a CSV file (the body of ``POST /v1/groups/{id}/member-imports``, kept with
the job) imported into the group ``IMPORT_JOB_CHUNK`` rows a step, each step one transaction
with the job's progress: the members it stores, their ``member.joined`` events and the job's
``done`` commit together, so a step cut off by a crash is done again whole and a row is never
imported twice. Rows refused (bad values, duplicates in the file, current members, no place
left, unknown tracking codes) are the job's errors, ``line N`` of the file. Result:
``{received, imported, rejected}``.
"""

import uuid
from typing import ClassVar

from community_svc.groups.exceptions import GroupDissolved, GroupNotFound
from community_svc.members import service
from community_svc.members.exceptions import GroupFull
from community_svc.members.importer import csv_chunk
from community_svc.members.schemas import RejectedRow
from community_svc.members.vocabulary import MemberJobKind
from community_svc.sources.resolver import TrackingCodes
from servicekit.context import RequestContext
from servicekit.jobs import JobError, JobFailed, RunningJob, Step
from servicekit.unitofwork import UnitOfWork

# Rows a step imports: a fraction of a second's work, so progress moves often.
IMPORT_JOB_CHUNK = 1000


def _error(row: RejectedRow) -> JobError:
    reasons = "; ".join(row.errors)
    message = f"external_id {row.external_id!r}: {reasons}" if row.external_id else reasons
    return JobError(f"line {row.line}", message)


class ImportMembers:
    name: ClassVar[str] = MemberJobKind.IMPORT_MEMBERS

    def __init__(self, codes: TrackingCodes) -> None:
        self.codes = codes

    async def step(self, uow: UnitOfWork, job: RunningJob) -> Step:
        if job.input is None:
            raise JobFailed("the job holds no file to import")
        group_id = uuid.UUID(job.params["group_id"])
        rows, earlier = csv_chunk(job.input, job.done, IMPORT_JOB_CHUNK)
        # The peer look-ups of tracking codes go out as the workspace, traced by the job's id.
        ctx = RequestContext(
            workspace_id=job.workspace_id,
            actor_id=job.params.get("actor_id"),
            scopes=frozenset(),
            request_id=f"community-{job.id}",
        )
        try:
            imported, rejected = await service.import_rows(
                uow, group_id, rows, earlier, self.codes, ctx
            )
        except (GroupNotFound, GroupDissolved, GroupFull) as exc:
            kept = f" Rows before line {rows[0].line} stay imported." if rows and job.done else ""
            raise JobFailed(exc.detail + kept) from exc
        received = job.done + len(rows)
        imported_so_far = int(job.cursor.get("imported", 0)) + imported
        finished = len(rows) < IMPORT_JOB_CHUNK or received >= (job.total or 0)
        result = {
            "received": received,
            "imported": imported_so_far,
            "rejected": job.error_count + len(rejected),
        }
        return Step(
            done=len(rows),
            cursor={"imported": imported_so_far},
            errors=[_error(row) for row in rejected],
            result=result if finished else None,
            finished=finished,
        )
