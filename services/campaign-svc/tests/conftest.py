from collections.abc import Iterator
from pathlib import Path

import pytest

from campaign_svc.config import Settings
from campaign_svc.main import create_app
from campaign_svc.models import OutboxEvent, metadata
from servicekit.testing import ServiceUnderTest

from .peers import DeadPort, PeerServer, RunningPeer

pytest_plugins = ["servicekit.testing.plugin"]

SERVICE_DIR = Path(__file__).resolve().parents[1]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "peers_down: content-svc and metrics-svc are unreachable (nothing listens) for the app",
    )
    config.addinivalue_line(
        "markers", "campaign_env(**variables): CAMPAIGN_* settings of the app under test"
    )


@pytest.fixture(scope="session")
def service_under_test() -> ServiceUnderTest:
    return ServiceUnderTest(
        name="campaign",
        alembic_ini=SERVICE_DIR / "alembic.ini",
        create_app=create_app,
        settings_cls=Settings,
        scopes=("campaign:read", "campaign:write"),
        metadata=metadata,
        outbox_model=OutboxEvent,
    )


@pytest.fixture(scope="session")
def running_peer() -> Iterator[RunningPeer]:
    running = RunningPeer()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def dead_port() -> Iterator[DeadPort]:
    dead = DeadPort()
    yield dead
    dead.close()


@pytest.fixture(autouse=True)
def peer(
    request: pytest.FixtureRequest,
    running_peer: RunningPeer,
    dead_port: DeadPort,
    monkeypatch: pytest.MonkeyPatch,
) -> PeerServer:
    """The stand-in for metrics-svc and content-svc, where every app of the test points (set
    before the app is made: autouse); with ``peers_down``, a port where nothing listens."""
    running_peer.peer.reset()
    url = dead_port.url if request.node.get_closest_marker("peers_down") else running_peer.peer.url
    monkeypatch.setenv("CAMPAIGN_METRICS_URL", url)
    monkeypatch.setenv("CAMPAIGN_CONTENT_URL", url)
    marker = request.node.get_closest_marker("campaign_env")
    for name, value in (marker.kwargs if marker else {}).items():
        monkeypatch.setenv(name, str(value))
    return running_peer.peer
