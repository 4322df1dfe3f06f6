"""Ingestion rules: each item is validated on its own (a bad item never sinks the good ones),
an id is counted once however often it is sent, and events may arrive late and out of order
but not from further in the future than the configured clock skew."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import ValidationError

from metrics_svc.events.exceptions import (
    BatchNotAList,
    BatchTooLarge,
    EmptyBatch,
    MalformedBatch,
)
from metrics_svc.events.repository import EventRepository, StagingRecord
from metrics_svc.events.schemas import (
    MAX_BATCH,
    EventIn,
    IngestResult,
    ItemError,
    RejectedEvent,
    batch_adapter,
    event_adapter,
)


def parse_batch(body: bytes) -> list[Any]:
    """The body as a list of raw items (validated one by one later)."""
    try:
        items = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise MalformedBatch(str(exc)) from exc
    if not isinstance(items, list):
        raise BatchNotAList(f"a JSON {type(items).__name__}")
    if not items:
        raise EmptyBatch()
    if len(items) > MAX_BATCH:
        raise BatchTooLarge(len(items), MAX_BATCH)
    return items


def _month_start(at: datetime) -> datetime:
    return at.astimezone(UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def _validate(body: bytes | None, items: list[Any]) -> list[EventIn | list[ItemError]]:
    """Each item as an event, or its errors.

    The common case, a batch without a bad item, is validated in one call from the raw bytes;
    only a batch with an error is validated again item by item, so each item gets its own
    verdict and the good ones are kept."""
    if body is not None:
        try:
            return list(batch_adapter.validate_json(body))
        except ValidationError:
            pass
    checked: list[EventIn | list[ItemError]] = []
    for item in items:
        try:
            checked.append(event_adapter.validate_python(item))
        except ValidationError as exc:
            checked.append(_errors(exc))
    return checked


def _errors(exc: ValidationError) -> list[ItemError]:
    return [
        ItemError(loc=list(e["loc"]), msg=e["msg"], type=e["type"])
        for e in exc.errors(include_url=False)
    ]


async def ingest(
    repo: EventRepository,
    items: list[Any],
    *,
    max_future_skew: timedelta,
    max_past_age: timedelta,
    now: datetime | None = None,
    body: bytes | None = None,
) -> IngestResult:
    """``items`` as parsed by ``parse_batch``; ``body``, the bytes they were parsed from, lets
    a batch without errors be validated in one call."""
    received_at = now or datetime.now(UTC)
    latest, earliest = received_at + max_future_skew, received_at - max_past_age
    rejected: list[RejectedEvent] = []
    records: dict[Any, StagingRecord] = {}
    in_batch_duplicates = 0
    months = {_month_start(received_at), _month_start(received_at + timedelta(days=32))}
    for index, event in enumerate(_validate(body, items)):
        if isinstance(event, list):
            rejected.append(RejectedEvent(index=index, errors=event))
            continue
        if not earliest <= event.occurred_at <= latest:
            bound = "future" if event.occurred_at > latest else "past"
            msg = (
                f"occurred_at {event.occurred_at.isoformat()} is too far in the {bound}: "
                f"accepted from {earliest.isoformat()} to {latest.isoformat()}"
            )
            rejected.append(
                RejectedEvent(
                    index=index,
                    errors=[ItemError(loc=["occurred_at"], msg=msg, type=f"too_far_{bound}")],
                )
            )
            continue
        if event.id in records:
            in_batch_duplicates += 1
            continue
        months.add(_month_start(event.occurred_at))
        records[event.id] = (
            event.id,
            event.type,
            event.occurred_at,
            received_at,
            event.actor_id,
            event.channel_id,
            event.post_id,
            event.publication_id,
            event.campaign_id,
            event.group_id,
            event.value,
            json.dumps(event.props, ensure_ascii=False) if event.props else None,
        )
    accepted = 0
    if records:
        await repo.ensure_partitions(sorted(months))
        accepted = await repo.insert_events(list(records.values()))
    return IngestResult(
        accepted=accepted,
        duplicates=in_batch_duplicates + len(records) - accepted,
        rejected=rejected,
    )
