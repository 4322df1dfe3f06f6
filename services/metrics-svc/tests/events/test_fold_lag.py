"""``mediaops_metrics_fold_lag_seconds``: how long acknowledged events have waited unfolded."""

from prometheus_client import REGISTRY

from metrics_svc.events.fold.loop import FoldLag


def gauge() -> float | None:
    return REGISTRY.get_sample_value("mediaops_metrics_fold_lag_seconds")


def test_the_lag_counts_from_when_the_inbox_was_last_empty() -> None:
    lag = FoldLag(now=100.0)
    assert lag.observe(False, 101.0) == 0.0
    assert gauge() == 0.0
    assert lag.observe(True, 103.5) == 2.5  # events arrived after the empty look at 101
    assert lag.observe(True, 110.0) == 9.0
    assert gauge() == 9.0
    assert lag.observe(False, 111.0) == 0.0  # caught up
    assert lag.observe(True, 111.5) == 0.5
