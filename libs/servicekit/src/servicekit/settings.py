"""Settings base: every service reads its configuration from the environment with its own prefix."""

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from servicekit.paths import repo_root

DEV_INTERNAL_TOKEN = "mediaops-dev-internal-token"


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
    max_body_bytes: int = Field(default=1_048_576, ge=1024)

    def resolved_database_url(self) -> str:
        """The configured URL, or the embedded server's URL for this service's own database."""
        if self.database_url:
            return self.database_url
        from servicekit.embedded_pg import ensure_database

        return ensure_database(self.embedded_pg_dir, self.service_name.replace("-", "_"))
