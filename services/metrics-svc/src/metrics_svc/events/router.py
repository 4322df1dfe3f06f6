from datetime import timedelta

from fastapi import APIRouter, Depends, Request, Response

from metrics_svc.config import Settings
from metrics_svc.events import service
from metrics_svc.events.dependencies import EventRepoDep
from metrics_svc.events.schemas import EVENT_BATCH_SCHEMA, IngestResult
from metrics_svc.idempotency import IdempotencyDep
from servicekit.context import require_scope
from servicekit.problems import PROBLEM_RESPONSES

router = APIRouter(prefix="/v1/events", tags=["events"], responses=PROBLEM_RESPONSES)
write = [Depends(require_scope("metrics:write"))]


@router.post(
    "",
    dependencies=write,
    response_model=IngestResult,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": EVENT_BATCH_SCHEMA}},
        }
    },
)
async def ingest_events(
    request: Request, repo: EventRepoDep, idempotency: IdempotencyDep
) -> Response:
    """Ingest up to 1,000 events. Each item is validated on its own: good items are stored,
    bad ones come back in ``rejected`` with their index and reasons. An id already stored
    (now or in any earlier batch) is counted in ``duplicates`` and changes no number.

    With an ``Idempotency-Key`` a retry replays the first answer byte for byte (without one,
    a retry is still harmless: it answers with the events as ``duplicates``)."""
    with request.app.state.ingest_activity.track():
        return await _ingest(request, repo, idempotency)


async def _ingest(request: Request, repo: EventRepoDep, idempotency: IdempotencyDep) -> Response:
    # The body is read raw and each item validated separately, so one bad item cannot turn
    # the whole batch into a 422 the way a `list[EventIn]` body parameter would.
    batch = service.read_batch(await request.body())
    settings: Settings = request.state.settings

    async def run() -> IngestResult:
        return await service.ingest(
            repo,
            batch,
            max_future_skew=timedelta(seconds=settings.max_future_skew_s),
            max_past_age=timedelta(days=settings.max_past_age_days),
        )

    payload = batch.as_payload() if idempotency.key is not None else None
    return await idempotency.run(payload, run)
