"""Where a goal stands: the one status rule of targets (``/v1/targets``) and of live progress
(``/v1/metrics/{name}/progress``, which campaign and group goals read).

``actual`` is the metric from the start of the period to now (or its end, whichever is first).
- ``achieved``: actual ≥ target (at any time);
- ``missed``: the period has ended below target;
- ``on_track``: actual ≥ expected, where expected = target x elapsed share of the period for
  counts and amounts (pro-rata) and the target itself for ratios and averages;
- ``at_risk``: below expected while the period runs (before it starts, expected is 0 for
  counts and amounts, so a goal that has not started is on_track)."""

from __future__ import annotations

from datetime import datetime

from metrics_svc.vocabulary import TargetStatus


def goal_status(
    start: datetime,
    end: datetime,
    target: float,
    actual: float | None,
    additive: bool,
    now: datetime,
) -> tuple[float, TargetStatus]:
    """(expected by ``now``, status) of reaching ``target`` within [start, end)."""
    span = (end - start).total_seconds()
    elapsed = min(max((now - start).total_seconds(), 0.0), span)
    expected = target * elapsed / span if additive else target
    value = actual or 0.0
    if value >= target:
        return expected, TargetStatus.ACHIEVED
    if now >= end:
        return expected, TargetStatus.MISSED
    if additive and now < start:
        return expected, TargetStatus.ON_TRACK
    return expected, TargetStatus.ON_TRACK if value >= expected else TargetStatus.AT_RISK
