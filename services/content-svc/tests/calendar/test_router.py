"""The calendar: publications by local day in each channel's time zone."""

import uuid
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from servicekit.testing.headers import WORKSPACE_B
from servicekit.testing.plans import assert_planned_with_values

from .conftest import PlacePublication

WINDOW = {"from": "2026-11-22T00:00:00Z", "to": "2026-11-25T00:00:00Z"}


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


async def test_evening_utc_lands_on_next_local_day_in_shanghai(
    client: httpx.AsyncClient, place: PlacePublication
) -> None:
    pid = await place(at("2026-11-22T17:30:00+00:00"))
    r = await client.get("/v1/calendar", params=WINDOW)
    assert r.status_code == 200, r.text
    [day] = r.json()["days"]
    assert day["date"] == "2026-11-23"
    [item] = day["items"]
    assert item["publication"]["id"] == str(pid)
    assert item["local_time"] == "01:30"
    assert item["status"] == "scheduled"
    assert item["timezone"] == "Asia/Shanghai"
    assert item["channel_id"] == item["publication"]["channel_id"]


async def test_same_instant_is_a_different_day_per_channel_time_zone(
    client: httpx.AsyncClient, place: PlacePublication
) -> None:
    shanghai = await place(at("2026-11-22T17:30:00+00:00"))
    new_york = await place(at("2026-11-22T17:30:00+00:00"), timezone="America/New_York")
    days = (await client.get("/v1/calendar", params=WINDOW)).json()["days"]
    assert [(d["date"], [i["publication"]["id"] for i in d["items"]]) for d in days] == [
        ("2026-11-22", [str(new_york)]),
        ("2026-11-23", [str(shanghai)]),
    ]
    assert days[0]["items"][0]["local_time"] == "12:30"


async def test_published_and_failed_are_shown_cancelled_is_not(
    client: httpx.AsyncClient, place: PlacePublication
) -> None:
    published = await place(
        at("2026-11-23T02:00:00+00:00"),
        status="published",
        published_at=at("2026-11-23T03:15:00+00:00"),
        url="https://weibo.com/1",
    )
    failed = await place(
        at("2026-11-23T04:00:00+00:00"), status="failed", last_error="webhook answered 500: x"
    )
    await place(at("2026-11-23T05:00:00+00:00"), status="cancelled")
    [day] = (await client.get("/v1/calendar", params=WINDOW)).json()["days"]
    assert [(i["publication"]["id"], i["status"]) for i in day["items"]] == [
        (str(published), "published"),
        (str(failed), "failed"),
    ]
    assert day["items"][0]["local_time"] == "11:15"  # when it went out, not when it was due


async def test_window_and_channel_filter(
    client: httpx.AsyncClient, place: PlacePublication
) -> None:
    inside = await place(at("2026-11-23T01:00:00+00:00"))
    await place(at("2026-11-26T01:00:00+00:00"))  # after the window
    other_tz = await place(at("2026-11-23T01:00:00+00:00"), timezone="Europe/Berlin")
    days = (await client.get("/v1/calendar", params=WINDOW)).json()["days"]
    assert sorted(i["publication"]["id"] for d in days for i in d["items"]) == sorted(
        [str(inside), str(other_tz)]
    )
    berlin_channel = next(
        i["channel_id"] for d in days for i in d["items"] if i["publication"]["id"] == str(other_tz)
    )
    filtered = await client.get("/v1/calendar", params={**WINDOW, "channel_id": berlin_channel})
    assert [i["publication"]["id"] for d in filtered.json()["days"] for i in d["items"]] == [
        str(other_tz)
    ]


async def test_other_workspace_sees_an_empty_calendar_and_404_for_our_channel(
    client: httpx.AsyncClient,
    client_for: Callable[..., httpx.AsyncClient],
    place: PlacePublication,
) -> None:
    await place(at("2026-11-23T01:00:00+00:00"))
    [day] = (await client.get("/v1/calendar", params=WINDOW)).json()["days"]
    ours = day["items"][0]["channel_id"]
    foreign = await client_for(WORKSPACE_B).get(
        "/v1/calendar", params={**WINDOW, "channel_id": ours}
    )
    assert foreign.status_code == 404
    r = await client_for(WORKSPACE_B).get("/v1/calendar", params=WINDOW)
    assert r.json() == {"days": []}
    r = await client_for(WORKSPACE_B).get(
        "/v1/calendar", params={**WINDOW, "channel_id": str(uuid.uuid4())}
    )
    assert r.status_code == 404


async def test_bad_windows_are_422(client: httpx.AsyncClient) -> None:
    backwards = await client.get(
        "/v1/calendar", params={"from": "2026-11-25T00:00:00Z", "to": "2026-11-22T00:00:00Z"}
    )
    assert backwards.status_code == 422
    assert "must be after" in backwards.json()["detail"]
    too_wide = await client.get(
        "/v1/calendar", params={"from": "2026-01-01T00:00:00Z", "to": "2026-12-31T00:00:00Z"}
    )
    assert too_wide.status_code == 422
    assert "at most 93 days" in too_wide.json()["detail"]
    missing = await client.get("/v1/calendar", params={"from": "2026-11-22T00:00:00Z"})
    assert missing.status_code == 422
    naive = await client.get(
        "/v1/calendar", params={"from": "2026-11-22T00:00:00", "to": "2026-11-23T00:00:00Z"}
    )
    assert naive.status_code == 422


async def test_windows_near_year_9999_are_422_not_500(
    client: httpx.AsyncClient, place: PlacePublication
) -> None:
    # Stored before scheduled_at was capped: converting it to Shanghai time overflows.
    await place(at("9999-12-31T20:00:00+00:00"))
    for window in (
        {"from": "9999-12-01T00:00:00Z", "to": "9999-12-31T23:59:59Z"},
        {"from": "9999-12-31T00:00:00Z", "to": "9999-12-31T23:00:00-05:00"},
        {"from": "2199-12-01T00:00:00Z", "to": "2200-01-02T00:00:00Z"},
        {"from": "0001-01-01T00:00:00Z", "to": "0001-02-01T00:00:00Z"},
    ):
        r = await client.get("/v1/calendar", params=window)
        assert r.status_code == 422, (window, r.text)
        assert "out of range" in r.json()["detail"]
        assert "2200-01-01" in r.json()["detail"]
    edge = {"from": "2199-12-01T00:00:00Z", "to": "2200-01-01T00:00:00Z"}
    assert (await client.get("/v1/calendar", params=edge)).json() == {"days": []}


async def test_the_calendar_is_planned_with_its_values(
    client: httpx.AsyncClient, db_session: AsyncSession, place: PlacePublication
) -> None:
    """Whatever plan PostgreSQL would keep for the connection: one workspace may hold most of
    the publications (servicekit.db.plan_with_values)."""
    await place(at("2026-11-22T09:00:00+00:00"))

    async def get() -> None:
        r = await client.get("/v1/calendar", params=WINDOW)
        assert r.status_code == 200, r.text
        assert r.json()["days"]

    await assert_planned_with_values(db_session, get, "FROM publication JOIN channel")
