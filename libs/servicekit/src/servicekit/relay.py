"""The outbox relay: delivers a service's recorded domain events to metrics-svc.

Each pass claims the oldest undelivered rows of the service's ``outbox_event`` table with
``FOR UPDATE SKIP LOCKED`` (so replicas relaying side by side never claim the same row), sends
them to metrics-svc ``POST /v1/events`` — one request per workspace, each event under its own
outbox row id, so a re-sent event is a duplicate there and never counted twice — and marks them
delivered in the same transaction. While metrics-svc is down, slow or overloaded the pass rolls
back, the rows keep their place at the head of the queue with ``attempts`` and ``last_error``
recorded, and the relay backs off exponentially with jitter. An item metrics-svc refuses is
marked done with its reasons in ``last_error``: one bad event must not block the queue.
Delivered rows are purged after ``outbox_retention_days``.

Why not procrastinate (a PostgreSQL job queue): the outbox table *is* the queue, written in the
change's own transaction by ``servicekit.outbox``; a job queue would need a job per event
deferred in that transaction (a second table and its schema in every service's migrations) and
would deliver one event per job, where metrics-svc wants batches of hundreds per request. What
the relay needs beyond one ``SKIP LOCKED`` query is retrying with backoff, which ``stamina``
does: exponential backoff with jitter by default, async, unlimited attempts on request, and it
logs each retry through structlog and counts it in Prometheus (``stamina_retries_total``) by
itself. (It is built on tenacity, whose bare API would have us assemble the same defaults.)
"""

from __future__ import annotations

import asyncio
import itertools
import json
import uuid
from collections.abc import Callable, Coroutine, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import httpx
import stamina
import structlog
from prometheus_client import Counter, Gauge
from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from servicekit.db import Database, plan_with_values
from servicekit.http import service_client
from servicekit.models import utcnow
from servicekit.outbox import OutboxEventMixin
from servicekit.settings import ServiceSettings

log = structlog.get_logger("servicekit.relay")

EVENTS_PATH = "/v1/events"
# metrics-svc takes at most this many events in one request.
MAX_EVENTS_PER_REQUEST = 1000
# The scope metrics-svc's ingest asks of its caller.
WRITE_SCOPE = "metrics:write"
# Payload keys that become the metrics event's own fields (the contract of issue 13): the ids
# that tie an event to its actor, channel, post, publication, campaign and group, sent as text.
LIFTED_IDS = ("actor_id", "channel_id", "post_id", "publication_id", "campaign_id", "group_id")
# How often the backlog gauges are read and delivered rows older than the retention purged.
GAUGES_EVERY_S = 5.0
PURGE_EVERY_S = 3600.0
# Rows deleted per purge statement: a long retention's worth of rows goes in short transactions.
PURGE_CHUNK = 5000
# The first wait after a failed pass; each next one doubles (with jitter) up to
# ``relay_retry_max_s``.
RETRY_INITIAL_S = 0.2

BACKLOG = Gauge(
    "mediaops_outbox_backlog",
    "Outbox events not yet delivered to metrics-svc",
    ["service"],
)
OLDEST_AGE = Gauge(
    "mediaops_outbox_oldest_pending_age_seconds",
    "Age of the oldest outbox event not yet delivered (0 when none is pending)",
    ["service"],
)
DELIVERED = Counter(
    "mediaops_outbox_delivered",
    "Outbox events metrics-svc acknowledged (accepted, or already stored)",
    ["service"],
)
REJECTED = Counter(
    "mediaops_outbox_rejected",
    "Outbox events metrics-svc refused (marked done with last_error, never sent again)",
    ["service"],
)
FAILURES = Counter(
    "mediaops_outbox_delivery_failures",
    "Relay passes that could not deliver (metrics-svc unreachable, slow, 5xx or 429)",
    ["service"],
)

# The service's mapping from its domain events (a StrEnum of its own) to metrics-svc event types,
# None for a domain event metrics-svc does not count. Keys are compared as text.
MetricsEventTypes = Mapping[Any, str | None]


class MetricsUnavailable(Exception):
    """metrics-svc could not take the batch now (down, slow, 5xx, 429, or it refused the call
    as a whole): the pass is rolled back and tried again later."""


def metrics_event(
    event_id: uuid.UUID, metrics_type: str, occurred_at: datetime, payload: Mapping[str, Any]
) -> dict[str, Any]:
    """An outbox row as a metrics-svc event: the tie ids and ``value`` lifted from the payload,
    every other payload key in ``props``."""
    event: dict[str, Any] = {
        "id": str(event_id),
        "type": metrics_type,
        "occurred_at": occurred_at.isoformat(),
    }
    props: dict[str, Any] = {}
    for key, value in payload.items():
        if key in LIFTED_IDS:
            if value is not None:
                event[key] = str(value)
        elif key == "value":
            if value is not None:
                event["value"] = _number(value)
        else:
            props[key] = value
    event["props"] = props
    return event


def _number(value: Any) -> Any:
    """Amounts written as decimal text ("12.50") go as numbers; anything else as it is (a value
    metrics-svc cannot read comes back rejected, naming it)."""
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return value
    return value


@dataclass
class PassResult:
    """What one pass did with the rows it claimed."""

    claimed: int = 0
    delivered: int = 0
    # Mapped to None: marked delivered without being sent.
    skipped: int = 0
    rejected: int = 0


@dataclass
class _Row:
    id: uuid.UUID
    workspace_id: str
    event_type: str
    occurred_at: datetime
    payload: dict[str, Any]


@dataclass
class _Outcome:
    delivered: list[uuid.UUID] = field(default_factory=list)
    # Row id → why metrics-svc (or the relay) refused it.
    rejected: dict[uuid.UUID, str] = field(default_factory=dict)


class OutboxRelay:
    """Relays one service's ``outbox_event`` table (``model``) to metrics-svc.

    ``run()`` relays until cancelled; ``relay_once()``, ``purge()`` and ``refresh_gauges()`` are
    its steps, for the tests and for whoever drives the relay another way."""

    def __init__(
        self,
        database: Database,
        model: type[OutboxEventMixin],
        event_types: MetricsEventTypes,
        settings: ServiceSettings,
        *,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        self.database = database
        self.model = model
        self.event_types: dict[str, str | None] = {str(k): v for k, v in event_types.items()}
        self.settings = settings
        self.service = settings.service_name
        self._client = client
        self._own_client: httpx.AsyncClient | None = None
        self._delivered = DELIVERED.labels(self.service)
        self._rejected = REJECTED.labels(self.service)
        self._failures = FAILURES.labels(self.service)

    # -- the loop ---------------------------------------------------------------------------

    async def run(self) -> None:
        """Relay until cancelled: a pass right after a full one, else after the poll interval;
        after a failed pass, again with exponential backoff and jitter, without end. Beside it,
        the gauges are refreshed and old delivered rows purged."""
        housekeeping = asyncio.create_task(self._housekeeping(), name="outbox-housekeeping")
        log.info(
            "outbox relay started",
            metrics_url=self.settings.metrics_url,
            batch_size=self.settings.relay_batch_size,
        )
        try:
            while True:
                result = await self._pass_until_it_succeeds()
                if result.claimed < self.settings.relay_batch_size:
                    await asyncio.sleep(self.settings.relay_poll_interval_s)
        finally:
            housekeeping.cancel()
            await asyncio.gather(housekeeping, return_exceptions=True)
            await self.close()
            log.info("outbox relay stopped")

    async def close(self) -> None:
        """Close the HTTP client the relay opened (one passed in is the caller's to close)."""
        if self._own_client is not None:
            await self._own_client.aclose()
            self._own_client = None

    def _http(self) -> httpx.AsyncClient:
        if self._client is not None:
            return self._client
        if self._own_client is None:
            self._own_client = service_client(
                self.settings.metrics_url, timeout_s=self.settings.metrics_timeout_s
            )
        return self._own_client

    async def _pass_until_it_succeeds(self) -> PassResult:
        # Any error is retried, not only metrics-svc's: a database that is restarting or a
        # connection dropped mid-pass must not end the relay either. stamina logs each retry.
        async for attempt in stamina.retry_context(
            on=Exception,
            attempts=None,
            timeout=None,
            wait_initial=min(RETRY_INITIAL_S, self.settings.relay_retry_max_s),
            wait_max=self.settings.relay_retry_max_s,
            wait_jitter=min(1.0, self.settings.relay_retry_max_s),
        ):
            with attempt:
                return await self.relay_once()
        raise AssertionError("unreachable: the retries have no limit")  # pragma: no cover

    async def _housekeeping(self) -> None:
        last_purge: float | None = None
        loop = asyncio.get_running_loop()
        while True:
            try:
                await self.refresh_gauges()
                if last_purge is None or loop.time() - last_purge >= PURGE_EVERY_S:
                    last_purge = loop.time()
                    removed = await self.purge()
                    if removed:
                        log.info("delivered outbox events purged", removed=removed)
            except Exception:
                log.exception("outbox housekeeping failed")
            await asyncio.sleep(GAUGES_EVERY_S)

    # -- one pass ---------------------------------------------------------------------------

    async def relay_once(self) -> PassResult:
        """Claim up to ``relay_batch_size`` undelivered rows, deliver them, mark them.

        Raises ``MetricsUnavailable`` (after recording the attempt on the rows) when metrics-svc
        could not take them: nothing is marked then, and the rows are claimed again later."""
        result = PassResult()
        claimed_ids: list[uuid.UUID] = []
        try:
            async with self.database.sessionmaker() as session, session.begin():
                rows = await self._claim(session)
                result.claimed = len(rows)
                claimed_ids = [row.id for row in rows]
                if not rows:
                    return result
                outcome = _Outcome()
                skipped: list[uuid.UUID] = []
                to_send: list[tuple[_Row, str]] = []
                for row in rows:
                    if row.event_type not in self.event_types:
                        outcome.rejected[row.id] = (
                            f"event type {row.event_type!r} has no entry in the service's "
                            "METRICS_EVENT_TYPES"
                        )
                    elif (metrics_type := self.event_types[row.event_type]) is None:
                        skipped.append(row.id)
                    else:
                        to_send.append((row, metrics_type))
                for workspace_id, group in itertools.groupby(
                    sorted(to_send, key=lambda item: item[0].workspace_id),
                    key=lambda item: item[0].workspace_id,
                ):
                    await self._send(workspace_id, list(group), outcome)
                await self._mark(session, outcome, skipped)
        except MetricsUnavailable as exc:
            self._failures.inc()
            await self._record_failure(claimed_ids, str(exc))
            raise
        result.delivered = len(outcome.delivered)
        result.rejected = len(outcome.rejected)
        result.skipped = len(skipped)
        self._delivered.inc(result.delivered)
        self._rejected.inc(result.rejected)
        if outcome.rejected:
            log.warning(
                "metrics-svc refused outbox events; marked done",
                rejected=len(outcome.rejected),
                first=next(iter(outcome.rejected.values())),
            )
        return result

    async def _claim(self, session: AsyncSession) -> list[_Row]:
        m = self.model
        statement = (
            select(m.id, m.workspace_id, m.event_type, m.occurred_at, m.payload)
            .where(m.delivered_at.is_(None))
            .order_by(m.created_at)
            .limit(self.settings.relay_batch_size)
            .with_for_update(skip_locked=True)
        )
        return [_Row(*row) for row in (await session.execute(statement)).all()]

    async def _send(
        self, workspace_id: str, items: Sequence[tuple[_Row, str]], outcome: _Outcome
    ) -> None:
        for start in range(0, len(items), MAX_EVENTS_PER_REQUEST):
            chunk = items[start : start + MAX_EVENTS_PER_REQUEST]
            events = [
                metrics_event(row.id, metrics_type, row.occurred_at, row.payload)
                for row, metrics_type in chunk
            ]
            await self._post(workspace_id, [row.id for row, _ in chunk], events, outcome)

    async def _post(
        self,
        workspace_id: str,
        ids: Sequence[uuid.UUID],
        events: Sequence[dict[str, Any]],
        outcome: _Outcome,
    ) -> None:
        headers = {
            "X-Internal-Token": self.settings.internal_token.get_secret_value(),
            "X-Workspace-Id": workspace_id,
            "X-Scopes": WRITE_SCOPE,
            "X-Actor-Id": f"relay:{self.service}",
            "X-Request-Id": str(uuid.uuid4()),
        }
        try:
            response = await self._http().post(
                self.settings.metrics_url.rstrip("/") + EVENTS_PATH,
                content=json.dumps(events, ensure_ascii=False).encode(),
                headers={**headers, "Content-Type": "application/json"},
            )
        except httpx.HTTPError as exc:
            raise MetricsUnavailable(f"POST {EVENTS_PATH}: {type(exc).__name__}: {exc}") from exc
        if response.status_code == 413 and len(events) > 1:
            # Larger than metrics-svc takes in one body: halve until it fits.
            half = len(events) // 2
            await self._post(workspace_id, ids[:half], events[:half], outcome)
            await self._post(workspace_id, ids[half:], events[half:], outcome)
            return
        rejected = _rejected_items(response)
        if rejected is None:
            if response.status_code == 413:
                rejected = {0: f"413: larger than metrics-svc takes ({response.text[:200]})"}
            else:
                raise MetricsUnavailable(
                    f"POST {EVENTS_PATH} answered {response.status_code}: {response.text[:300]}"
                )
        for index, event_id in enumerate(ids):
            if index in rejected:
                outcome.rejected[event_id] = rejected[index]
            else:
                outcome.delivered.append(event_id)

    async def _mark(
        self, session: AsyncSession, outcome: _Outcome, skipped: Sequence[uuid.UUID]
    ) -> None:
        m = self.model
        now = utcnow()
        if outcome.delivered:
            await session.execute(
                update(m)
                .where(m.id.in_(outcome.delivered))
                .values(delivered_at=now, updated_at=now, attempts=m.attempts + 1, last_error=None)
            )
        if skipped:
            await session.execute(
                update(m).where(m.id.in_(skipped)).values(delivered_at=now, updated_at=now)
            )
        for event_id, reason in outcome.rejected.items():
            await session.execute(
                update(m)
                .where(m.id == event_id)
                .values(
                    delivered_at=now,
                    updated_at=now,
                    attempts=m.attempts + 1,
                    last_error=f"rejected: {reason}"[:2000],
                )
            )

    async def _record_failure(self, ids: Sequence[uuid.UUID], error: str) -> None:
        """Note the failed attempt on the rows in a short transaction of its own (the pass's was
        rolled back). A row another replica has delivered meanwhile is left alone."""
        if not ids:
            return
        m = self.model
        try:
            async with self.database.sessionmaker() as session, session.begin():
                await session.execute(
                    update(m)
                    .where(m.id.in_(ids), m.delivered_at.is_(None))
                    .values(attempts=m.attempts + 1, last_error=error[:2000], updated_at=utcnow())
                )
        except Exception:
            log.exception("recording a failed outbox delivery failed")
        log.warning("outbox delivery failed; retrying with backoff", events=len(ids), error=error)

    # -- housekeeping -----------------------------------------------------------------------

    async def purge(self, *, now: datetime | None = None) -> int:
        """Delete delivered rows older than ``outbox_retention_days``; how many went."""
        m = self.model
        before = (now or utcnow()) - timedelta(days=self.settings.outbox_retention_days)
        removed = 0
        while True:
            async with self.database.sessionmaker() as session, session.begin():
                # With its values: a generic plan, made without the cut-off, reads the whole
                # table to find the old delivered rows (293 ms against 19 for 5,000 of 1,000,000,
                # bench/RESULTS.md, "background polls").
                await plan_with_values(session)
                chunk = (
                    select(m.id)
                    .where(m.delivered_at.is_not(None), m.delivered_at < before)
                    .limit(PURGE_CHUNK)
                    .scalar_subquery()
                )
                result = await session.execute(delete(m).where(m.id.in_(chunk)))
            count = int(getattr(result, "rowcount", 0) or 0)
            removed += count
            if count < PURGE_CHUNK:
                return removed

    async def refresh_gauges(self) -> tuple[int, float]:
        """Read the backlog and the age of its oldest event into the gauges; return both."""
        m = self.model
        async with self.database.sessionmaker() as session:
            pending, age = (
                await session.execute(
                    select(
                        func.count(),
                        func.coalesce(
                            func.extract("epoch", func.clock_timestamp() - func.min(m.created_at)),
                            0,
                        ),
                    ).where(m.delivered_at.is_(None))
                )
            ).one()
        backlog, oldest = int(pending), max(0.0, float(age))
        BACKLOG.labels(self.service).set(backlog)
        OLDEST_AGE.labels(self.service).set(oldest)
        return backlog, oldest


def _rejected_items(response: httpx.Response) -> dict[int, str] | None:
    """Index → reasons of the items metrics-svc refused, from a 200 (some refused) or a 422 that
    lists ``rejected`` (all refused); None for any other answer."""
    if response.status_code not in (200, 422):
        return None
    try:
        body = response.json()
    except ValueError:
        return None
    if not isinstance(body, dict) or not isinstance(body.get("rejected"), list):
        return None
    if response.status_code == 200 and "accepted" not in body:
        return None
    return {
        int(item["index"]): json.dumps(item.get("errors", []), ensure_ascii=False)
        for item in _items(body["rejected"])
    }


def _items(rejected: list[Any]) -> Iterator[dict[str, Any]]:
    for item in rejected:
        if isinstance(item, dict) and isinstance(item.get("index"), int):
            yield item


def relaying(
    model: type[OutboxEventMixin], event_types: MetricsEventTypes, settings: ServiceSettings
) -> Callable[[Database], Coroutine[object, object, None]]:
    """A background task for ``create_service_app``: the relay over the app's database."""

    async def relay(database: Database) -> None:
        await OutboxRelay(database, model, event_types, settings).run()

    return relay
