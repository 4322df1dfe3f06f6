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
    # content-svc, which resolves the tracking codes that leads, claims, referral accepts and
    # redemptions carry in their ``source`` (the port `make run` gives it). A lookup waits at
    # most content_timeout_s; past that the write goes on with only the code kept.
    content_url: str = "http://127.0.0.1:8101"
    content_timeout_s: float = Field(default=1.0, gt=0, le=30)
    # A tracking code never changes its publication, so a resolved one is kept this long.
    tracking_code_cache_s: float = Field(default=300.0, ge=0, le=86_400)
    # How long a goal's live progress from metrics-svc is reused, and how long an
    # "unavailable" answer is (shorter: a recovered metrics-svc shows again soon).
    goal_progress_cache_s: float = Field(default=30.0, ge=0, le=3600)
    goal_unavailable_cache_s: float = Field(default=5.0, ge=0, le=3600)
    # How long what metrics-svc's attribution said of publications (a collaboration's return,
    # the partners' ranking) is reused, and how long an "unavailable" answer is.
    returns_cache_s: float = Field(default=30.0, ge=0, le=3600)
    returns_unavailable_cache_s: float = Field(default=5.0, ge=0, le=3600)
