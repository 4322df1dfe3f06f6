"""`make deploy-check` (scripts/deploy_check.py) passes on the repository and catches each kind
of mistake it is there for: a manifest the Kubernetes schema refuses, a Compose file the
specification refuses, a variable no settings class reads, a secret written down instead of
referenced, a missing probe, a grace period that differs between compose and Kubernetes, an
overlay that no longer renders."""

from __future__ import annotations

import copy
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "deploy_check.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("deploy_check", SCRIPT)
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["deploy_check"] = module
    spec.loader.exec_module(module)
    return module


dc = _load()


@pytest.fixture(scope="module")
def production() -> list[dict[str, Any]]:
    report = dc.Report()
    docs: list[dict[str, Any]] = dc.render(ROOT / "deploy/k8s/overlays/production", report)
    assert not report.problems
    return docs


@pytest.fixture
def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return data


def _find(docs: list[dict[str, Any]], kind: str, name: str) -> dict[str, Any]:
    (doc,) = [d for d in docs if d["kind"] == kind and d["metadata"]["name"] == name]
    return doc


def _container(docs: list[dict[str, Any]], kind: str, name: str) -> dict[str, Any]:
    container: dict[str, Any] = _find(docs, kind, name)["spec"]["template"]["spec"]["containers"][0]
    return container


def _k8s_problems(docs: list[dict[str, Any]]) -> list[str]:
    report = dc.Report()
    dc.check_kubernetes("production", docs, report)
    dc.check_migrations("production", docs, report)
    problems: list[str] = report.problems
    return problems


def test_the_repository_passes() -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT)], capture_output=True, text=True, timeout=600, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert "valid" in done.stdout


def test_the_rendered_manifests_pass_each_check(production: list[dict[str, Any]]) -> None:
    assert _k8s_problems(production) == []
    report = dc.Report()
    dc.check_schemas("production", production, report)
    assert report.problems == []


def test_a_manifest_the_kubernetes_schema_refuses_is_caught(
    production: list[dict[str, Any]],
) -> None:
    wrong_type = copy.deepcopy(_find(production, "Deployment", "campaign-svc"))
    wrong_type["spec"]["replicas"] = "two"
    misspelt = copy.deepcopy(_find(production, "Deployment", "campaign-svc"))
    misspelt["spec"]["template"]["spec"]["containers"][0]["livenesProbe"] = {}
    report = dc.Report()
    dc.check_schemas("production", [wrong_type, misspelt], report)
    text = "\n".join(report.problems)
    assert "Deployment/campaign-svc: Kubernetes 1.30.0 schema: spec/replicas" in text
    assert "'two' is not of type 'integer'" in text
    assert "'livenesProbe' was unexpected" in text


def test_a_variable_no_settings_class_reads_is_caught(
    production: list[dict[str, Any]], compose: dict[str, Any]
) -> None:
    docs = copy.deepcopy(production)
    _container(docs, "Deployment", "metrics-svc")["env"].append(
        {"name": "METRICS_FOLD_INTERVAL", "value": "1"}  # the setting is METRICS_FOLD_INTERVAL_S
    )
    configmap = next(d for d in docs if d["metadata"]["name"].startswith("campaign-svc-config"))
    configmap["data"]["CONTENT_URL"] = "http://content:8101"  # prefix forgotten
    problems = "\n".join(_k8s_problems(docs))
    assert "METRICS_FOLD_INTERVAL is not a setting of metrics-svc" in problems
    assert "CONTENT_URL is not a setting of campaign-svc" in problems

    compose["services"]["gateway"]["environment"]["GATEWAY_RATELIMIT_ENABLED"] = "false"
    compose["services"]["publisher"]["environment"]["MEDIAOPS_ENV"] = "development"
    report = dc.Report()
    dc.check_compose(compose, report)
    problems = "\n".join(report.problems)
    assert "GATEWAY_RATELIMIT_ENABLED is not a setting of gateway" in problems
    assert "services.publisher: MEDIAOPS_ENV is set" in problems


def test_a_secret_written_in_a_manifest_is_caught(production: list[dict[str, Any]]) -> None:
    docs = copy.deepcopy(production)
    env = _container(docs, "Deployment", "gateway")["env"]
    (jwt,) = [e for e in env if e["name"] == "GATEWAY_JWT_SECRET"]
    jwt.pop("valueFrom")
    jwt["value"] = "x" * 40
    configmap = next(d for d in docs if d["metadata"]["name"].startswith("content-svc-config"))
    configmap["data"]["CONTENT_DATABASE_URL"] = "postgresql://content:hunter2@db/content"
    docs.append(
        {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "x"}, "data": {"a": "YQ=="}}
    )
    problems = "\n".join(_k8s_problems(docs))
    assert "GATEWAY_JWT_SECRET is a secret written in value" in problems
    assert "ConfigMap/content-svc-config" in problems
    assert "holds CONTENT_DATABASE_URL, a secret" in problems
    assert "Secret/x: a Secret's values are in the repository" in problems


def test_a_missing_secret_and_probe_and_migration_are_caught(
    production: list[dict[str, Any]],
) -> None:
    docs = copy.deepcopy(production)
    container = _container(docs, "Deployment", "community-svc")
    container["env"] = [e for e in container["env"] if e["name"] != "COMMUNITY_INTERNAL_TOKEN"]
    container["readinessProbe"]["httpGet"]["path"] = "/healthz"
    del container["startupProbe"]
    docs.remove(_find(docs, "Job", "metrics-svc-migrate"))
    docs.remove(_find(docs, "PodDisruptionBudget", "gateway"))
    problems = "\n".join(_k8s_problems(docs))
    assert "COMMUNITY_INTERNAL_TOKEN is not given" in problems
    assert "Deployment/community-svc: no readinessProbe on /readyz" in problems
    assert "Deployment/community-svc: no startupProbe" in problems
    assert "no migration Job for metrics-svc" in problems
    assert "Deployment/gateway: no PodDisruptionBudget selects its pods" in problems


def test_a_compose_secret_with_a_default_or_written_in_is_caught(compose: dict[str, Any]) -> None:
    env = compose["services"]["gateway"]["environment"]
    env["GATEWAY_JWT_SECRET"] = "${GATEWAY_JWT_SECRET:-change-me-please-change-me-please}"
    env["GATEWAY_DATABASE_URL"] = "postgresql://mediaops:hunter2@postgres:5432/gateway"
    compose["services"]["metrics"]["environment"]["METRICS_INTERNAL_TOKEN"] = "a-real-token"
    compose["services"]["postgres"]["environment"]["POSTGRES_PASSWORD"] = "hunter2"
    report = dc.Report()
    dc.check_compose(compose, report)
    problems = "\n".join(report.problems)
    assert "GATEWAY_JWT_SECRET takes ${GATEWAY_JWT_SECRET:-" in problems
    assert "services.gateway: GATEWAY_DATABASE_URL has a password written in the file" in problems
    assert "services.metrics: METRICS_INTERNAL_TOKEN is written in the file" in problems
    assert "services.postgres: POSTGRES_PASSWORD is written in the file" in problems


def test_a_compose_file_the_specification_refuses_is_caught(compose: dict[str, Any]) -> None:
    compose["services"]["gateway"]["stop_grace_periode"] = "30s"
    compose["services"]["content"]["restart"] = ["always"]
    report = dc.Report()
    dc.check_compose_schema(compose, report)
    problems = "\n".join(report.problems)
    assert "'stop_grace_periode' was unexpected" in problems
    assert "services/content/restart" in problems


def test_grace_periods_that_differ_are_caught(
    production: list[dict[str, Any]], compose: dict[str, Any]
) -> None:
    compose["services"]["publisher"]["stop_grace_period"] = "1m"
    report = dc.Report()
    compose_graces = dc.check_compose(compose, report)
    kubernetes_graces = dc.check_kubernetes("production", production, report)
    dc.check_graces(compose_graces, kubernetes_graces, "production", report)
    assert report.problems == [
        "production: content-svc (python -m content_svc.worker): stop_grace_period 60 s in "
        "compose, terminationGracePeriodSeconds 90 s here"
    ]


def test_an_overlay_that_no_longer_renders_fails_the_whole_check(tmp_path: Path) -> None:
    """The production overlay pins the base's database rule it narrows (a JSON patch `test`):
    a base whose egress rules move makes the render, and so the check, fail."""
    shutil.copy(ROOT / "docker-compose.yml", tmp_path / "docker-compose.yml")
    shutil.copytree(ROOT / "deploy" / "k8s", tmp_path / "deploy" / "k8s")
    base = tmp_path / "deploy" / "k8s" / "base" / "metrics.yaml"
    docs = list(yaml.safe_load_all(base.read_text()))
    (policy,) = [d for d in docs if d["kind"] == "NetworkPolicy"]
    policy["spec"]["egress"].insert(0, {"to": [{"podSelector": {}}], "ports": [{"port": 9}]})
    base.write_text(yaml.safe_dump_all(docs))
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--root", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 1
    assert "overlays/production: kustomize failed" in done.stderr
    assert "testing value /spec/egress/0/ports/0/port" in done.stderr
