from fastapi import APIRouter

from metrics_svc.events.exceptions import NumbersCatchingUp
from metrics_svc.events.fold.dependencies import READ_FOLDED
from metrics_svc.funnels import service
from metrics_svc.funnels.repository import FunnelRepository
from metrics_svc.funnels.schemas import FunnelQuery, FunnelResult
from metrics_svc.metrics.exceptions import EmptyWindow
from servicekit.apidoc import problems
from servicekit.unitofwork import UnitOfWorkDep

router = APIRouter(prefix="/v1/funnels", tags=["funnels"])


@router.post(
    "/query",
    dependencies=READ_FOLDED,
    responses=problems(EmptyWindow, NumbersCatchingUp),
    response_description="Each step's actors and conversion, and the weakest step.",
)
async def query_funnel(body: FunnelQuery, uow: UnitOfWorkDep) -> FunnelResult:
    """Find the weak link: how many people took each step of an ordered funnel (read the
    article → click → leave contact details → buy), the conversion into each step, and the
    step that loses the most.

    An actor enters with their first step-1 event in [`from`, `to`), and reaches each next
    step with an event at or after the previous one and within `window_seconds` of entering;
    each actor counts once per step. A read (it changes nothing), needing `metrics:read`; a
    POST only because the steps are a body."""
    return await service.query_funnel(uow.repo(FunnelRepository), body)
