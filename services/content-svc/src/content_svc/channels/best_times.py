"""A channel's best publishing times: learned by metrics-svc from the channel's history when it
has enough, else the channel's own prime-time slots; and the next best slot, the moment a
publication scheduled "at the next best slot" goes out.

The next best slot is the next occurrence, strictly after now and in the channel's time zone,
of the best learned slot (metrics' first; a publication waits for the hour that did best rather
than take a lesser one sooner) or, as the fallback, the soonest of the channel's prime-time
slots (which the channel lists as equals). Wall-clock times follow the zone's daylight-saving
changes; a slot in an hour the clocks skip falls that much later.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from content_svc.channels.models import Channel
from content_svc.insights import BestTimesLookup

TOO_LITTLE_HISTORY = (
    "metrics-svc has too little history for this channel yet (no hour of the week with "
    "enough exposures)"
)


class BestTimesSource(StrEnum):
    LEARNED = "learned"
    CHANNEL_PRIME_TIME = "channel_prime_time"


@dataclass(frozen=True, slots=True)
class Slot:
    """A recurring moment of the week in the channel's time zone, with its record if learned."""

    weekday: int
    at: time
    exposures: int | None = None
    engagements: int | None = None
    engagement_rate: float | None = None


@dataclass(frozen=True, slots=True)
class BestTimes:
    channel_id: uuid.UUID
    timezone: str
    source: BestTimesSource
    # Why the channel's prime time answers (None when learned).
    reason: str | None
    slots: list[Slot]
    next_best_slot: datetime | None


def prime_time_slots(channel: Channel) -> list[Slot]:
    """The channel's prime-time slots, in week order."""
    slots = [
        Slot(weekday=int(s["weekday"]), at=time.fromisoformat(str(s["time"])))
        for s in channel.prime_time_slots or []
    ]
    return sorted(slots, key=lambda s: (s.weekday, s.at))


def next_occurrence(slots: Sequence[Slot], zone: ZoneInfo, after: datetime) -> datetime | None:
    """The soonest instant (UTC) strictly after ``after`` at which one of ``slots`` falls in
    ``zone``; None without slots."""
    today = after.astimezone(zone).date()
    candidates = [
        _instant(day, slot.at, zone)
        for slot in slots
        # Eight days from today: today's slot may be past, the same weekday next week is not.
        for day in (today + timedelta(days=n) for n in range(8))
        if day.isoweekday() == slot.weekday
    ]
    return min((c for c in candidates if c > after), default=None)


def _instant(day: date, at: time, zone: ZoneInfo) -> datetime:
    # Round-tripped through UTC: a wall time the clocks skip comes out as the instant after.
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


async def best_times(channel: Channel, lookup: BestTimesLookup, now: datetime) -> BestTimes:
    zone = ZoneInfo(channel.timezone)
    answer = await lookup(channel.id, channel.timezone)
    if answer.slots:
        learned = [
            Slot(s.weekday, time(s.hour), s.exposures, s.engagements, s.engagement_rate)
            for s in answer.slots
        ]
        return BestTimes(
            channel_id=channel.id,
            timezone=channel.timezone,
            source=BestTimesSource.LEARNED,
            reason=None,
            slots=learned,
            next_best_slot=next_occurrence(learned[:1], zone, now),
        )
    fallback = prime_time_slots(channel)
    return BestTimes(
        channel_id=channel.id,
        timezone=channel.timezone,
        source=BestTimesSource.CHANNEL_PRIME_TIME,
        reason=answer.unavailable or TOO_LITTLE_HISTORY,
        slots=fallback,
        next_best_slot=next_occurrence(fallback, zone, now),
    )
