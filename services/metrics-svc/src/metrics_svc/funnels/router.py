from fastapi import APIRouter, Depends

from metrics_svc.events.fold.dependencies import fold_before_read
from metrics_svc.funnels import service
from metrics_svc.funnels.repository import FunnelRepository
from metrics_svc.funnels.schemas import FunnelQuery, FunnelResult
from servicekit.context import require_scope
from servicekit.problems import PROBLEM_RESPONSES
from servicekit.unitofwork import UnitOfWorkDep

router = APIRouter(prefix="/v1/funnels", tags=["funnels"], responses=PROBLEM_RESPONSES)
# Reads fold pending events first, so they count every acknowledged event.
read = [Depends(require_scope("metrics:read")), Depends(fold_before_read)]


@router.post("/query", dependencies=read)
async def query_funnel(body: FunnelQuery, uow: UnitOfWorkDep) -> FunnelResult:
    """Per-step actors and conversion of an ordered funnel, with the weakest step named."""
    return await service.query_funnel(uow.repo(FunnelRepository), body)
