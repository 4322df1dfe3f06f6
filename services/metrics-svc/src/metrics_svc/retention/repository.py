"""Retention reads raw events: each actor's first cohort event, then the distinct local periods
in which they did the return event. Actor ids are grouped and joined under the "C" collation
(byte order suffices for equality and is several times cheaper to sort)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_svc.metrics.repository import tune_for_analytics
from metrics_svc.vocabulary import Dimension, RetentionPeriod


class RetentionRepository:
    def __init__(self, session: AsyncSession, workspace_id: str) -> None:
        self.session = session
        self.workspace_id = workspace_id

    async def cohort_table(
        self,
        *,
        cohort_event: str,
        return_event: str,
        start: datetime,
        end: datetime,
        returns_end: datetime,
        period: RetentionPeriod,
        periods: int,
        tz: str,
        filters: dict[str, str],
    ) -> list[tuple[date, int, int]]:
        """(cohort period start, period index, actors); index -1 carries the cohort size."""
        days = period.days
        where = ""
        params: dict[str, object] = {
            "ws": self.workspace_id,
            "ct": cohort_event,
            "rt": return_event,
            "start": start,
            "end": end,
            "returns_end": returns_end,
            "tz": tz,
            "periods": periods,
        }
        for dim, value in filters.items():
            assert dim in set(Dimension)  # identifiers from a closed set, values bound
            where += f" AND {dim} = :f_{dim}"
            params[f"f_{dim}"] = value
        sql = f"""
            WITH first AS (
                SELECT actor_id COLLATE "C" AS actor_id,
                       date_trunc('{period}', min(occurred_at) AT TIME ZONE :tz)::date AS cohort
                FROM event
                WHERE workspace_id = :ws AND type = :ct AND actor_id IS NOT NULL
                  AND occurred_at >= :start AND occurred_at < :end {where}
                GROUP BY 1
            ), back AS (
                SELECT DISTINCT actor_id COLLATE "C" AS actor_id,
                       date_trunc('{period}', occurred_at AT TIME ZONE :tz)::date AS p
                FROM event
                WHERE workspace_id = :ws AND type = :rt AND actor_id IS NOT NULL
                  AND occurred_at >= :start AND occurred_at < :returns_end {where}
            )
            SELECT cohort, -1 AS idx, count(*) FROM first GROUP BY cohort
            UNION ALL
            SELECT f.cohort, (b.p - f.cohort) / {days} AS idx, count(*)
            FROM first f JOIN back b ON b.actor_id = f.actor_id
            WHERE b.p >= f.cohort AND (b.p - f.cohort) / {days} < :periods
            GROUP BY 1, 2
        """
        await tune_for_analytics(self.session)
        rows = await self.session.execute(text(sql), params)
        return [(r[0], int(r[1]), int(r[2])) for r in rows]
