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
    # content-svc, which resolves the tracking codes members join with (the port `make run`
    # gives it). A join waits at most `content_timeout_s` for it; when it does not answer, the
    # join keeps the code alone.
    content_url: str = "http://127.0.0.1:8101"
    content_timeout_s: float = Field(default=1.0, gt=0, le=30)
    # A tracking code never changes its publication, so a resolved one is kept this long.
    tracking_code_cache_s: float = Field(default=300.0, ge=0, le=86_400)
    # How long a goal's live progress from metrics-svc is reused, and how long an
    # "unavailable" answer is (shorter: a recovered metrics-svc shows again soon).
    goal_progress_cache_s: float = Field(default=30.0, ge=0, le=3600)
    goal_unavailable_cache_s: float = Field(default=5.0, ge=0, le=3600)
