from pydantic_settings import SettingsConfigDict

from servicekit import ServiceSettings


class Settings(ServiceSettings):
    """community-svc settings, read from ``COMMUNITY_*`` environment variables."""

    model_config = SettingsConfigDict(env_prefix="COMMUNITY_", extra="ignore")

    service_name: str = "community"
