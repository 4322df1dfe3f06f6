"""The fast path (one msgspec call for a batch of valid items) never accepts what the
item-by-item path (pydantic) would refuse, and reads the same values; what it refuses, or an id
PostgreSQL cannot read, goes item by item with each bad item named."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from pydantic import ValidationError
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_svc.events.schemas import event_adapter
from metrics_svc.events.service import read_batch

from ..fixture import ev

NOW = datetime.now(UTC).replace(microsecond=0)
ID = "0b7f5c1e-8a1d-4c61-9d51-3b1f4c2a7e01"
BASE: dict[str, Any] = {"id": ID, "type": "view", "occurred_at": "2026-11-20T09:00:00Z"}

EDGE_CASES: list[dict[str, Any]] = [
    {},
    {"id": ID.upper()},
    {"id": ID.replace("-", "")},
    {"id": "{" + ID + "}"},
    {"id": "urn:uuid:" + ID},
    {"id": 12345},
    {"occurred_at": "2026-11-20T09:00:00.1234567Z"},
    {"occurred_at": "2026-11-20T09:00:00.123456+05:45"},
    {"occurred_at": "2026-11-20T09:00:00.5Z"},
    {"occurred_at": "2026-11-20T09:00:60Z"},
    {"occurred_at": "2026-11-20T09:00:00-00:00"},
    {"occurred_at": "2026-02-30T09:00:00Z"},
    {"occurred_at": "2026-11-20T24:00:00Z"},
    {"occurred_at": "2026-11-20T09:00:00+2400"},
    {"occurred_at": "2026-11-20T09:00:00z"},
    {"occurred_at": "2026-11-20 09:00:00+08:00"},
    {"occurred_at": "2026-11-20T09:00:00"},
    {"occurred_at": 1763629200},
    {"occurred_at": "2026-11-20"},
    {"value": 3},
    {"value": 2.5},
    {"value": "12.5"},
    {"value": True},
    {"value": 1e308},
    {"value": None},
    {"props": None},
    {"props": {}},
    {"props": {"referrer_id": "u-1", "n": [1, {"x": "中文"}]}},
    {"props": [1]},
    {"extra": 1},
    {"actor_id": ""},
    {"actor_id": "a" * 128},
    {"actor_id": "a" * 129},
    {"channel_id": "c" * 64},
    {"channel_id": "c" * 65},
    {"type": "custom.live_gift"},
    {"type": "custom."},
    {"type": "Click"},
    {"type": None},
    {"campaign_id": 7},
]


@pytest.mark.parametrize("change", EDGE_CASES, ids=[json.dumps(c)[:40] for c in EDGE_CASES])
def test_fast_path_takes_only_what_the_item_path_takes_with_the_same_values(
    change: dict[str, Any],
) -> None:
    item = {**BASE, **change}
    batch = read_batch(json.dumps([item]).encode())
    try:
        slow = event_adapter.validate_python(item)
    except ValidationError:
        slow = None
    if batch.fast is None:
        return  # refused by the fast path: the item path decides, as above
    assert slow is not None, f"the fast path took {item} which EventIn refuses"
    ((fast, at),) = batch.fast
    assert uuid.UUID(fast.id) == slow.id
    assert at == slow.occurred_at
    for name in ("type", "actor_id", "channel_id", "campaign_id", "value", "props"):
        assert getattr(fast, name) == getattr(slow, name), name


async def test_id_with_the_right_shape_but_no_hex_digits_is_rejected_by_index(
    client: httpx.AsyncClient,
) -> None:
    batch = [ev("view", NOW, f"reader-{i}", channel_id="ch-hex") for i in range(5)]
    batch[2]["id"] = "zzzzzzzz-8a1d-4c61-9d51-3b1f4c2a7e01"
    body = (await client.post("/v1/events", json=batch)).json()
    assert body["accepted"] == 4
    assert [r["index"] for r in body["rejected"]] == [2]
    assert body["rejected"][0]["errors"][0]["loc"] == ["id"]


async def test_same_id_in_two_spellings_in_one_batch_counts_once(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    first = ev("view", NOW, "reader", channel_id="ch-case")
    again = {
        **first,
        "id": first["id"].upper(),
        "occurred_at": (NOW - timedelta(hours=1)).isoformat(),
    }
    body = (await client.post("/v1/events", json=[first, again])).json()
    assert body == {"accepted": 1, "duplicates": 1, "rejected": []}
    window = {
        "from": (NOW - timedelta(days=1)).isoformat(),
        "to": (NOW + timedelta(hours=1)).isoformat(),
    }
    r = await client.get("/v1/metrics/views", params={**window, "channel_id": "ch-case"})
    series = r.json()["series"][0]
    assert series["total"] == 1
    # The first of the two is the one kept (the read above folded it into the event table).
    kept = await db_session.execute(
        text("SELECT occurred_at FROM event WHERE channel_id = 'ch-case'")
    )
    assert kept.scalars().all() == [NOW]


async def test_items_the_fold_could_not_store_are_rejected_by_index_and_the_rest_kept(
    client: httpx.AsyncClient,
) -> None:
    """What would make the fold fail for good (and with it every read) is refused at the door,
    item by item: a referrer id longer than an actor id may be, a value whose sums could
    overflow, a NUL character, half a surrogate pair."""
    batch = [ev("view", NOW, f"reader-{i}", channel_id="ch-poison") for i in range(7)]
    batch[1] = ev("referral_accept", NOW, "invitee", props={"referrer_id": "r" * 129})
    batch[2] = ev("purchase", NOW, "buyer", 1e308)
    batch[3] = ev("view", NOW, "nul\u0000reader")
    batch[4] = ev("view", NOW, "reader-4", props={"note": "a\u0000b"})
    batch[5] = ev("view", NOW, "reader-5", props={"note": "half\ud800pair"})
    # As JSON text can carry it: escaped (json.dumps escapes everything beyond ASCII).
    sent = json.dumps(batch).encode()
    r = await client.post("/v1/events", content=sent, headers={"Content-Type": "application/json"})
    body = r.json()
    assert body["accepted"] == 2
    assert [r["index"] for r in body["rejected"]] == [1, 2, 3, 4, 5]
    reasons = {r["index"]: r["errors"][0]["msg"] for r in body["rejected"]}
    assert "referrer_id" in reasons[1]
    assert "1e+15" in reasons[2]
    assert "NUL" in reasons[3]
    assert "NUL" in reasons[4]
    assert "surrogate" in reasons[5]
    # Each text refusal names its field, so a client can find what to clean.
    places = {r["index"]: r["errors"][0]["loc"] for r in body["rejected"]}
    assert places[3][-1] == "actor_id"
    assert places[4][-1] == "props"
    assert places[5][-1] == "props"
    start, end = NOW - timedelta(days=1), NOW + timedelta(hours=1)
    window = {"from": start.isoformat(), "to": end.isoformat(), "channel_id": "ch-poison"}
    series = (await client.get("/v1/metrics/views", params=window)).json()["series"][0]
    assert series["total"] == 2


async def test_time_with_an_offset_postgresql_cannot_read_is_stored_in_utc(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    far = ev("view", NOW, "far-east", channel_id="ch-offset")
    far["occurred_at"] = (NOW + timedelta(hours=16)).strftime("%Y-%m-%dT%H:%M:%S") + "+16:00"
    near = ev("view", NOW, "near", channel_id="ch-offset")
    body = (await client.post("/v1/events", json=[far, near])).json()
    assert body == {"accepted": 2, "duplicates": 0, "rejected": []}
    start, end = NOW - timedelta(days=1), NOW + timedelta(hours=1)
    window = {"from": start.isoformat(), "to": end.isoformat(), "channel_id": "ch-offset"}
    assert (await client.get("/v1/metrics/views", params=window)).json()["series"][0]["total"] == 2
    stored = await db_session.execute(
        text("SELECT occurred_at FROM event WHERE channel_id = 'ch-offset'")
    )
    assert stored.scalars().all() == [NOW, NOW]
