from fastapi import APIRouter

from metrics_svc.events.fold.dependencies import READ_FOLDED
from metrics_svc.retention import service
from metrics_svc.retention.repository import RetentionRepository
from metrics_svc.retention.schemas import RetentionQuery, RetentionResult
from servicekit.unitofwork import UnitOfWorkDep

router = APIRouter(prefix="/v1/retention", tags=["retention"])


@router.post("/query", dependencies=READ_FOLDED)
async def query_retention(body: RetentionQuery, uow: UnitOfWorkDep) -> RetentionResult:
    """A cohort table: cohort size and returning actors per period."""
    return await service.query_retention(uow.repo(RetentionRepository), body)
