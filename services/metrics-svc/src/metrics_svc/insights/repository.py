from __future__ import annotations

from datetime import datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_svc.vocabulary import Dimension, EventType

EXPOSURE_TYPES = (EventType.IMPRESSION, EventType.VIEW)
ENGAGEMENT_TYPES = (
    EventType.CLICK,
    EventType.LIKE,
    EventType.FAVORITE,
    EventType.COMMENT,
    EventType.SHARE,
)


class InsightsRepository:
    def __init__(self, session: AsyncSession, workspace_id: str) -> None:
        self.session = session
        self.workspace_id = workspace_id

    async def hour_of_week(
        self, channel_id: str, start: datetime, end: datetime, tz: str
    ) -> list[tuple[int, int, int, int]]:
        """(ISO weekday, hour, exposures, engagements) per local hour of the week."""
        sql = """
            SELECT extract(isodow FROM bucket_at AT TIME ZONE :tz)::int,
                   extract(hour FROM bucket_at AT TIME ZONE :tz)::int,
                   coalesce(sum(event_count) FILTER (WHERE type = ANY(:exposure)), 0)::bigint,
                   coalesce(sum(event_count) FILTER (WHERE type = ANY(:engagement)), 0)::bigint
            FROM event_hourly_dim
            WHERE workspace_id = :ws AND dimension = :dimension AND dimension_value = :channel
              AND type = ANY(:types) AND bucket_at >= :start AND bucket_at < :end
            GROUP BY 1, 2
        """
        rows = await self.session.execute(
            text(sql),
            {
                "ws": self.workspace_id,
                "dimension": Dimension.CHANNEL_ID,
                "channel": channel_id,
                "tz": tz,
                "start": start,
                "end": end,
                "exposure": list(EXPOSURE_TYPES),
                "engagement": list(ENGAGEMENT_TYPES),
                "types": list(EXPOSURE_TYPES + ENGAGEMENT_TYPES),
            },
        )
        return [(int(r[0]), int(r[1]), int(r[2]), int(r[3])) for r in rows]
