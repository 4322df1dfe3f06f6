from collections.abc import Iterator
from pathlib import Path

import pytest

from campaign_svc.config import Settings
from campaign_svc.main import create_app
from campaign_svc.models import OutboxEvent, metadata
from servicekit.testing import ServiceUnderTest
from servicekit.testing.servers import StandIn, refusing_port, serving_stand_in

pytest_plugins = ["servicekit.testing.plugin"]

SERVICE_DIR = Path(__file__).resolve().parents[1]
# The scope each peer route campaign-svc calls asks for, by path prefix: the stand-in refuses
# a call without it, as content-svc and metrics-svc do.
PEER_SCOPES = {
    "/v1/metrics/": "metrics:read",
    "/v1/attribution": "metrics:read",
    "/v1/tracking-codes/": "content:read",
    "/v1/publications/": "content:read",
}


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
def stand_in() -> Iterator[StandIn]:
    with serving_stand_in(scopes=PEER_SCOPES) as served:
        yield served


@pytest.fixture(scope="session")
def dead_url() -> Iterator[str]:
    with refusing_port() as url:
        yield url


@pytest.fixture(autouse=True)
def peer(
    request: pytest.FixtureRequest,
    stand_in: StandIn,
    dead_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> StandIn:
    """The stand-in for metrics-svc and content-svc, where every app of the test points (set
    before the app is made: autouse); with ``peers_down``, a port where nothing listens."""
    stand_in.reset()
    url = dead_url if request.node.get_closest_marker("peers_down") else stand_in.url
    monkeypatch.setenv("CAMPAIGN_METRICS_URL", url)
    monkeypatch.setenv("CAMPAIGN_CONTENT_URL", url)
    marker = request.node.get_closest_marker("campaign_env")
    for name, value in (marker.kwargs if marker else {}).items():
        monkeypatch.setenv(name, str(value))
    return stand_in
