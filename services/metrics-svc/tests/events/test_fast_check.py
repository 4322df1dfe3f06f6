"""The fast path's one-loop check of a batch (``service._fast_checked``): every event of a
batch is checked, whatever its place, and a time's offset is read as the clock would read it."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from metrics_svc.events.schemas import rfc3339_instant
from metrics_svc.events.service import read_batch

GOOD: dict[str, Any] = {"type": "view", "occurred_at": "2026-11-20T09:00:00Z", "actor_id": "u"}


def _batch(n: int) -> list[dict[str, Any]]:
    return [{**GOOD, "id": f"0b7f5c1e-8a1d-4c61-9d51-{i:012x}"} for i in range(n)]


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("2026-11-20T09:00:00Z", timedelta(0)),
        ("2026-11-20T09:00:00+00:00", timedelta(0)),
        ("2026-11-20T09:00:00-00:00", timedelta(0)),
        ("2026-11-20T09:00:00.5+15:59", timedelta(hours=15, minutes=59)),
        ("2026-11-20T09:00:00-15:59", -timedelta(hours=15, minutes=59)),
        ("2026-11-20T09:00:00+08:75", timedelta(hours=9, minutes=15)),
        ("2026-11-20T09:00:00+16:00", None),
        ("2026-11-20T09:00:00+15:75", None),  # 16:15, though its hours read 15
        ("2026-11-20T09:00:00-15:60", None),
        ("2026-11-20T09:00:00.1234567Z", None),
        ("2026-11-20T09:00:00.Z", None),
        ("2026-11-20t09:00:00Z", None),
        ("2026-11-20T09-00:00Z", None),
        ("2026/11-20T09:00:00Z", None),
    ],
)
def test_a_time_is_taken_with_the_offset_it_reads_as_and_beyond_15_59_refused(
    text: str, offset: timedelta | None
) -> None:
    at = rfc3339_instant(text)
    assert (at.utcoffset() if at is not None else None) == offset


def test_a_good_batch_is_taken_whole_with_each_event_s_time() -> None:
    batch = read_batch(json.dumps(_batch(1000)).encode())
    assert batch.fast is not None
    assert len(batch.fast) == 1000
    assert [e.id for e, _ in batch.fast] == [e["id"] for e in _batch(1000)]
    assert {at.isoformat() for _, at in batch.fast} == {"2026-11-20T09:00:00+00:00"}


@pytest.mark.parametrize("place", [0, 499, 999])
@pytest.mark.parametrize(
    "bad",
    [
        {"type": "teleport"},
        {"type": "custom."},
        {"id": "0b7f5c1e8a1d-4c61-9d51-3b1f4c2a7e01-"},
        {"occurred_at": "2026-11-20T09:00:00+16:00"},
        {"type": "referral_accept", "props": {"referrer_id": ""}},
        {"type": "group_stage", "props": {"stage": 7}},
    ],
)
def test_one_refused_event_anywhere_sends_the_batch_item_by_item(
    place: int, bad: dict[str, Any]
) -> None:
    events = _batch(1000)
    events[place] |= bad
    batch = read_batch(json.dumps(events).encode())
    assert batch.fast is None
    assert batch.items is not None
    assert len(batch.items) == 1000


def test_custom_types_and_the_props_a_type_reads_pass_the_fast_check() -> None:
    events = _batch(3)
    events[0] |= {"type": "custom.live_gift"}
    events[1] |= {"type": "referral_accept", "props": {"referrer_id": "u-9"}}
    events[2] |= {"type": "sop_run_start", "props": {"template_id": "t-1", "other": [1]}}
    batch = read_batch(json.dumps(events).encode())
    assert batch.fast is not None
    assert len(batch.fast) == 3
