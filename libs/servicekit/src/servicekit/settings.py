"""Settings base: every service reads its configuration from the environment with its own prefix.

Development mode is one switch, ``MEDIAOPS_ENV=development`` (``make run`` and the test suites set
it). Outside it, a process refuses to start on a built-in development secret: those values are in
this repository, so anyone who reaches a service port could present them.
"""

import os
from pathlib import Path
from typing import Self

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# embedded_pg imports its wheel (servicekit[db]) only when it starts a server, so reading
# settings needs no database package.
from servicekit.embedded_pg import ensure_database
from servicekit.paths import repo_root

DEV_INTERNAL_TOKEN = "mediaops-dev-internal-token"
ENVIRONMENT_VARIABLE = "MEDIAOPS_ENV"
DEVELOPMENT = "development"


def development_mode() -> bool:
    """Whether ``MEDIAOPS_ENV=development`` is set: the one mode allowing development secrets."""
    return os.environ.get(ENVIRONMENT_VARIABLE, "").strip().lower() == DEVELOPMENT


def refuse_development_secret(
    variable: str, value: SecretStr, development_value: str, *, min_bytes: int = 0
) -> None:
    """Outside development mode, raise ``ValueError`` naming ``variable`` when ``value`` is the
    built-in development value or shorter than ``min_bytes``.

    Called from settings validators, so the process stops while reading its configuration,
    before it serves a request.
    """
    if development_mode():
        return
    secret = value.get_secret_value()
    if secret == development_value:
        problem = "is not set (the built-in development value is in use)"
    elif len(secret.encode()) < min_bytes:
        problem = f"is shorter than {min_bytes} bytes"
    else:
        return
    raise ValueError(
        f"{variable} {problem}: set it to a long random secret (e.g. `openssl rand -hex 32`), "
        f"or set {ENVIRONMENT_VARIABLE}={DEVELOPMENT} for local development only"
    )


class ServiceSettings(BaseSettings):
    """Common settings. A service subclasses this and sets `env_prefix` (``CONTENT_`` …).

    ``database_url`` empty means "use the embedded PostgreSQL under ``embedded_pg_dir``"
    (``var/pg`` at the workspace root), so a fresh checkout runs with nothing installed; set it
    to point at any PostgreSQL 14+.
    """

    model_config = SettingsConfigDict(extra="ignore", env_file=None)

    service_name: str = "service"
    database_url: str | None = None
    embedded_pg_dir: Path = Field(default_factory=lambda: repo_root() / "var" / "pg")
    internal_token: SecretStr = SecretStr(DEV_INTERNAL_TOKEN)
    log_level: str = "INFO"
    log_json: bool = True
    db_pool_size: int = Field(default=10, ge=1, le=200)
    # Connections opened beyond the pool for a burst (servicekit.db.Database): each is closed
    # again when returned to a full pool, so under steady load every request beyond the pool
    # would fork a new backend; by default requests wait for a pooled connection instead, up
    # to db_pool_timeout_s. Connections older than db_pool_recycle_s are replaced.
    db_max_overflow: int = Field(default=0, ge=0, le=200)
    db_pool_timeout_s: float = Field(default=30.0, gt=0, le=600)
    db_pool_recycle_s: float = Field(default=1800.0, gt=0)
    max_body_bytes: int = Field(default=1_048_576, ge=1024)
    # metrics-svc, where the outbox relay delivers this service's events and where live goals
    # and learned prime times are read (the port `make run` gives it).
    metrics_url: str = "http://127.0.0.1:8104"
    metrics_timeout_s: float = Field(default=2.0, gt=0, le=30)
    # The outbox relay (servicekit.relay), run inside the service's process: how many events one
    # pass claims, how long it waits when the outbox is empty, the longest wait between
    # attempts while metrics-svc is down (waits grow from 0.2 s with jitter), and how long
    # delivered events are kept before they are purged.
    relay_enabled: bool = True
    # 1,000 (metrics-svc's batch limit): measured 1.27x the events/s of 500, the time per pass
    # being mostly metrics-svc's fixed cost per request (bench/RESULTS.md, issue 13).
    relay_batch_size: int = Field(default=1000, ge=1, le=1000)
    relay_poll_interval_s: float = Field(default=1.0, gt=0, le=60)
    relay_retry_max_s: float = Field(default=10.0, gt=0, le=300)
    outbox_retention_days: float = Field(default=7.0, ge=0)
    # Long work as jobs (servicekit.jobs), run inside the service's process: how many jobs one
    # process runs at once, how often an idle runner looks for one, how long a runner's claim
    # holds between two chunks (a job whose process died is taken over after this), how many
    # failed chunks in a row fail a job, and how long finished jobs and their files are kept.
    jobs_enabled: bool = True
    job_concurrency: int = Field(default=2, ge=1, le=32)
    job_poll_interval_s: float = Field(default=1.0, gt=0, le=60)
    job_lease_s: float = Field(default=20.0, ge=1, le=3600)
    job_max_failures: int = Field(default=5, ge=1, le=100)
    job_retention_days: float = Field(default=7.0, ge=0)

    @model_validator(mode="after")
    def _no_development_secret_outside_development(self) -> Self:
        prefix = str(self.model_config.get("env_prefix", ""))
        refuse_development_secret(
            f"{prefix}INTERNAL_TOKEN", self.internal_token, DEV_INTERNAL_TOKEN
        )
        return self

    def resolved_database_url(self) -> str:
        """The configured URL, or the embedded server's URL for this service's own database."""
        if self.database_url:
            return self.database_url
        return ensure_database(self.embedded_pg_dir, self.service_name.replace("-", "_"))
