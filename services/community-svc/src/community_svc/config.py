from pydantic import Field
from pydantic_settings import SettingsConfigDict

from servicekit.settings import ServiceSettings


class Settings(ServiceSettings):
    """community-svc settings, read from ``COMMUNITY_*`` environment variables."""

    model_config = SettingsConfigDict(env_prefix="COMMUNITY_", extra="ignore")

    service_name: str = "community"
    # The member import route alone takes bigger bodies: 20,000 rows of CSV are ~1.5 MB and of
    # JSON ~4 MB; every other route keeps `max_body_bytes` (1 MiB by default).
    import_max_body_bytes: int = Field(default=8 * 1_048_576, ge=1024)
