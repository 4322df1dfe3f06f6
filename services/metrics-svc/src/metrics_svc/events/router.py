from datetime import timedelta

from fastapi import APIRouter, Request

from metrics_svc.config import Settings
from metrics_svc.events import service
from metrics_svc.events.exceptions import (
    BatchNotAList,
    BatchTooLarge,
    EmptyBatch,
    ItemsNotEvents,
    MalformedBatch,
    NoEventAccepted,
)
from metrics_svc.events.fold.gate import IngestActivity
from metrics_svc.events.repository import EventRepository
from metrics_svc.events.schemas import EVENT_BATCH_EXAMPLE, EVENT_BATCH_SCHEMA, IngestResult
from metrics_svc.scopes import WRITE
from servicekit.apidoc import problems
from servicekit.door import checks_own_text
from servicekit.unitofwork import UnitOfWorkDep

router = APIRouter(prefix="/v1/events", tags=["events"])


@router.post(
    "",
    dependencies=WRITE,
    response_model=IngestResult,
    response_description="What became of each event: accepted, duplicate or rejected.",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": EVENT_BATCH_SCHEMA, "example": EVENT_BATCH_EXAMPLE}
            },
        }
    },
    responses=problems(
        MalformedBatch, BatchTooLarge, BatchNotAList, EmptyBatch, ItemsNotEvents, NoEventAccepted
    ),
)
@checks_own_text  # a NUL or lone surrogate rejects its item by index, not the batch
async def ingest_events(request: Request, uow: UnitOfWorkDep) -> IngestResult:
    """Record what people did: a JSON array of 1 to 1,000 events (views, reads, clicks,
    likes, leads, purchases, …), as a tracking SDK, a script or another service sends them.

    Each event is validated on its own: good events are stored, bad ones come back in
    `rejected` with their index and reasons, so a bad event never sinks the good ones. An id
    already stored (in this batch or any earlier one, however late) is counted in
    `duplicates` and changes no number: any batch can be re-sent safely. Late and
    out-of-order events are fine. A batch of which no event is good is a 422 listing
    `rejected` the same way.

    With an `Idempotency-Key` a retry replays the first answer byte for byte (without one, a
    retry is still harmless: it answers with the events as `duplicates`). Every read counts
    every event acknowledged here before the read began."""
    activity: IngestActivity = request.state.ingest_activity
    with activity.track():
        # The body is read raw and each item validated separately, so one bad item cannot turn
        # the whole batch into a 422 the way a `list[EventIn]` body parameter would.
        batch = service.read_batch(await request.body())
        settings: Settings = request.state.settings
        return await service.ingest(
            uow.repo(EventRepository),
            batch,
            max_future_skew=timedelta(seconds=settings.max_future_skew_s),
            max_past_age=timedelta(days=settings.max_past_age_days),
        )
