from __future__ import annotations

import unicodedata
import uuid
from datetime import datetime
from typing import Annotated, Literal, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, JsonValue, StringConstraints

from gateway.apikeys import secret
from gateway.apikeys.models import NAME_MAX, ApiKey, KeyStatus
from servicekit.bodies import RequestBody
from servicekit.timebounds import Instant

# Every scope MediaOps knows (gateway.routes.KNOWN_SCOPES; a test keeps the two the same).
KeyScope = Literal[
    "content:read",
    "content:write",
    "campaign:read",
    "campaign:write",
    "community:read",
    "community:write",
    "metrics:read",
    "metrics:write",
    "leads:pii",
    "admin",
]
MAX_SCOPES = 20


def _printable(name: str) -> str:
    # Tabs, newlines and other control characters would break the lists and logs that show
    # names; everything printable (Chinese, emoji) is welcome.
    bad = next((c for c in name if unicodedata.category(c) == "Cc"), None)
    if bad is not None:
        raise ValueError(f"may not contain control characters (found U+{ord(bad):04X})")
    return name


KeyName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=NAME_MAX),
    AfterValidator(_printable),
    Field(
        description=f"What the key is for, 1 to {NAME_MAX} characters (no control characters); "
        "names need not be unique.",
        examples=["埋点上报 (event ingestion)"],
    ),
]

_CREATED_AT = "2026-12-04T08:00:00Z"
_READ_EXAMPLE: dict[str, JsonValue] = {
    "id": "0b8f2d4e-6c13-4c2e-9a61-7d1c5e0a3f7b",
    "name": "埋点上报 (event ingestion)",
    "prefix": "mo_3f9a1c2b4d5e6f70",
    "scopes": ["metrics:write"],
    "status": "active",
    "created_at": _CREATED_AT,
    "created_by": "dev-user",
    "expires_at": "2027-12-04T00:00:00Z",
    "last_used_at": None,
    "revoked_at": None,
    "revoked_by": None,
}


class ApiKeyCreate(RequestBody):
    """A new key: its name, its scopes (each held by the token that creates it) and,
    optionally, when it stops working."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "埋点上报 (event ingestion)",
                    "scopes": ["metrics:write"],
                    "expires_at": "2027-12-04T00:00:00Z",
                }
            ]
        }
    )

    name: KeyName
    scopes: list[KeyScope] = Field(
        min_length=1,
        max_length=MAX_SCOPES,
        description="What the key may do: one or more of MediaOps' scopes, each held by your "
        "own token (`admin` holds them all). Repeats are ignored.",
        examples=[["metrics:write"], ["content:read", "campaign:read"]],
    )
    expires_at: Instant | None = Field(
        default=None,
        description="When the key stops working (RFC 3339 with an offset, in the future); "
        "leave it out for a key that works until revoked.",
        examples=["2027-12-04T00:00:00Z"],
    )


class ApiKeyRead(BaseModel):
    """An API key as the workspace's admins see it: never its secret."""

    model_config = ConfigDict(json_schema_extra={"examples": [_READ_EXAMPLE]})

    id: uuid.UUID = Field(description="The key's id; its calls reach the services as actor "
                          "`apikey:<id>`.")  # fmt: skip
    name: str = Field(description="What the key is for.")
    prefix: str = Field(
        description="The key's first characters, not secret: how to tell which key a caller "
        "holds (`mo_` and 16 hex digits)."
    )
    scopes: list[str] = Field(description="What the key may do.")
    status: KeyStatus = Field(
        description="`active` (accepted), `expired` (past `expires_at`) or `revoked`; only "
        "an active key is accepted."
    )
    created_at: datetime = Field(description="When the key was created.")
    created_by: str = Field(description="The `sub` of the token that created it.")
    expires_at: datetime | None = Field(description="When it stops working; null: never.")
    last_used_at: datetime | None = Field(
        description="When it was last accepted, to within a minute (the gateway notes a key's "
        "use at most once a minute); null: never used."
    )
    revoked_at: datetime | None = Field(description="When it was revoked; null: it was not.")
    revoked_by: str | None = Field(description="The `sub` of the token that revoked it.")

    @classmethod
    def of(cls, key: ApiKey, now: datetime) -> Self:
        return cls(
            id=key.id,
            name=key.name,
            prefix=secret.shown_prefix(key.prefix),
            scopes=list(key.scopes),
            status=key.status(now),
            created_at=key.created_at,
            created_by=key.created_by,
            expires_at=key.expires_at,
            last_used_at=key.last_used_at,
            revoked_at=key.revoked_at,
            revoked_by=key.revoked_by,
        )


class ApiKeyCreated(ApiKeyRead):
    """A key just created, with its secret: the only time the secret is shown."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{**_READ_EXAMPLE, "secret": secret.EXAMPLE_KEY}]}
    )

    secret: str | None = Field(
        description="The whole key, to send as `Authorization: Bearer <secret>` or "
        "`X-Api-Key: <secret>`. Shown only in this answer: the gateway keeps its hash, so copy "
        "it now. A retry replayed under the same Idempotency-Key answers null here (revoke "
        "that key and create another if the first answer was lost).",
        examples=[secret.EXAMPLE_KEY],
    )
