from fastapi import APIRouter

from metrics_svc.events.fold.dependencies import READ_FOLDED
from metrics_svc.funnels import service
from metrics_svc.funnels.repository import FunnelRepository
from metrics_svc.funnels.schemas import FunnelQuery, FunnelResult
from servicekit.unitofwork import UnitOfWorkDep

router = APIRouter(prefix="/v1/funnels", tags=["funnels"])


@router.post("/query", dependencies=READ_FOLDED)
async def query_funnel(body: FunnelQuery, uow: UnitOfWorkDep) -> FunnelResult:
    """Per-step actors and conversion of an ordered funnel, with the weakest step named."""
    return await service.query_funnel(uow.repo(FunnelRepository), body)
