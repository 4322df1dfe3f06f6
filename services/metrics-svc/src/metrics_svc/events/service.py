"""Ingestion rules: each item is validated on its own (a bad item never sinks the good ones),
an id is counted once however often it is sent, and events may arrive late and out of order
but not from further in the future than the configured clock skew.

A batch in which every item is valid (the common case) is decoded and validated in one msgspec
call; any other batch is validated item by item with pydantic, which names each bad item's
reasons. Both end as the same ``FastEvent`` values, checked against the clock the same way."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import msgspec
from pydantic import ValidationError

from metrics_svc.events.exceptions import (
    BatchNotAList,
    BatchTooLarge,
    EmptyBatch,
    ItemsNotEvents,
    MalformedBatch,
    NoEventAccepted,
)
from metrics_svc.events.repository import BatchRefused, EventRepository
from metrics_svc.events.schemas import (
    KNOWN_EVENT_TYPES,
    MAX_BATCH,
    TYPES_READING_PROPS,
    FastEvent,
    IngestResult,
    ItemError,
    RejectedEvent,
    event_adapter,
    fast_batch_decoder,
    is_known_event_type,
    props_problem,
    rfc3339_instant,
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
    not_objects = [i for i, item in enumerate(items) if not isinstance(item, dict)]
    if not_objects:
        raise ItemsNotEvents(not_objects, [_json_kind(items[i]) for i in not_objects])
    return items


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    return {list: "array", str: "string", bool: "boolean"}.get(type(value), "number")


@dataclass(frozen=True, slots=True)
class Batch:
    """A request body read as a batch: decoded in one call when every item is valid
    (``fast``: each event with its time, read), else parsed into raw items (``items``) to be
    validated one by one."""

    body: bytes
    fast: list[tuple[FastEvent, datetime]] | None
    items: list[Any] | None

    def item_by_item(self) -> Batch:
        """The same body, to be validated item by item."""
        return Batch(self.body, None, parse_batch(self.body))


def read_batch(body: bytes) -> Batch:
    """The body as a batch; 400/413/422 for a body that is not a batch of 1 to 1,000 items."""
    try:
        fast = fast_batch_decoder.decode(body)
    except msgspec.MsgspecError:
        return Batch(body, None, parse_batch(body))
    checked = _fast_checked(fast)
    # A NUL anywhere (only a \u0000 escape can put one in JSON text) sends the batch the
    # item-by-item way, which names the item.
    if checked is None or b"\\u0000" in body:
        return Batch(body, None, parse_batch(body))
    return Batch(body, checked, None)


def _fast_checked(events: list[FastEvent]) -> list[tuple[FastEvent, datetime]] | None:
    """Each event with its time if every one passes the checks msgspec cannot make (the
    type's name, the id's shape, the prop a type reads, the time's form), else None.

    One loop over the batch that stops at the first event refused: this runs for every event
    acknowledged, and a call per check per event (then a scan of the times for a None) was a
    third of the batch's validation time. The checks are those of ``is_known_event_type``,
    ``looks_like_uuid``, ``props_problem`` and ``rfc3339_instant``, in that order."""
    checked: list[tuple[FastEvent, datetime]] = []
    append = checked.append
    for event in events:
        type_, id_ = event.type, event.id
        if type_ not in KNOWN_EVENT_TYPES and not is_known_event_type(type_):
            return None
        if len(id_) != 36 or not id_[8] == id_[13] == id_[18] == id_[23] == "-":
            return None
        if type_ in TYPES_READING_PROPS and props_problem(type_, event.props) is not None:
            return None
        at = rfc3339_instant(event.occurred_at)
        if at is None:
            return None
        append((event, at))
    return checked


def _checked(batch: Batch) -> Iterator[tuple[FastEvent, datetime] | list[ItemError]]:
    """Each item as an event and its time, or its errors (item by item only when the fast
    path refused the batch)."""
    if batch.fast is not None:
        yield from batch.fast
        return
    assert batch.items is not None
    for item in batch.items:
        try:
            event = event_adapter.validate_python(item)
        except ValidationError as exc:
            yield _errors(exc)
            continue
        fields = {name: getattr(event, name) for name in FastEvent.__struct_fields__}
        # In UTC: PostgreSQL reads offsets up to 15:59 only, and EventIn takes any.
        utc = event.occurred_at.astimezone(UTC)
        fields |= {"id": str(event.id), "occurred_at": utc.isoformat()}
        yield FastEvent(**fields), event.occurred_at


def _errors(exc: ValidationError) -> list[ItemError]:
    return [
        ItemError(loc=list(e["loc"]), msg=e["msg"], type=e["type"])
        for e in exc.errors(include_url=False)
    ]


_ENCODER = msgspec.json.Encoder()


async def ingest(
    repo: EventRepository,
    batch: Batch,
    *,
    max_future_skew: timedelta,
    max_past_age: timedelta,
    now: datetime | None = None,
) -> IngestResult:
    clock = now or datetime.now(UTC)
    latest, earliest = clock + max_future_skew, clock - max_past_age
    try:
        result = await _ingest(repo, batch, latest, earliest)
    except BatchRefused:
        # The fast path leaves an id's hex digits and the JSON text to the database; it
        # refused one, so each item is validated on its own (and encoded again), the bad one
        # rejected by index.
        result = await _ingest(repo, batch.item_by_item(), latest, earliest)
    if result.rejected and not result.accepted and not result.duplicates:
        raise NoEventAccepted(result.rejected)
    return result


async def _ingest(
    repo: EventRepository,
    batch: Batch,
    latest: datetime,
    earliest: datetime,
) -> IngestResult:
    rejected: list[RejectedEvent] = []
    good: list[FastEvent] = []
    for index, checked in enumerate(_checked(batch)):
        if isinstance(checked, list):
            rejected.append(RejectedEvent(index=index, errors=checked))
            continue
        event, at = checked
        if earliest <= at <= latest:
            good.append(event)
        else:
            bound = "future" if at > latest else "past"
            msg = (
                f"occurred_at {at.isoformat()} is too far in the {bound}: "
                f"accepted from {earliest.isoformat()} to {latest.isoformat()}"
            )
            error = ItemError(loc=["occurred_at"], msg=msg, type=f"too_far_{bound}")
            rejected.append(RejectedEvent(index=index, errors=[error]))
    accepted = 0
    if good:
        # A batch decoded whole and kept whole goes to the database as it came (no second
        # encoding of what was just decoded); otherwise the good events are encoded.
        whole = batch.fast is not None and len(good) == len(batch.fast)
        accepted = await repo.insert_events(
            batch.body.decode() if whole else _ENCODER.encode(good).decode()
        )
    # Repeats within the batch and ids stored before both count as duplicates.
    return IngestResult(accepted=accepted, duplicates=len(good) - accepted, rejected=rejected)
