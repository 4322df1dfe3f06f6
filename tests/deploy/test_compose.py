"""docker-compose.yml cannot run here (no Docker engine), so check it against the code:
every service, port, variable and start-up order the code expects."""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from pydantic_settings import BaseSettings

from campaign_svc.config import Settings as CampaignSettings
from community_svc.config import Settings as CommunitySettings
from content_svc.config import Settings as ContentSettings
from gateway.config import Settings as GatewaySettings
from metrics_svc.config import Settings as MetricsSettings

ROOT = Path(__file__).resolve().parents[2]
SETTINGS: dict[str, type[BaseSettings]] = {
    "content": ContentSettings,
    "campaign": CampaignSettings,
    "community": CommunitySettings,
    "metrics": MetricsSettings,
}


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services: dict[str, Any] = data["services"]
    return services


def procfile_ports() -> dict[str, int]:
    ports = {}
    for line in (ROOT / "Procfile").read_text().splitlines():
        name, _, command = line.partition(":")
        if m := re.search(r"--port (\d+)", command):
            ports[name.strip()] = int(m.group(1))
    return ports


DOCKERFILE = ROOT / "Dockerfile"


def image_of(service: dict[str, Any], app: str, package: str) -> dict[str, str]:
    """The build arguments of ``service``'s image, checked to name ``app`` and ``package`` and to
    use the one Dockerfile every app is built from."""
    build = service["build"]
    assert (build["context"], build["dockerfile"]) == (".", "Dockerfile")
    args: dict[str, str] = build["args"]
    assert (args["APP"], args["PACKAGE"]) == (app, package)
    return args


def image_port(args: dict[str, str]) -> int:
    """The port an image built with ``args`` exposes and serves on."""
    text = DOCKERFILE.read_text()
    assert re.search(r"^EXPOSE \$\{PORT\}$", text, re.MULTILINE), "the image exposes no port"
    assert re.search(r"UVICORN_PORT=\$\{PORT\}", text), "the image serves on another port"
    return int(args["PORT"])


def published_port(service: dict[str, Any]) -> int:
    (mapping,) = service["ports"]
    host, _, container = str(mapping).partition(":")
    assert host == container, f"{mapping}: host and container ports differ"
    return int(container)


def service_port(service: dict[str, Any]) -> int:
    """The port a service's container serves on (not published: only the gateway is)."""
    assert "ports" not in service, "only the gateway is published"
    return image_port(service["build"]["args"])


def test_every_app_is_checked_restarted_limited_and_given_a_grace_period(
    compose: dict[str, Any],
) -> None:
    for name in [*SETTINGS, "gateway", "publisher"]:
        service = compose[name]
        assert service["restart"] == "unless-stopped", name
        assert service["stop_grace_period"].endswith("s"), name
        limits = service["deploy"]["resources"]["limits"]
        assert limits["cpus"], name
        assert limits["memory"], name
        if name == "publisher":
            continue
        check = service["healthcheck"]
        assert "/healthz" in " ".join(check["test"]), name
    for name in ("postgres", "valkey"):
        assert compose[name]["healthcheck"]["test"], name
    published = {name for name, service in compose.items() if "ports" in service}
    assert published == {"gateway"}


def env_fields(settings: type[BaseSettings], env: dict[str, str]) -> set[str]:
    prefix = str(settings.model_config.get("env_prefix", ""))
    unknown = {k for k in env if not k.startswith(prefix)}
    assert not unknown, f"{unknown} do not carry the {prefix} prefix"
    fields = {k[len(prefix) :].lower() for k in env}
    assert fields <= set(settings.model_fields), (
        f"not settings: {fields - set(settings.model_fields)}"
    )
    return fields


@pytest.mark.parametrize("name", list(SETTINGS))
def test_each_service_is_built_configured_and_migrated_first(
    compose: dict[str, Any], name: str
) -> None:
    service, migrate = compose[name], compose[f"{name}-migrate"]
    image = image_of(service, f"services/{name}-svc", f"{name}-svc")
    assert migrate["build"] == service["build"]
    port = service_port(service)
    assert port == image_port(image) == procfile_ports()[name]

    settings = SETTINGS[name]
    prefix = str(settings.model_config["env_prefix"])
    assert env_fields(settings, service["environment"]) >= {"database_url", "internal_token"}
    assert migrate["environment"] == service["environment"]
    # Compose substitutes ${VAR:?message} (whose `?` urlsplit would take for a query) first.
    url = urlsplit(
        re.sub(r"\$\{[^}]*\}", "secret", service["environment"][f"{prefix}DATABASE_URL"])
    )
    assert (url.hostname, url.port, url.path) == ("postgres", 5432, f"/{name}")
    init_sql = (ROOT / "deploy/compose/init-databases.sql").read_text()
    assert f"CREATE DATABASE {name};" in init_sql

    assert migrate["command"] == ["alembic", "upgrade", "heads"]
    assert migrate["restart"] == "no"
    assert migrate["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert service["depends_on"][f"{name}-migrate"]["condition"] == (
        "service_completed_successfully"
    )


def test_publisher_worker_runs_the_worker_module_after_content_migrations(
    compose: dict[str, Any],
) -> None:
    worker = compose["publisher"]
    assert worker["build"] == compose["content"]["build"]
    assert worker["command"] == ["python", "-m", "content_svc.worker"]
    # content-svc's settings, and its own /healthz and /metrics on the compose network, which
    # its healthcheck asks.
    assert worker["environment"] == {
        **compose["content"]["environment"],
        "CONTENT_WORKER_HTTP_HOST": "0.0.0.0",
    }
    assert "127.0.0.1:8105/healthz" in " ".join(worker["healthcheck"]["test"])
    assert worker["depends_on"]["content-migrate"]["condition"] == "service_completed_successfully"
    assert "python -m content_svc.worker" in (ROOT / "Procfile").read_text()


def test_gateway_points_at_every_service_with_the_shared_token(compose: dict[str, Any]) -> None:
    gateway = compose["gateway"]
    env = gateway["environment"]
    fields = env_fields(GatewaySettings, env)
    assert {"jwt_secret", "internal_token", "database_url"} <= fields
    assert published_port(gateway) == image_port(image_of(gateway, "gateway", "gateway"))
    assert published_port(gateway) == procfile_ports()["gateway"]
    for name, settings in SETTINGS.items():
        port = service_port(compose[name])
        assert env[f"GATEWAY_{name.upper()}_URL"] == f"http://{name}:{port}"
        token_key = f"{settings.model_config['env_prefix']}INTERNAL_TOKEN"
        assert compose[name]["environment"][token_key] == env["GATEWAY_INTERNAL_TOKEN"]
    assert set(gateway["depends_on"]) == {*SETTINGS, "gateway-migrate", "valkey"}
    for name in SETTINGS:
        assert gateway["depends_on"][name]["condition"] == "service_healthy"
    redis = urlsplit(re.sub(r"\$\{[^}]*\}", "secret", env["GATEWAY_REDIS_URL"]))
    assert (redis.hostname, redis.port, redis.password) == ("valkey", 6379, "secret")


def test_gateway_has_its_own_database_migrated_first(compose: dict[str, Any]) -> None:
    gateway, migrate = compose["gateway"], compose["gateway-migrate"]
    assert migrate["build"] == gateway["build"]
    assert migrate["environment"] == gateway["environment"]
    url = urlsplit(re.sub(r"\$\{[^}]*\}", "secret", gateway["environment"]["GATEWAY_DATABASE_URL"]))
    assert (url.hostname, url.port, url.path) == ("postgres", 5432, "/gateway")
    assert "CREATE DATABASE gateway;" in (ROOT / "deploy/compose/init-databases.sql").read_text()
    assert (ROOT / "gateway" / "alembic.ini").exists()
    assert migrate["command"] == ["alembic", "upgrade", "heads"]
    assert migrate["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert gateway["depends_on"]["gateway-migrate"]["condition"] == (
        "service_completed_successfully"
    )


PROTOCOL = "servicekit.headercap:HeaderCappedHttpToolsProtocol"


def _option(command: list[str], option: str) -> str:
    assert option in command, f"{option} missing from {command}"
    return command[command.index(option) + 1]


def _server_commands(compose: dict[str, Any]) -> dict[str, list[list[str]]]:
    """Every way each server is started: Procfile, compose, its image, the e2e stack."""
    from tests.e2e.stack import Stack

    procfile = {
        # A leading VAR=value sets the gateway's pool idle time on its own line.
        name.strip(): [w for w in command.split() if "=" not in w or w.startswith("-")]
        for name, _, command in (
            line.partition(":") for line in (ROOT / "Procfile").read_text().splitlines()
        )
        if "uvicorn" in command
    }
    stack = Stack({}, ROOT, ports=dict.fromkeys([*SETTINGS, "gateway"], 1))
    # One CMD serves every image; the app it starts comes from the image's FACTORY argument.
    cmd = re.search(r"^CMD (\[.*?\])", DOCKERFILE.read_text(), re.MULTILINE | re.DOTALL)
    assert cmd, "the Dockerfile has no CMD"
    image = yaml.safe_load(cmd.group(1).replace("\\\n", ""))
    assert re.search(r"UVICORN_APP=\$\{FACTORY\}", DOCKERFILE.read_text())
    commands: dict[str, list[list[str]]] = {}
    for name in [*SETTINGS, "gateway"]:
        factory = compose[name]["build"]["args"]["FACTORY"]
        module, _, attribute = factory.partition(":")
        assert callable(getattr(importlib.import_module(module), attribute)), factory
        # compose starts each server with its image's CMD: the command is written once.
        assert "command" not in compose[name], name
        commands[name] = [procfile[name], image, stack.command(name)]
    return commands


# Set per app by the image (UVICORN_APP, UVICORN_PORT, --host 0.0.0.0) or left to replicas
# (one process per container), so they may differ between the Procfile and the image; the log
# config is one file, named from where each starts (test below).
PER_PLACE = {"--host", "--port", "--workers", "--log-config"}


def _options(command: list[str]) -> dict[str, str | None]:
    """A server command's options (``--name value`` or a bare ``--flag``), less the program,
    the app and what each place sets for itself."""
    options: dict[str, str | None] = {}
    words = [w for w in command if ":create_app" not in w]
    for i, word in enumerate(words):
        if word.startswith("--") and word not in PER_PLACE:
            following = words[i + 1] if i + 1 < len(words) else None
            value = following if following and not following.startswith("--") else None
            options[word] = value
    return options


def test_the_image_starts_each_server_as_the_procfile_does(compose: dict[str, Any]) -> None:
    """The Procfile is where a server's start command changes first (worker count, server,
    options); the image's CMD must follow it. When this fails, update the Dockerfile's CMD
    (one for every server image) to the Procfile's new options."""
    for name, (procfile, image, _) in _server_commands(compose).items():
        assert procfile[0] == image[0], f"{name}: the Procfile runs {procfile[0]}"
        assert _options(procfile) == _options(image), name


def test_servers_keep_connections_longer_than_the_gateway_pool_does(
    compose: dict[str, Any],
) -> None:
    from tests.e2e.stack import GATEWAY_UPSTREAM_KEEPALIVE_S, SERVER_KEEPALIVE_S

    for name, commands in _server_commands(compose).items():
        for command in commands:
            assert float(_option(command, "--timeout-keep-alive")) == SERVER_KEEPALIVE_S, name
            assert _option(command, "--http") == PROTOCOL, name
    pool_idle = float(compose["gateway"]["environment"]["GATEWAY_UPSTREAM_KEEPALIVE_S"])
    default = GatewaySettings.model_fields["upstream_keepalive_s"].default
    assert pool_idle == default == GATEWAY_UPSTREAM_KEEPALIVE_S
    # Set explicitly where the gateway starts outside compose too: the Procfile (its image
    # keeps the settings' default, equal to it as checked above, and sets nothing else).
    procfile = (ROOT / "Procfile").read_text()
    assert f"GATEWAY_UPSTREAM_KEEPALIVE_S=${{GATEWAY_UPSTREAM_KEEPALIVE_S:-{pool_idle:g}}}" in (
        procfile
    )
    assert "GATEWAY_UPSTREAM_KEEPALIVE_S" not in DOCKERFILE.read_text()
    # Well below, not just below: the service's clock starts a little before the gateway's.
    assert pool_idle * 2 <= SERVER_KEEPALIVE_S


def test_no_secret_has_a_silent_default(compose: dict[str, Any]) -> None:
    text = (ROOT / "docker-compose.yml").read_text()
    assert "change-me" not in text
    for variable in (
        "MEDIAOPS_INTERNAL_TOKEN",
        "GATEWAY_JWT_SECRET",
        "POSTGRES_PASSWORD",
        "VALKEY_PASSWORD",
    ):
        assert re.search(r"\$\{" + variable + r":\?[^}]+\}", text), variable
        assert "${" + variable + ":-" not in text


def test_every_server_logs_uvicorns_own_lines_as_json(compose: dict[str, Any]) -> None:
    """One log config for every server, wherever it starts: the image's path is the same file
    under /app (where the Dockerfile copies servicekit's sources)."""
    from tests.e2e.stack import LOG_CONFIG

    config = ROOT / LOG_CONFIG
    assert json.loads(config.read_text())["formatters"]
    for name, (procfile, image, stack) in _server_commands(compose).items():
        assert _option(procfile, "--log-config") == LOG_CONFIG, name
        assert _option(stack, "--log-config") == LOG_CONFIG, name
        assert _option(image, "--log-config") == "/app/" + LOG_CONFIG, name
    assert "COPY --from=build /app/libs/servicekit/src /app/libs/servicekit/src" in (
        DOCKERFILE.read_text()
    )
