"""Settings from ``GATEWAY_*`` variables, including per-upstream read timeouts."""

from __future__ import annotations

import pydantic
import pytest

from gateway.config import Settings
from gateway.upstreams import build_upstreams


def test_defaults_match_make_run(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [
        "GATEWAY_CONTENT_URL",
        "GATEWAY_CAMPAIGN_URL",
        "GATEWAY_COMMUNITY_URL",
        "GATEWAY_METRICS_URL",
        "GATEWAY_JWT_SECRET",
    ]:
        monkeypatch.delenv(name, raising=False)
    settings = Settings()
    assert [settings.upstream_url(u) for u in ("content", "campaign", "community", "metrics")] == [
        "http://127.0.0.1:8101",
        "http://127.0.0.1:8102",
        "http://127.0.0.1:8103",
        "http://127.0.0.1:8104",
    ]
    assert settings.jwt_secret.get_secret_value() == "mediaops-dev-jwt-secret-not-for-production"
    assert settings.max_body_bytes == 1_048_576
    assert (settings.connect_timeout_s, settings.read_timeout_s) == (2.0, 30.0)


def test_environment_sets_urls_and_per_upstream_read_timeouts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GATEWAY_METRICS_URL", "http://metrics.internal:9000/")
    monkeypatch.setenv("GATEWAY_READ_TIMEOUT_S", "12")
    monkeypatch.setenv("GATEWAY_READ_TIMEOUT_OVERRIDES_S", '{"metrics": 60}')
    upstreams = build_upstreams(Settings())
    assert upstreams["metrics"].base_url == "http://metrics.internal:9000"
    assert upstreams["metrics"].read_timeout_s == 60
    assert upstreams["content"].read_timeout_s == 12
    assert upstreams["content"].connect_timeout_s == 2
    assert (upstreams["metrics"].origin.host, upstreams["metrics"].origin.port) == (
        "metrics.internal",
        9000,
    )


def test_an_override_for_an_unknown_upstream_is_refused() -> None:
    with pytest.raises(pydantic.ValidationError, match="unknown upstream"):
        Settings(read_timeout_overrides_s={"billing": 5})


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"GATEWAY_JWT_SECRET": "j" * 40}, "GATEWAY_INTERNAL_TOKEN"),
        ({"GATEWAY_INTERNAL_TOKEN": "t" * 40}, "GATEWAY_JWT_SECRET is not set"),
        (
            {"GATEWAY_INTERNAL_TOKEN": "t" * 40, "GATEWAY_JWT_SECRET": "j" * 31},
            "GATEWAY_JWT_SECRET is shorter than 32 bytes",
        ),
    ],
)
def test_outside_development_mode_development_secrets_are_refused(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], variable: str
) -> None:
    monkeypatch.delenv("MEDIAOPS_ENV")
    for name in ("GATEWAY_JWT_SECRET", "GATEWAY_INTERNAL_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(pydantic.ValidationError, match=variable) as refused:
        Settings()
    assert "MEDIAOPS_ENV=development" in str(refused.value)


def test_outside_development_mode_real_secrets_are_accepted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("MEDIAOPS_ENV")
    monkeypatch.setenv("GATEWAY_INTERNAL_TOKEN", "t" * 40)
    monkeypatch.setenv("GATEWAY_JWT_SECRET", "j" * 32)
    assert Settings().jwt_secret.get_secret_value() == "j" * 32


def test_the_pool_lets_idle_connections_go_before_the_services_do() -> None:
    assert Settings().upstream_keepalive_s == 15.0
