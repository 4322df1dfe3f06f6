"""What the attribution report reads. Conversions and touches are raw events: a conversion's
credit depends on the actor's events before it, which no rollup keeps. Both queries read the
event table through ``ix_event_workspace_id_type_occurred_at`` (workspace, a list of types, a
time range: one index range per type, and only the window's monthly partitions), then check
the campaign, group or publications, and the actor, on the rows found. The window is at most
366 days (the service refuses longer ones), so a report reads at most a year of the campaign's
conversions and of its converting actors' touches. Impressions and clicks, the bulk of the
events, come from the hourly rollup ``event_hourly`` instead (per publication, through its
primary key and its publication index)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_svc.metrics.repository import tune_for_analytics
from metrics_svc.vocabulary import Dimension, EventType


@dataclass(frozen=True, slots=True)
class Conversion:
    id: str
    type: str
    occurred_at: datetime
    actor_id: str | None
    publication_id: str | None
    channel_id: str | None
    post_id: str | None
    value: float | None


@dataclass(frozen=True, slots=True)
class Touch:
    actor_id: str
    occurred_at: datetime
    id: str
    publication_id: str
    channel_id: str | None
    post_id: str | None


@dataclass(frozen=True, slots=True)
class TouchCount:
    publication_id: str
    channel_id: str
    post_id: str
    type: str
    count: int


class AttributionRepository:
    def __init__(self, session: AsyncSession, workspace_id: str) -> None:
        self.session = session
        self.workspace_id = workspace_id

    async def conversions(
        self,
        scope: Dimension,
        scope_id: str,
        types: Sequence[str],
        start: datetime,
        end: datetime,
    ) -> list[Conversion]:
        """The events of ``types`` in [start, end) carrying ``scope`` = ``scope_id``."""
        assert scope in (Dimension.CAMPAIGN_ID, Dimension.GROUP_ID)  # an identifier, not input
        sql = f"""
            SELECT id, type, occurred_at, actor_id, publication_id, channel_id, post_id, value
            FROM event
            WHERE workspace_id = :ws AND type = ANY(:types)
              AND occurred_at >= :start AND occurred_at < :end AND {scope} = :scope_id
            ORDER BY occurred_at, id
        """
        params = {
            "ws": self.workspace_id,
            "types": list(types),
            "start": start,
            "end": end,
            "scope_id": scope_id,
        }
        await tune_for_analytics(self.session)
        rows = await self.session.execute(text(sql), params)
        return [Conversion(str(r[0]), r[1], r[2], r[3], r[4], r[5], r[6], r[7]) for r in rows.all()]

    async def publication_conversions(
        self, publications: Collection[str], types: Sequence[str], start: datetime, end: datetime
    ) -> list[Conversion]:
        """The events of ``types`` in [start, end) carrying one of ``publications`` (made with
        its tracking code), whatever their campaign or group."""
        sql = """
            SELECT id, type, occurred_at, actor_id, publication_id, channel_id, post_id, value
            FROM event
            WHERE workspace_id = :ws AND type = ANY(:types)
              AND occurred_at >= :start AND occurred_at < :end
              AND publication_id = ANY(:publications)
            ORDER BY occurred_at, id
        """
        params = {
            "ws": self.workspace_id,
            "types": list(types),
            "start": start,
            "end": end,
            "publications": sorted(publications),
        }
        await tune_for_analytics(self.session)
        rows = await self.session.execute(text(sql), params)
        return [Conversion(str(r[0]), r[1], r[2], r[3], r[4], r[5], r[6], r[7]) for r in rows.all()]

    async def touches(
        self, actors: Collection[str], types: Sequence[str], start: datetime, end: datetime
    ) -> list[Touch]:
        """The events of ``actors`` of ``types`` in [start, end) that carry a publication, in
        time order (ties by id) per actor."""
        if not actors:
            return []
        sql = """
            SELECT actor_id, occurred_at, id, publication_id, channel_id, post_id
            FROM event
            WHERE workspace_id = :ws AND type = ANY(:types)
              AND occurred_at >= :start AND occurred_at < :end
              AND publication_id IS NOT NULL AND actor_id = ANY(:actors)
            ORDER BY actor_id, occurred_at, id
        """
        params = {
            "ws": self.workspace_id,
            "types": list(types),
            "start": start,
            "end": end,
            "actors": sorted(actors),
        }
        rows = await self.session.execute(text(sql), params)
        return [Touch(r[0], r[1], str(r[2]), r[3], r[4], r[5]) for r in rows.all()]

    async def touch_counts(
        self,
        scope: Dimension | None,
        scope_id: str | None,
        publications: Collection[str],
        types: Sequence[str],
        start: datetime,
        end: datetime,
    ) -> list[TouchCount]:
        """Events of ``types`` per publication (with the channel and post they carry) in the
        hours starting in [start, end), of the events carrying a publication that either carry
        ``scope`` = ``scope_id`` (when a scope is given) or are on one of ``publications``."""
        assert scope in (None, Dimension.CAMPAIGN_ID, Dimension.GROUP_ID)  # not input
        of_scope = f"{scope} = :scope_id OR " if scope is not None else ""
        sql = f"""
            SELECT publication_id, channel_id, post_id, type, sum(event_count)::bigint
            FROM event_hourly
            WHERE workspace_id = :ws AND type = ANY(:types)
              AND bucket_at >= :start AND bucket_at < :end AND publication_id <> ''
              AND ({of_scope}publication_id = ANY(:publications))
            GROUP BY 1, 2, 3, 4
        """
        params: dict[str, object] = {
            "ws": self.workspace_id,
            "types": list(types),
            "start": start,
            "end": end,
            "publications": sorted(publications),
        }
        if scope is not None:
            params["scope_id"] = scope_id
        rows = await self.session.execute(text(sql), params)
        return [TouchCount(r[0], r[1], r[2], r[3], int(r[4])) for r in rows.all()]


# Every type an actor's touch can be: any event of the vocabulary but `publish` (the operator's,
# never an actor's). custom.* types are left out: the index is read one type at a time.
TOUCH_TYPES: tuple[str, ...] = tuple(t.value for t in EventType if t is not EventType.PUBLISH)
