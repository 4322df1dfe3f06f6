"""Gateway settings, read from ``GATEWAY_*`` environment variables.

Timeouts: ``connect_timeout_s`` and ``read_timeout_s`` apply to every upstream; an upstream
that needs another read timeout gets one in ``read_timeout_overrides_s``, a JSON object keyed by
upstream name, e.g. ``GATEWAY_READ_TIMEOUT_OVERRIDES_S='{"metrics": 60}'``. The read timeout is
the longest wait for the next bytes of the upstream's answer (headers or body), not a total.

Pooled upstream connections: ``upstream_keepalive_s`` must stay well below the services' own
keep-alive (uvicorn ``--timeout-keep-alive 75`` in the Procfile, compose and the images), so the
gateway always drops an idle connection before the service would: a reused connection is then
never one the service is closing at that instant.

Identity: HS256 tokens with ``jwt_secret`` (development, the token CLI) unless
``jwt_hs256_enabled`` is off, and, with ``jwks_url`` set, tokens of an external identity
provider (``jwt_issuer`` and ``jwt_audience`` then required; gateway/README.md, "Identity").

API keys live in the gateway's own PostgreSQL database, ``database_url`` (migrated with
``alembic -c gateway/alembic.ini upgrade head``); unset, the gateway takes no API keys and
everything else works as before (gateway/README.md, "API keys").
"""

from __future__ import annotations

import json
import re
from typing import Annotated, Self

from pydantic import AliasChoices, AnyHttpUrl, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from gateway.auth import DEFAULT_MAX_TOKEN_TTL_S
from gateway.jwks import ASYMMETRIC_ALGORITHMS
from gateway.routes import UPSTREAMS
from servicekit.settings import DEV_INTERNAL_TOKEN, refuse_development_secret

DEV_JWT_SECRET = "mediaops-dev-jwt-secret-not-for-production"
# RFC 7518 §3.2: an HS256 key should be at least as long as the hash.
MIN_JWT_SECRET_BYTES = 32
# A browser's Origin: scheme, host and optional port; no path, no trailing slash, no wildcard.
_ORIGIN_PATTERN = re.compile(
    r"^https?://[a-z0-9.-]+(:[0-9]{1,5})?$|^https?://\[[0-9a-f:.]+\](:[0-9]{1,5})?$"
)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="GATEWAY_", extra="ignore", env_file=None, populate_by_name=True
    )

    service_name: str = "gateway"
    jwt_secret: SecretStr = SecretStr(DEV_JWT_SECRET)
    internal_token: SecretStr = SecretStr(DEV_INTERNAL_TOKEN)

    content_url: AnyHttpUrl = AnyHttpUrl("http://127.0.0.1:8101")
    campaign_url: AnyHttpUrl = AnyHttpUrl("http://127.0.0.1:8102")
    community_url: AnyHttpUrl = AnyHttpUrl("http://127.0.0.1:8103")
    metrics_url: AnyHttpUrl = AnyHttpUrl("http://127.0.0.1:8104")

    connect_timeout_s: float = Field(default=2.0, gt=0)
    read_timeout_s: float = Field(default=30.0, gt=0)
    read_timeout_overrides_s: dict[str, float] = Field(default_factory=dict)
    ready_timeout_s: float = Field(default=1.0, gt=0)
    # How often the gateway asks every upstream's /readyz for the metrics
    # (mediaops_gateway_upstream_ready); 0 turns the probe off.
    upstream_probe_s: float = Field(default=10.0, ge=0)
    # The longest GET /v1/dashboard takes: a section not composed by then is "unavailable".
    dashboard_timeout_s: float = Field(default=5.0, gt=0)
    # Seconds an idle pooled connection to a service is kept; below the services' keep-alive.
    upstream_keepalive_s: float = Field(default=15.0, gt=0)

    # Longest token lifetime accepted: ``exp - iat``, or ``exp - now`` without ``iat``.
    max_token_ttl_s: int = Field(default=DEFAULT_MAX_TOKEN_TTL_S, ge=1)
    # Verified tokens remembered (expiry is still checked on every request); 0 turns it off.
    token_cache_size: int = Field(default=4096, ge=0)
    # HS256 tokens signed with jwt_secret; turn off when every caller signs in through the
    # identity provider, so the secret can mint nothing.
    jwt_hs256_enabled: bool = True

    # An external identity provider (README "Identity"): its JWKS URL, the `iss` its tokens
    # carry and the `aud` they must include for this API.
    jwks_url: AnyHttpUrl | None = None
    jwt_issuer: str | None = None
    jwt_audience: str | None = None
    jwt_algorithms: list[str] = Field(default_factory=lambda: ["RS256", "ES256"])
    # Clock skew allowed on exp/nbf/iat of the identity provider's tokens; at most 5 minutes.
    jwt_leeway_s: int = Field(default=60, ge=0, le=300)
    # Keys are fetched again in the background once this old...
    jwks_cache_ttl_s: float = Field(default=600.0, gt=0)
    # ...and never sooner than this after the last attempt, whatever asks (an unknown kid).
    jwks_min_refetch_s: float = Field(default=30.0, gt=0)
    jwks_timeout_s: float = Field(default=5.0, gt=0)
    # Which claims hold the subject, the workspace and the scopes (a list or a
    # space-separated string) in the identity provider's tokens.
    jwt_subject_claim: str = Field(default="sub", min_length=1)
    jwt_workspace_claim: str = Field(default="ws", min_length=1)
    jwt_scopes_claim: str = Field(default="scopes", min_length=1)

    # The gateway's own database, where API keys are kept (postgresql://…); unset, API keys are
    # off. Only key checks and /v1/api-keys use it: tokens never wait on it.
    database_url: str | None = None
    db_pool_size: int = Field(default=5, ge=1, le=100)
    # The longest a key check or /v1/api-keys call waits for the database (connecting
    # included); past it the call is a 503 and tokens are unaffected.
    database_timeout_s: float = Field(default=2.0, gt=0, le=30)
    # How long a checked API key is trusted without asking the database again. A key revoked
    # through this replica stops at once here; other replicas stop within this many seconds.
    api_key_cache_s: float = Field(default=10.0, ge=0, le=300)
    api_key_cache_size: int = Field(default=10_000, ge=1)
    # A key's last_used_at is written at most once per this many seconds (not once a request).
    api_key_touch_every_s: float = Field(default=60.0, gt=0, le=3600)

    # Connections kept to all upstreams together; beyond it requests queue for a free one.
    max_connections: int = Field(default=256, ge=1)
    max_body_bytes: int = Field(default=1_048_576, ge=1)

    # An upstream's circuit opens when, within the last ``breaker_window_s``, at least
    # ``breaker_min_calls`` calls were judged and ``breaker_failure_ratio`` of them failed
    # (refused, connect or read timeout, dropped on a fresh connection); it stays open
    # ``breaker_open_s`` before one trial request is let through.
    breaker_failure_ratio: float = Field(default=0.5, gt=0, le=1)
    breaker_min_calls: int = Field(default=10, ge=1)
    breaker_window_s: float = Field(default=10.0, gt=0)
    breaker_open_s: float = Field(default=10.0, gt=0)

    # GET /openapi.json: each service's document is read with this timeout; the merged one is
    # kept ``openapi_cache_s`` when every service answered, ``openapi_retry_s`` when one did not.
    openapi_timeout_s: float = Field(default=5.0, gt=0)
    openapi_cache_s: float = Field(default=300.0, gt=0)
    openapi_retry_s: float = Field(default=5.0, gt=0)

    # Browser origins allowed to call the API (CORS), comma-separated (or a JSON list); empty
    # means every preflight is refused and no answer carries CORS headers.
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    cors_max_age_s: int = Field(default=600, ge=0, le=86_400)
    # Strict-Transport-Security on every answer when set (serve the gateway over HTTPS first).
    hsts_max_age_s: int | None = Field(default=None, ge=0)
    hsts_include_subdomains: bool = False

    log_level: str = "INFO"
    # One JSON line per request; metrics are kept either way. Off saves CPU on a busy gateway
    # whose callers are already logged by the services (same request id).
    access_log: bool = True
    log_json: bool = True

    # Rate limits per workspace and route class (gateway/README.md, "Rate limits"): a class lets
    # `burst` requests through in any ceil(burst * 60 / per_minute) seconds.
    rate_limits_enabled: bool = True
    rate_limit_read_per_minute: int = Field(default=1200, ge=1)
    rate_limit_read_burst: int = Field(default=200, ge=1)
    rate_limit_write_per_minute: int = Field(default=600, ge=1)
    rate_limit_write_burst: int = Field(default=100, ge=1)
    rate_limit_ingest_per_minute: int = Field(default=600, ge=1)
    rate_limit_ingest_burst: int = Field(default=100, ge=1)
    rate_limit_redeem_per_minute: int = Field(default=300, ge=1)
    rate_limit_redeem_burst: int = Field(default=50, ge=1)
    rate_limit_claim_per_minute: int = Field(default=600, ge=1)
    rate_limit_claim_burst: int = Field(default=100, ge=1)
    rate_limit_referral_per_minute: int = Field(default=300, ge=1)
    rate_limit_referral_burst: int = Field(default=50, ge=1)
    # Public callbacks (a WeChat Official Account's server URL), per path: WeChat pushes one
    # account's messages and events from many addresses, so the budget is the URL's.
    rate_limit_callback_per_minute: int = Field(default=600, ge=1)
    rate_limit_callback_burst: int = Field(default=100, ge=1)
    # The code-guessing guard: failed answers to the code paths per actor within the window.
    guard_window_s: int = Field(default=600, ge=1)
    guard_slow_after: int = Field(default=10, ge=1)
    guard_delay_s: float = Field(default=1.0, ge=0)
    guard_block_after: int = Field(default=30, ge=1)
    guard_statuses: list[int] = Field(default_factory=lambda: [400, 404, 409, 410, 422])
    # Shared limiter state for several replicas (redis://, rediss://, valkey://, unix://).
    redis_url: str | None = None
    # How many worker processes serve this gateway: WEB_CONCURRENCY, the one setting the
    # Procfile, scripts/run, the image and compose start uvicorn with (``--workers``). Without
    # Redis each process keeps its own limiter window, so each enforces budget / workers
    # (rounded down, at least 1): together they never let more than the budget through
    # (gateway/README.md, "Rate limits").
    workers: int = Field(
        default=1, ge=1, validation_alias=AliasChoices("WEB_CONCURRENCY", "GATEWAY_WORKERS")
    )
    redis_key_prefix: str = "mediaops-gateway"
    redis_timeout_s: float = Field(default=0.25, gt=0)
    # After a failed Redis call, how long the in-process limiter decides before Redis is retried.
    redis_retry_s: float = Field(default=5.0, gt=0)

    @model_validator(mode="after")
    def _no_development_secret_outside_development(self) -> Self:
        refuse_development_secret("GATEWAY_INTERNAL_TOKEN", self.internal_token, DEV_INTERNAL_TOKEN)
        if self.jwt_hs256_enabled:
            refuse_development_secret(
                "GATEWAY_JWT_SECRET",
                self.jwt_secret,
                DEV_JWT_SECRET,
                min_bytes=MIN_JWT_SECRET_BYTES,
            )
        return self

    @model_validator(mode="after")
    def _an_identity_provider_is_complete(self) -> Self:
        if self.jwks_url is None:
            if not self.jwt_hs256_enabled:
                raise ValueError(
                    "GATEWAY_JWT_HS256_ENABLED=false needs GATEWAY_JWKS_URL: no token would pass"
                )
            return self
        missing = [
            name
            for name, value in (
                ("GATEWAY_JWT_ISSUER", self.jwt_issuer),
                ("GATEWAY_JWT_AUDIENCE", self.jwt_audience),
            )
            if not value
        ]
        if missing:
            raise ValueError(
                f"GATEWAY_JWKS_URL needs {' and '.join(missing)}: without them a token the "
                "identity provider issued to another application would be accepted"
            )
        return self

    @field_validator("database_url")
    @classmethod
    def _postgresql_url(cls, value: str | None) -> str | None:
        if not value:
            return None
        if not value.startswith(("postgresql://", "postgres://", "postgresql+asyncpg://")):
            raise ValueError(
                "GATEWAY_DATABASE_URL must be a postgresql:// URL, e.g. "
                "postgresql://user:password@host:5432/gateway"
            )
        return value

    @field_validator("jwt_algorithms")
    @classmethod
    def _asymmetric_algorithms(cls, value: list[str]) -> list[str]:
        bad = sorted(set(value) - ASYMMETRIC_ALGORITHMS)
        if bad or not value:
            raise ValueError(
                f"identity provider algorithms must be some of {sorted(ASYMMETRIC_ALGORITHMS)}"
                f" (never none or HS*); got {bad or 'none'}"
            )
        return value

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _origin_list(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip()
            value = json.loads(text) if text.startswith("[") else text.split(",")
        if isinstance(value, list):
            value = [o.strip().lower() for o in value if isinstance(o, str) and o.strip()]
            bad = [o for o in value if not _ORIGIN_PATTERN.match(o)]
            if bad:
                raise ValueError(
                    f"CORS origins are scheme://host[:port] with no path, trailing slash or "
                    f"wildcard, e.g. https://app.example.com; got {bad[:3]}"
                )
        return value

    @field_validator("read_timeout_overrides_s")
    @classmethod
    def _known_upstreams(cls, value: dict[str, float]) -> dict[str, float]:
        unknown = sorted(set(value) - set(UPSTREAMS))
        if unknown:
            raise ValueError(f"unknown upstream(s) {unknown}; expected some of {list(UPSTREAMS)}")
        if any(seconds <= 0 for seconds in value.values()):
            raise ValueError("read timeouts must be positive")
        return value

    @field_validator("guard_statuses")
    @classmethod
    def _client_errors(cls, value: list[int]) -> list[int]:
        if any(not 400 <= status <= 499 or status == 429 for status in value):
            raise ValueError("the guard counts client errors: statuses 400-499 other than 429")
        return value

    def resolved_database_url(self) -> str:
        """The gateway database's URL, for its migrations (``gateway/migrations/env.py``)."""
        if not self.database_url:
            raise ValueError(
                "GATEWAY_DATABASE_URL is not set: point it at the gateway's PostgreSQL database "
                "(postgresql://user:password@host:5432/gateway) to migrate it"
            )
        return self.database_url

    def upstream_url(self, upstream: str) -> str:
        """The base URL of ``upstream`` without a trailing slash."""
        url: AnyHttpUrl = getattr(self, f"{upstream}_url")
        return str(url).rstrip("/")

    def read_timeout_for(self, upstream: str) -> float:
        return self.read_timeout_overrides_s.get(upstream, self.read_timeout_s)
