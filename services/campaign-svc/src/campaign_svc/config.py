from pydantic import Field
from pydantic_settings import SettingsConfigDict

from servicekit.settings import ServiceSettings


class Settings(ServiceSettings):
    """campaign-svc settings, read from ``CAMPAIGN_*`` environment variables."""

    model_config = SettingsConfigDict(env_prefix="CAMPAIGN_", extra="ignore")

    service_name: str = "campaign"
    # Claims and redemptions hold a connection while they queue on a batch or coupon row;
    # a larger pool than the default keeps a burst of them from waiting on the pool instead.
    db_pool_size: int = Field(default=20, ge=1, le=200)
