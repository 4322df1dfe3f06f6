from typing import Self

from pydantic import Field, model_validator
from pydantic_settings import SettingsConfigDict

from servicekit.settings import ServiceSettings


class Settings(ServiceSettings):
    """content-svc settings, read from ``CONTENT_*`` environment variables."""

    model_config = SettingsConfigDict(env_prefix="CONTENT_", extra="ignore")

    service_name: str = "content"

    # The publisher worker (PUBLISHING.md, "Retries and backoff").
    worker_poll_interval_s: float = Field(default=1.0, gt=0, le=300)
    worker_batch_size: int = Field(default=10, ge=1, le=500)
    publish_max_attempts: int = Field(default=5, ge=1, le=100)
    publish_backoff_base_s: float = Field(default=30.0, ge=0)
    publish_backoff_cap_s: float = Field(default=3600.0, ge=0)
    publish_lease_s: float = Field(default=120.0, gt=0)
    # The worker's own /healthz and /metrics (content_svc/worker.py): where they listen (0.0.0.0
    # in a container, so the orchestrator's probe and Prometheus reach them; 0 = not served).
    worker_http_host: str = "127.0.0.1"
    worker_http_port: int = Field(default=8105, ge=0, le=65535)
    webhook_timeout_s: float = Field(default=10.0, gt=0, le=300)
    # Webhooks may point at loopback, private, link-local and other non-public addresses only
    # when this is set: local development and tests whose receiver listens on 127.0.0.1
    # (publishing/egress.py). Off by default, so a workspace user cannot aim the worker at
    # internal systems or the cloud metadata service.
    webhook_allow_private: bool = False

    # WeChat Official Accounts (wechat/). One API call's timeout; how long one publishing
    # attempt may take in all (token, draft, submit, waiting for the publish job), and how often
    # it asks whether the job is done; the largest push the callback reads.
    wechat_timeout_s: float = Field(default=10.0, gt=0, le=300)
    wechat_publish_wait_s: float = Field(default=60.0, gt=0, le=3600)
    wechat_publish_poll_s: float = Field(default=2.0, gt=0, le=300)
    wechat_max_push_bytes: int = Field(default=65_536, ge=1024, le=1_048_576)

    @model_validator(mode="after")
    def _lease_outlives_the_call(self) -> Self:
        # A lease that can expire while the webhook call is still running would let a second
        # worker deliver the same publication concurrently.
        if self.publish_lease_s <= self.webhook_timeout_s:
            raise ValueError(
                f"CONTENT_PUBLISH_LEASE_S ({self.publish_lease_s}) must be longer than "
                f"CONTENT_WEBHOOK_TIMEOUT_S ({self.webhook_timeout_s})"
            )
        if self.publish_lease_s <= self.wechat_publish_wait_s:
            raise ValueError(
                f"CONTENT_PUBLISH_LEASE_S ({self.publish_lease_s}) must be longer than "
                f"CONTENT_WECHAT_PUBLISH_WAIT_S ({self.wechat_publish_wait_s})"
            )
        return self
