"""Best publishing times: the hours of the week (in the channel's time zone) whose content
drew the most engagement per exposure over the last ``days`` days. Slots with fewer than
``min_exposures`` exposures are left out: a single lucky view is not a pattern."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from metrics_svc.insights.repository import InsightsRepository
from metrics_svc.insights.schemas import BestTimes, TimeSlot


async def best_times(
    repo: InsightsRepository,
    channel_id: str,
    tz: ZoneInfo,
    *,
    days: int,
    limit: int,
    min_exposures: int,
    now: datetime | None = None,
) -> BestTimes:
    end = now or datetime.now(UTC)
    rows = await repo.hour_of_week(channel_id, end - timedelta(days=days), end, tz.key)
    slots = [
        TimeSlot(
            weekday=weekday,
            hour=hour,
            exposures=exposures,
            engagements=engagements,
            engagement_rate=engagements / exposures,
        )
        for weekday, hour, exposures, engagements in rows
        if exposures >= min_exposures and exposures > 0
    ]
    # Highest rate first; more evidence wins a tie; then calendar order for stability.
    slots.sort(key=lambda s: (-s.engagement_rate, -s.exposures, s.weekday, s.hour))
    return BestTimes(channel_id=channel_id, tz=tz.key, days=days, slots=slots[:limit])
