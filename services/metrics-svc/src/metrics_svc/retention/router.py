from fastapi import APIRouter, Depends

from metrics_svc.events.fold.dependencies import fold_before_read
from metrics_svc.retention import service
from metrics_svc.retention.repository import RetentionRepository
from metrics_svc.retention.schemas import RetentionQuery, RetentionResult
from servicekit.context import require_scope
from servicekit.problems import PROBLEM_RESPONSES
from servicekit.unitofwork import UnitOfWorkDep

router = APIRouter(prefix="/v1/retention", tags=["retention"], responses=PROBLEM_RESPONSES)
# Reads fold pending events first, so they count every acknowledged event.
read = [Depends(require_scope("metrics:read")), Depends(fold_before_read)]


@router.post("/query", dependencies=read)
async def query_retention(body: RetentionQuery, uow: UnitOfWorkDep) -> RetentionResult:
    """A cohort table: cohort size and returning actors per period."""
    return await service.query_retention(uow.repo(RetentionRepository), body)
