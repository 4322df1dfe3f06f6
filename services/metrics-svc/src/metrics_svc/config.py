from pydantic import Field
from pydantic_settings import SettingsConfigDict

from servicekit.settings import ServiceSettings


class Settings(ServiceSettings):
    """metrics-svc settings, read from ``METRICS_*`` environment variables."""

    model_config = SettingsConfigDict(env_prefix="METRICS_", extra="ignore")

    service_name: str = "metrics"
    # A full batch of 1,000 events with a few props each is ~0.5 MB; leave room for props.
    max_body_bytes: int = Field(default=4 * 1_048_576, ge=1024)
    # Events stamped further than this in the future are rejected (clock skew allowance).
    max_future_skew_s: int = Field(default=300, ge=0)
    # Events older than this are rejected: each month needs a partition, and a typo'd year
    # (0026 for 2026) must not create thousands of them.
    max_past_age_days: int = Field(default=3650, ge=1)
    # The background fold (events/fold/loop.py): how long it sleeps when the inbox is empty, and
    # how many events one fold transaction moves. Reads fold what is pending themselves, so
    # these change how fresh the rollups are between reads, never what a read answers.
    fold_interval_s: float = Field(default=0.2, gt=0, le=60)
    fold_chunk: int = Field(default=20_000, ge=100, le=1_000_000)
    # The background fold waits for a pause in ingestion (no batch for fold_interval_s)
    # unless events have been pending this long: during a burst the cores acknowledge batches;
    # a read meanwhile folds what is pending first (at most about this many seconds of
    # ingestion, plus whatever the fold has not caught up with).
    fold_max_lag_s: float = Field(default=1.0, ge=0, le=60)
