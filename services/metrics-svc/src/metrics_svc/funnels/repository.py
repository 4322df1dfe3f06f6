"""Funnels read raw events: one CTE per step, each keeping per actor the first time the step
was reached after the previous one (and within the window from the first step). Actor ids are
compared under the "C" collation: byte order is all an equality join needs, and sorting and
hashing under the database's linguistic collation costs several times more."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_svc.metrics.repository import tune_for_analytics
from metrics_svc.vocabulary import Dimension


class FunnelRepository:
    def __init__(self, session: AsyncSession, workspace_id: str) -> None:
        self.session = session
        self.workspace_id = workspace_id

    async def step_counts(
        self,
        steps: Sequence[tuple[str, dict[str, str]]],
        start: datetime,
        end: datetime,
        window: timedelta,
    ) -> list[int]:
        params: dict[str, object] = {
            "ws": self.workspace_id,
            "start": start,
            "end": end,
            "window": window,
        }
        ctes: list[str] = []
        for i, (type_, filters) in enumerate(steps):
            params[f"t{i}"] = type_
            where = ""
            for dim, value in filters.items():
                assert dim in set(Dimension)  # identifiers from a closed set, values bound
                where += f" AND e.{dim} = :f{i}_{dim}"
                params[f"f{i}_{dim}"] = value
            if i == 0:
                # The deadline (first step + window) once per actor, not once per joined row.
                ctes.append(
                    f"""s0 AS (
                        SELECT e.actor_id COLLATE "C" AS actor_id, min(e.occurred_at) AS at,
                               min(e.occurred_at) + CAST(:window AS interval) AS deadline
                        FROM event e
                        WHERE e.workspace_id = :ws AND e.type = :t0 AND e.actor_id IS NOT NULL
                          AND e.occurred_at >= :start AND e.occurred_at < :end {where}
                        GROUP BY 1)"""
                )
            else:
                # Grouped by the actor alone (the deadline is the actor's, carried by min()):
                # one grouping key instead of two.
                ctes.append(
                    f"""s{i} AS (
                        SELECT p.actor_id, min(p.deadline) AS deadline, min(e.occurred_at) AS at
                        FROM s{i - 1} p
                        JOIN event e ON e.actor_id COLLATE "C" = p.actor_id
                        WHERE e.workspace_id = :ws AND e.type = :t{i}
                          AND e.occurred_at >= :start
                          AND e.occurred_at < CAST(:end AS timestamptz) + CAST(:window AS interval)
                          AND e.occurred_at >= p.at AND e.occurred_at <= p.deadline {where}
                        GROUP BY p.actor_id)"""
                )
        counts = ", ".join(f"(SELECT count(*) FROM s{i})" for i in range(len(steps)))
        sql = f"WITH {', '.join(ctes)} SELECT {counts}"
        await tune_for_analytics(self.session)
        row = (await self.session.execute(text(sql), params)).one()
        return [int(v) for v in row]
