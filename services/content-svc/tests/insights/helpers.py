from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import httpx


def days_ahead(zone: str, days: int, at: time) -> tuple[int, datetime]:
    """The local weekday ``days`` from today in ``zone`` and the instant (UTC) of ``at`` that
    day: a slot that day is the next one as long as no nearer slot exists."""
    tz = ZoneInfo(zone)
    day = datetime.now(tz).date() + timedelta(days=days)
    return day.isoweekday(), datetime.combine(day, at, tzinfo=tz).astimezone(UTC)


async def make_channel(
    client: httpx.AsyncClient, timezone: str, prime_time: list[dict[str, object]] | None = None
) -> str:
    r = await client.post(
        "/v1/channels",
        json={
            "platform": "weibo",
            "name": "品牌微博",
            "handle": f"brand_{timezone.replace('/', '_').lower()}",
            "timezone": timezone,
            "prime_time_slots": prime_time or [],
        },
    )
    assert r.status_code == 201, r.text
    return str(r.json()["id"])
