from collections.abc import Iterator

import pytest

from ..publications.conftest import make_post
from .metrics_peer import MetricsPeer, running_metrics_peer

__all__ = ["make_post"]


@pytest.fixture(autouse=True)
def metrics_peer(monkeypatch: pytest.MonkeyPatch) -> Iterator[MetricsPeer]:
    """The metrics-svc the app under test calls (autouse, so it runs before the app is made
    and the app's settings read its address); a short timeout keeps the slow case quick."""
    with running_metrics_peer() as peer:
        monkeypatch.setenv("CONTENT_METRICS_URL", peer.url)
        monkeypatch.setenv("CONTENT_METRICS_TIMEOUT_S", "0.5")
        yield peer
