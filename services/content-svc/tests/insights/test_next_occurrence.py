"""The next occurrence of a weekly slot in a channel's time zone, to the second."""

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from content_svc.channels.best_times import Slot, next_occurrence

SHANGHAI = ZoneInfo("Asia/Shanghai")
NEW_YORK = ZoneInfo("America/New_York")
# Thursday 2026-12-03, 20:00 in Shanghai.
THURSDAY_8PM_SHANGHAI = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


def test_a_slot_later_today_is_today() -> None:
    got = next_occurrence([Slot(4, time(21, 30))], SHANGHAI, THURSDAY_8PM_SHANGHAI)
    assert got == datetime(2026, 12, 3, 13, 30, tzinfo=UTC)


def test_a_slot_exactly_now_is_next_week() -> None:
    got = next_occurrence([Slot(4, time(20, 0))], SHANGHAI, THURSDAY_8PM_SHANGHAI)
    assert got == datetime(2026, 12, 10, 12, 0, tzinfo=UTC)


def test_a_slot_earlier_in_the_week_is_next_week() -> None:
    got = next_occurrence([Slot(1, time(8, 0))], SHANGHAI, THURSDAY_8PM_SHANGHAI)
    assert got == datetime(2026, 12, 7, 0, 0, tzinfo=UTC)  # Monday 08:00 Shanghai


def test_the_soonest_of_several_slots_wins() -> None:
    slots = [Slot(1, time(8, 0)), Slot(6, time(9, 0)), Slot(5, time(0, 15))]
    got = next_occurrence(slots, SHANGHAI, THURSDAY_8PM_SHANGHAI)
    assert got == datetime(2026, 12, 3, 16, 15, tzinfo=UTC)  # Friday 00:15 Shanghai


def test_the_local_day_decides_not_the_utc_day() -> None:
    # 2026-12-03 23:00 UTC is already Friday 07:00 in Shanghai: Friday 08:00 is an hour away.
    got = next_occurrence([Slot(5, time(8, 0))], SHANGHAI, datetime(2026, 12, 3, 23, 0, tzinfo=UTC))
    assert got == datetime(2026, 12, 4, 0, 0, tzinfo=UTC)


def test_the_wall_clock_is_kept_across_a_daylight_saving_change() -> None:
    # New York leaves daylight saving on Sunday 2026-11-01: Sunday 10:00 is 15:00 UTC, not 14:00.
    friday = datetime(2026, 10, 30, 16, 0, tzinfo=UTC)
    got = next_occurrence([Slot(7, time(10, 0))], NEW_YORK, friday)
    assert got == datetime(2026, 11, 1, 15, 0, tzinfo=UTC)


def test_a_slot_in_an_hour_the_clocks_skip_falls_an_hour_later() -> None:
    # New York skips 02:00-03:00 on Sunday 2026-03-08; 02:30 that day is 03:30 EDT (07:30 UTC).
    got = next_occurrence([Slot(7, time(2, 30))], NEW_YORK, datetime(2026, 3, 7, 12, 0, tzinfo=UTC))
    assert got == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)


def test_no_slots_no_occurrence() -> None:
    assert next_occurrence([], SHANGHAI, THURSDAY_8PM_SHANGHAI) is None
