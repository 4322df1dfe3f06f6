"""Development secrets are accepted only in development mode (``MEDIAOPS_ENV=development``)."""

import pydantic
import pytest
from pydantic_settings import SettingsConfigDict

from servicekit.settings import DEV_INTERNAL_TOKEN, ServiceSettings


class PrefixedSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="DEMO_", extra="ignore", env_file=None)


def test_outside_development_mode_the_development_token_stops_the_service(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("MEDIAOPS_ENV")
    monkeypatch.delenv("DEMO_INTERNAL_TOKEN", raising=False)
    with pytest.raises(pydantic.ValidationError) as refused:
        PrefixedSettings()
    message = str(refused.value)
    assert "DEMO_INTERNAL_TOKEN is not set" in message
    assert "MEDIAOPS_ENV=development" in message
    monkeypatch.setenv("DEMO_INTERNAL_TOKEN", DEV_INTERNAL_TOKEN)  # spelt out: no better
    with pytest.raises(pydantic.ValidationError, match="DEMO_INTERNAL_TOKEN"):
        PrefixedSettings()


@pytest.mark.parametrize("mode", ["production", "", "dev"])
def test_only_the_exact_development_switch_allows_it(
    monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    monkeypatch.setenv("MEDIAOPS_ENV", mode)
    with pytest.raises(pydantic.ValidationError, match="INTERNAL_TOKEN"):
        ServiceSettings()


def test_a_real_token_needs_no_development_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MEDIAOPS_ENV")
    monkeypatch.setenv("DEMO_INTERNAL_TOKEN", "a-long-random-internal-token")
    assert PrefixedSettings().internal_token.get_secret_value() == "a-long-random-internal-token"


def test_development_mode_runs_on_the_development_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEDIAOPS_ENV", "development")
    assert ServiceSettings().internal_token.get_secret_value() == DEV_INTERNAL_TOKEN
