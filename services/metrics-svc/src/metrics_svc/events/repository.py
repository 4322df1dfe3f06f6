"""Bulk ingestion: one set-based statement that de-duplicates a batch by id and appends the new
events to the inbox (the fold, ``events/fold/``, moves them on into the event table and the
rollups)."""

from __future__ import annotations

import asyncpg
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_svc.events.columns import SENT_FIELDS, column_list, sent_fields_from_json
from servicekit.repository import rows_changed

# The acknowledged path, one statement: the batch arrives as one JSON array (already
# validated) that PostgreSQL expands set-wise, its ids go into the id table (ORDER BY:
# concurrent batches sharing ids lock them in the same order, so they queue instead of
# deadlocking) and its events are appended to the inbox. Everything else an event costs
# happens in the fold, in large chunks.
#
# Why JSON and not COPY into a staging table: the service's one event loop is the scarce
# resource of an ingest, and COPY needs every value as a Python object encoded by the driver
# where the JSON text is handed over as it came (or as it is encoded, <1 ms per 1,000 events)
# and parsed in C by PostgreSQL: parsed once as jsonb, whose fields ->> then finds without
# parsing again. Measured per 1,000 events: 5.7 ms, against 8.4 ms with json_to_recordset,
# 13.5 ms for COPY of the same rows including the driver's encoding, and 24 ms with ->> on
# json (which parses the object again for every field).
_BATCH = f"""
    SELECT {sent_fields_from_json("e")}, n
    FROM jsonb_array_elements(CAST(:batch AS jsonb)) WITH ORDINALITY AS a(e, n)
"""
# Each new event with the columns the service stamps: the caller's workspace and the time
# this transaction began.
_QUEUE = f"""
    INSERT INTO event_inbox (workspace_id, received_at, {column_list(SENT_FIELDS)})
    SELECT :ws, now(), {column_list(SENT_FIELDS, "b.")}
"""

# The first try assumes every id is new, the usual case: a plain unique insert of the ids
# costs ~40% less than ON CONFLICT's speculative insertion (measured 7.7 ms against 12.4 ms
# per 1,000 ids), and then every event of the batch is queued, with no de-duplication of the
# batch and no join. An id stored already, or twice in the batch, makes it fail; the batch is
# then sent again as _INGEST_ANY (see insert_events).
_INGEST_NEW = text(f"""
WITH batch AS MATERIALIZED ({_BATCH}), fresh AS (
    INSERT INTO event_dedup (workspace_id, id, occurred_at)
    SELECT :ws, id, occurred_at FROM batch ORDER BY id
)
{_QUEUE} FROM batch b
""")

# An id repeated in the batch keeps its first event; only the ids that are new are queued.
_INGEST_ANY = text(f"""
WITH batch AS MATERIALIZED (
    SELECT DISTINCT ON (id) * FROM ({_BATCH}) a ORDER BY id, n
), fresh AS (
    INSERT INTO event_dedup (workspace_id, id, occurred_at)
    SELECT :ws, id, occurred_at FROM batch ORDER BY id
    ON CONFLICT DO NOTHING
    RETURNING id
), queued AS (
    {_QUEUE} FROM batch b JOIN fresh f ON f.id = b.id
    RETURNING 1
)
SELECT count(*) FROM queued
""")


class BatchRefused(Exception):
    """PostgreSQL could not read a value of the batch: an id that is not a UUID, or JSON it
    does not take as it came (the batch goes item by item, each item encoded again)."""


class EventRepository:
    def __init__(self, session: AsyncSession, workspace_id: str) -> None:
        self.session = session
        self.workspace_id = workspace_id

    async def insert_events(self, batch_json: str) -> int:
        """Queue the events of ``batch_json`` (a JSON array) whose ids are new; returns how many
        were new. Raises ``BatchRefused`` when PostgreSQL cannot read a value (nothing is stored
        then).

        ``received_at`` is the database's clock at the start of this transaction, one clock for
        every replica: a fold takes only events received before its own transaction began,
        which includes every batch acknowledged before then."""
        params = {"ws": self.workspace_id, "batch": batch_json}
        try:
            async with self.session.begin_nested():
                return await rows_changed(self.session, _INGEST_NEW, params)
        except DBAPIError as exc:
            cause = exc.orig.__cause__ if exc.orig is not None else None
            if isinstance(cause, asyncpg.exceptions.DataError):
                raise BatchRefused() from exc
            if not isinstance(cause, asyncpg.exceptions.UniqueViolationError):
                raise
        # An id was stored already (a resend), or a concurrent batch holding it committed
        # first: the same statement with ON CONFLICT keeps only the new ids.
        return int((await self.session.execute(_INGEST_ANY, params)).scalar_one())
