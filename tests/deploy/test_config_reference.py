"""deploy/README.md's configuration reference is the one scripts/config_reference.py writes from
the settings classes: every variable of every app, its default and its meaning."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from campaign_svc.config import Settings as CampaignSettings
from gateway.config import Settings as GatewaySettings

ROOT = Path(__file__).resolve().parents[2]


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "config_reference", ROOT / "scripts" / "config_reference.py"
    )
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["config_reference"] = module
    spec.loader.exec_module(module)
    return module


ref = _load()


def test_the_readme_holds_the_reference_the_code_generates() -> None:
    written = ref.current((ROOT / "deploy" / "README.md").read_text())
    assert written, "deploy/README.md has no configuration reference markers"
    assert written == ref.reference(), (
        "deploy/README.md's configuration reference differs from the settings classes: run "
        "`uv run --frozen --all-packages python scripts/config_reference.py --write`"
    )


def test_every_variable_of_every_app_is_listed_with_a_meaning() -> None:
    for title, path in ref.APPS.items():
        cls = ref.settings_class(path)
        rows = ref.rows(cls)
        prefix = cls.model_config["env_prefix"]
        assert [r.variable for r in rows] == [f"{prefix}{n.upper()}" for n in cls.model_fields]
        for row in rows:
            assert row.meaning, f"{title}: {row.variable} has no meaning (comment it in the class)"
            assert row.default, row.variable


def test_each_app_shows_its_own_default() -> None:
    """A service overriding servicekit's default shows its own value (the defaults the root
    README once had wrong: campaign's pool, metrics' body limit)."""
    text = ref.reference()
    assert "| `CAMPAIGN_DB_POOL_SIZE` | `20` |" in text
    assert "| `CONTENT_DB_POOL_SIZE` | `10` |" in text
    assert "| `METRICS_MAX_BODY_BYTES` | `4194304` |" in text
    assert "| `GATEWAY_DB_POOL_SIZE` | `5` |" in text
    assert CampaignSettings.model_fields["db_pool_size"].default == 20
    assert "GATEWAY_REDIS_URL" in text
    assert len(GatewaySettings.model_fields) == sum(
        1 for line in text.splitlines() if line.startswith("| `GATEWAY_")
    )


def test_a_changed_default_makes_the_written_reference_stale() -> None:
    written = ref.current((ROOT / "deploy" / "README.md").read_text())
    stale = written.replace(
        "| `CAMPAIGN_DB_POOL_SIZE` | `20` |", "| `CAMPAIGN_DB_POOL_SIZE` | `10` |"
    )
    assert stale != written
    assert stale != ref.reference()
