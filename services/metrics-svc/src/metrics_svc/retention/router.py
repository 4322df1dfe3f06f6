from fastapi import APIRouter

from metrics_svc.events.exceptions import NumbersCatchingUp
from metrics_svc.events.fold.dependencies import READ_FOLDED
from metrics_svc.metrics.exceptions import BadTimeZone, EmptyWindow
from metrics_svc.retention import service
from metrics_svc.retention.repository import RetentionRepository
from metrics_svc.retention.schemas import RetentionQuery, RetentionResult
from servicekit.apidoc import problems
from servicekit.unitofwork import UnitOfWorkDep

router = APIRouter(prefix="/v1/retention", tags=["retention"])


@router.post(
    "/query",
    dependencies=READ_FOLDED,
    responses=problems(BadTimeZone, EmptyWindow, NumbersCatchingUp),
    response_description="The cohort table.",
)
async def query_retention(body: RetentionQuery, uow: UnitOfWorkDep) -> RetentionResult:
    """Do people come back? A cohort table: actors grouped by the local day or week of their
    first `cohort_event` in [`from`, `to`) (joined the group, registered, bought), and for each
    cohort how many did `return_event` (sent a message, read, bought again) in its own period
    and each of the `periods` after it, each actor once per period.

    A read (it changes nothing), needing `metrics:read`; a POST only because the query is a
    body."""
    return await service.query_retention(uow.repo(RetentionRepository), body)
