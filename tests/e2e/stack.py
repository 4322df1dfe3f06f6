"""The whole stack as real processes on free localhost ports, for the end-to-end tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("content", "campaign", "community", "metrics")
# The gateway's own database (API keys), under this key of ``Stack.database_urls``.
GATEWAY_DATABASE = "gateway"
INTERNAL_TOKEN = "e2e-internal-token"
JWT_SECRET = "e2e-jwt-secret-at-least-32-bytes-long"
# The production keep-alive settings (Procfile, docker-compose.yml, the images): every server
# keeps an idle connection longer than the gateway keeps an idle pooled upstream connection.
SERVER_KEEPALIVE_S = 75
GATEWAY_UPSTREAM_KEEPALIVE_S = 15
HTTP_PROTOCOL = "servicekit.headercap:HeaderCappedHttpToolsProtocol"
# uvicorn's own lines as JSON (the Procfile's option; relative to the repository, the cwd).
LOG_CONFIG = "libs/servicekit/src/servicekit/uvicorn-logging.json"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(url: str, timeout_s: float = 120.0) -> None:
    deadline = time.monotonic() + timeout_s
    last = "no answer"
    while time.monotonic() < deadline:
        try:
            r = httpx.get(url, timeout=1.0)
            if r.status_code == 200:
                return
            last = f"{r.status_code} {r.text[:200]}"
        except httpx.HTTPError as exc:
            last = repr(exc)
        time.sleep(0.1)
    raise TimeoutError(f"{url} not ready after {timeout_s} s: {last}")


def service_of(name: str) -> str:
    """The service a process name runs: ``campaign``, or ``campaign-2`` for a second process of
    it on the same database."""
    return name.split("-", 1)[0]


@dataclass
class Stack:
    database_urls: dict[str, str]
    log_dir: Path
    ports: dict[str, int] = field(default_factory=dict)
    procs: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    # GATEWAY_* settings of the gateways started with start_gateway, by name.
    gateway_env: dict[str, dict[str, str]] = field(default_factory=dict)
    # Where each process's own lines begin in its log: a name started again in the same session
    # appends to the file an earlier run wrote.
    log_starts: dict[str, int] = field(default_factory=dict)
    # Settings added to (or replacing) a process's environment when it next starts, by name.
    extra_env: dict[str, dict[str, str]] = field(default_factory=dict)

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.ports[name]}"

    @property
    def gateway(self) -> str:
        return self.url("gateway")

    def env(self, name: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("GATEWAY_", "CONTENT_"))}
        env["LOG_JSON"] = "true"
        env["MEDIAOPS_ENV"] = "development"
        if (service := service_of(name)) in SERVICES:
            prefix = service.upper()
            env[f"{prefix}_DATABASE_URL"] = self.database_urls[service]
            env[f"{prefix}_INTERNAL_TOKEN"] = INTERNAL_TOKEN
            env.update(self.peers_env(prefix))
            if service == "content":  # the publishing test's receiver listens on 127.0.0.1
                env["CONTENT_WEBHOOK_ALLOW_PRIVATE"] = "true"
        elif name == "publisher":
            env["CONTENT_DATABASE_URL"] = self.database_urls["content"]
            env["CONTENT_INTERNAL_TOKEN"] = INTERNAL_TOKEN
            env.update(self.peers_env("CONTENT"))
            # Poll often so a publication scheduled 2 s ahead goes out promptly in the tests.
            env["CONTENT_WORKER_POLL_INTERVAL_S"] = "0.2"
            # Its /healthz and /metrics are tested with the worker itself (content-svc's tests);
            # here they would only claim a port another stack on this machine may hold.
            env["CONTENT_WORKER_HTTP_PORT"] = "0"
            # The publishing test's webhook receiver listens on 127.0.0.1.
            env["CONTENT_WEBHOOK_ALLOW_PRIVATE"] = "true"
        else:
            env["GATEWAY_INTERNAL_TOKEN"] = INTERNAL_TOKEN
            env["GATEWAY_JWT_SECRET"] = JWT_SECRET
            if GATEWAY_DATABASE in self.database_urls:  # its own: the API keys
                env["GATEWAY_DATABASE_URL"] = self.database_urls[GATEWAY_DATABASE]
            env["GATEWAY_UPSTREAM_KEEPALIVE_S"] = str(GATEWAY_UPSTREAM_KEEPALIVE_S)
            for svc in SERVICES:
                env[f"GATEWAY_{svc.upper()}_URL"] = self.url(svc)
            env.update(self.gateway_env.get(name, {}))
        env.update(self.extra_env.get(name, {}))
        return env

    def peers_env(self, prefix: str) -> dict[str, str]:
        """Where a service finds its peers in this stack (content-svc for tracking codes,
        metrics-svc for the outbox relay, live goals and best times), and the relay's settings:
        look for new events often, wait at most 2 s between attempts while metrics-svc is down.
        Jobs are looked for often too, and a killed process's jobs are taken over 3 s on."""
        return {
            # campaign and community resolve tracking codes at content-svc (content ignores it).
            f"{prefix}_CONTENT_URL": self.url("content"),
            f"{prefix}_METRICS_URL": self.url("metrics"),
            f"{prefix}_RELAY_POLL_INTERVAL_S": "0.2",
            f"{prefix}_RELAY_RETRY_MAX_S": "2",
            f"{prefix}_JOB_POLL_INTERVAL_S": "0.2",
            f"{prefix}_JOB_LEASE_S": "3",
        }

    def command(self, name: str) -> list[str]:
        if name == "publisher":
            return [sys.executable, "-m", "content_svc.worker"]
        module = "gateway.main" if name.startswith("gateway") else f"{service_of(name)}_svc.main"
        return [
            sys.executable, "-m", "uvicorn", "--factory", f"{module}:create_app",
            "--host", "127.0.0.1", "--port", str(self.ports[name]), "--no-access-log",
            "--timeout-keep-alive", str(SERVER_KEEPALIVE_S), "--http", HTTP_PROTOCOL,
            "--log-config", LOG_CONFIG,
        ]  # fmt: skip

    def start(self, name: str, *, wait: bool = True) -> None:
        self.ports.setdefault(name, free_port())
        with (self.log_dir / f"{name}.log").open("ab") as log:
            self.log_starts[name] = log.seek(0, os.SEEK_END)
            self.procs[name] = subprocess.Popen(
                self.command(name),
                env=self.env(name),
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=ROOT,
            )
        if wait and name != "publisher":
            wait_ready(self.url(name) + "/healthz")

    def start_gateway(self, name: str, env: dict[str, str]) -> str:
        """One more gateway (``name`` starts with ``gateway``) in front of the same services, with
        extra ``GATEWAY_*`` settings; ``stop(name)`` ends it."""
        self.gateway_env[name] = env
        self.start(name)
        return self.url(name)

    def log_text(self, name: str) -> str:
        """What the process last started as ``name`` has logged, and no earlier run."""
        with (self.log_dir / f"{name}.log").open("rb") as log:
            log.seek(self.log_starts[name])
            return log.read().decode(errors="replace")

    def wait_for_log(self, name: str, text: str, timeout_s: float = 20.0) -> None:
        """Wait until the process last started as ``name`` logs ``text``."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if text in self.log_text(name):
                return
            time.sleep(0.1)
        raise TimeoutError(f"{name} never logged {text!r}")

    def stop(self, name: str, timeout_s: float = 10.0) -> int:
        proc = self.procs.pop(name)
        proc.send_signal(signal.SIGTERM)
        try:
            return proc.wait(timeout_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            raise

    def kill(self, name: str) -> None:
        """SIGKILL the process: no shutdown runs, as when a machine dies."""
        proc = self.procs.pop(name)
        proc.send_signal(signal.SIGKILL)
        proc.wait()

    def start_all(self) -> None:
        for svc in SERVICES:
            self.ports[svc] = free_port()
        self.ports["gateway"] = free_port()
        for name in (*SERVICES, "gateway"):
            self.start(name, wait=False)
        wait_ready(self.gateway + "/health/upstreams")  # every service behind it ready

    def stop_all(self) -> None:
        for name in list(self.procs):
            try:
                self.stop(name)
            except subprocess.TimeoutExpired:
                pass
