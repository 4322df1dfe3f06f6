from typing import Annotated

from fastapi import APIRouter, Depends

from metrics_svc.events.fold.dependencies import fold_before_read
from metrics_svc.funnels import service
from metrics_svc.funnels.repository import FunnelRepository
from metrics_svc.funnels.schemas import FunnelQuery, FunnelResult
from servicekit.context import ContextDep, require_scope
from servicekit.db import SessionDep
from servicekit.problems import PROBLEM_RESPONSES

router = APIRouter(prefix="/v1/funnels", tags=["funnels"], responses=PROBLEM_RESPONSES)
# Reads fold pending events first, so they count every acknowledged event.
read = [Depends(require_scope("metrics:read")), Depends(fold_before_read)]


async def get_funnel_repository(session: SessionDep, ctx: ContextDep) -> FunnelRepository:
    return FunnelRepository(session, ctx.workspace_id)


@router.post("/query", dependencies=read)
async def query_funnel(
    body: FunnelQuery, repo: Annotated[FunnelRepository, Depends(get_funnel_repository)]
) -> FunnelResult:
    """Per-step actors and conversion of an ordered funnel, with the weakest step named."""
    return await service.query_funnel(repo, body)
