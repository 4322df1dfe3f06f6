"""deploy/prometheus/alerts.yml: every rule well formed, every metric it reads one the apps
export, and every runbook link a section of deploy/README.md."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
ALERTS = ROOT / "deploy" / "prometheus" / "alerts.yml"
SOURCES = [ROOT / "libs", ROOT / "services", ROOT / "gateway"]
METRIC = re.compile(r"\b((?:mediaops|gateway)_[a-z_]+)\b")
# What Prometheus adds to a metric's own name when it exposes its series.
SUFFIXES = ("_total", "_bucket", "_count", "_sum")


def rules() -> list[dict[str, Any]]:
    document = yaml.safe_load(ALERTS.read_text())
    return [rule for group in document["groups"] for rule in group["rules"]]


def defined_metrics() -> set[str]:
    """The names passed to prometheus-client in the apps' sources."""
    names: set[str] = set()
    for root in SOURCES:
        for path in root.rglob("*.py"):
            if "src" not in path.relative_to(ROOT).parts:
                continue
            names |= set(re.findall(r'"((?:mediaops|gateway)_[a-z_]+)"', path.read_text()))
    return names


def anchor(heading: str) -> str:
    return re.sub(r"[^a-z0-9 -]", "", heading.lower()).strip().replace(" ", "-")


@pytest.mark.parametrize("rule", rules(), ids=lambda r: r["alert"])
def test_each_rule_reads_exported_metrics_and_links_its_runbook(rule: dict[str, Any]) -> None:
    assert rule["labels"]["severity"] in {"page", "ticket", "info"}
    assert rule["annotations"]["summary"]
    defined = defined_metrics()
    used = set(METRIC.findall(rule["expr"]))
    assert used, rule["expr"]
    for name in used:
        base = next((name[: -len(s)] for s in SUFFIXES if name.endswith(s)), name)
        assert {name, base} & defined, f"{rule['alert']}: no app exports {name}"
    readme = (ROOT / "deploy" / "README.md").read_text()
    headings = {anchor(h) for h in re.findall(r"^#+ (.+)$", readme, re.MULTILINE)}
    link = rule["annotations"]["runbook"]
    assert link.startswith("deploy/README.md#")
    assert link.split("#", 1)[1] in headings, f"{rule['alert']}: no section {link}"
