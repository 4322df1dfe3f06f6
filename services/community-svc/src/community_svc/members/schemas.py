import uuid
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

from community_svc.members.vocabulary import MemberRole
from community_svc.samples import EVENT_ID, GROUP_ID, MEMBER_ID
from community_svc.sources.schemas import SOURCE_READ_EXAMPLE, SourceIn, SourceRead
from community_svc.types import ActorId, Tag
from servicekit.bodies import RequestBody
from servicekit.timebounds import Instant, InstantText, instant_in_range, out_of_range_message

ExternalId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128)]
DisplayName = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Tags = Annotated[list[Tag], Field(max_length=30)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
ReferralCode = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]

# What each field of a membership means, said once for the join, import, update and read schemas.
EXTERNAL_ID = (
    "The person's id on the platform or in your CRM (e.g. their WeChat id), 1 to 128 characters; "
    "the same id campaign-svc knows the customer by. Unique among the group's current members."
)
DISPLAY_NAME = "The person's name as shown in the group (up to 200 characters)."
ROLE = "The person's part in the group; `seed` and `kol` members take SOP tasks of that role."
TAGS = "Labels for filtering and targeting, up to 30 of 1 to 50 characters each."
TIER = "A free label for the member's level, up to 50 characters (e.g. `gold`, `v2`)."
SOURCE_CHANNEL = (
    "Where the person came from, a free label (e.g. `xiaohongshu`, `offline_event`); set from "
    "the resolved tracking code's platform when not given."
)
SOURCE_CAMPAIGN_ID = "The campaign-svc campaign that brought the person, if any."
SOURCE_REFERRAL_CODE = "The referral code the person came in with, if any."
INVITED_BY = "The external id (or actor id) of whoever invited the person."

MEMBER_JOIN_EXAMPLE: dict[str, Any] = {
    "external_id": "wx_1001",
    "display_name": "小王",
    "role": "seed",
    "tags": ["宝妈", "早鸟"],
    "tier": "gold",
    "source_channel": "xiaohongshu",
    "source_campaign_id": "camp-618",
    "source_referral_code": "REF8K2",
    "source": {"tracking_code": "ABCD2345"},
    "invited_by": "wx_0001",
}


class MemberJoin(RequestBody):
    """A person joining a group now."""

    model_config = ConfigDict(json_schema_extra={"examples": [MEMBER_JOIN_EXAMPLE]})

    external_id: ExternalId = Field(description=EXTERNAL_ID)
    display_name: DisplayName = Field(default="", description=DISPLAY_NAME)
    role: MemberRole = Field(default=MemberRole.MEMBER, description=ROLE)
    tags: Tags = Field(default_factory=list, description=TAGS)
    tier: Annotated[str, StringConstraints(strip_whitespace=True, max_length=50)] | None = Field(
        default=None, description=TIER
    )
    source_channel: Short | None = Field(default=None, description=SOURCE_CHANNEL)
    source_campaign_id: ActorId | None = Field(default=None, description=SOURCE_CAMPAIGN_ID)
    source_referral_code: ReferralCode | None = Field(
        default=None, description=SOURCE_REFERRAL_CODE
    )
    source: SourceIn | None = Field(
        default=None,
        description='The publication that brought the person: `{"tracking_code": …}` '
        "(resolved through content-svc) or `publication_id`/`channel_id`/`post_id`",
    )
    invited_by: ActorId | None = Field(default=None, description=INVITED_BY)

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        # PostgreSQL text cannot hold U+0000; caught here so a bulk import reports the row by
        # its line instead of the COPY failing the whole request.
        values = value if isinstance(value, list) else [value]
        if any(isinstance(v, str) and "\x00" in v for v in values):
            raise ValueError("contains a NUL character (\\x00), which cannot be stored")
        return value


class MemberImportRow(MemberJoin):
    """One row of a bulk import; ``joined_at`` (RFC 3339 with offset) defaults to the import."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {**MEMBER_JOIN_EXAMPLE, "joined_at": "2026-11-01T08:00:00+08:00"},
                {"external_id": "wx_1002", "display_name": "小李", "tier": "silver"},
            ]
        }
    )

    joined_at: InstantText | None = Field(
        default=None,
        description="When the person joined (RFC 3339 with an offset, not in the future); the "
        "time of the import when omitted.",
    )

    @field_validator("joined_at")
    @classmethod
    def _plausible_joined_at(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        # The future first: that is the likelier typo, and its message says what to give.
        if value > datetime.now(UTC) + timedelta(days=1):
            raise ValueError("is in the future; give the time the person actually joined")
        # servicekit's range (1970 onwards), so converting to UTC and storing it can never
        # overflow; a date before it is a typo, not history.
        if not instant_in_range(value):
            raise ValueError(out_of_range_message(value))
        return value.astimezone(UTC)


class MemberUpdate(RequestBody):
    """The fields to change; those omitted (or null) stay as they are."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"role": "kol", "tier": "platinum", "tags": ["宝妈", "早鸟", "活跃"]}]
        }
    )

    display_name: DisplayName | None = Field(default=None, description=DISPLAY_NAME)
    role: MemberRole | None = Field(default=None, description=ROLE)
    tags: Tags | None = Field(default=None, description=TAGS + " Replaces the whole list.")
    tier: Annotated[str, StringConstraints(strip_whitespace=True, max_length=50)] | None = Field(
        default=None, description=TIER
    )


MEMBER_READ_EXAMPLE: dict[str, Any] = {
    "id": MEMBER_ID,
    "group_id": GROUP_ID,
    **MEMBER_JOIN_EXAMPLE,
    "source": SOURCE_READ_EXAMPLE,
    "joined_at": "2026-11-21T12:03:45Z",
    "left_at": None,
    "last_active_at": "2026-12-01T12:15:00Z",
    "created_at": "2026-11-21T12:03:45Z",
}


class MemberRead(BaseModel):
    """One membership: a person in one group from `joined_at` until `left_at` (a re-join is a
    new membership; the old one stays as history)."""

    model_config = ConfigDict(
        from_attributes=True, json_schema_extra={"examples": [MEMBER_READ_EXAMPLE]}
    )

    id: uuid.UUID = Field(description="The membership's id (assigned by the service).")
    group_id: uuid.UUID = Field(description="The group of this membership.")
    external_id: str = Field(description=EXTERNAL_ID)
    display_name: str = Field(description=DISPLAY_NAME)
    role: MemberRole = Field(description=ROLE)
    tags: list[str] = Field(description=TAGS)
    tier: str | None = Field(description=TIER)
    source_channel: str | None = Field(description=SOURCE_CHANNEL)
    source_campaign_id: str | None = Field(description=SOURCE_CAMPAIGN_ID)
    source_referral_code: str | None = Field(description=SOURCE_REFERRAL_CODE)
    source: SourceRead | None = Field(
        description="The publication that brought the person, as given at the join; null when "
        "none was given."
    )
    invited_by: str | None = Field(description=INVITED_BY)
    joined_at: datetime = Field(
        description="When the person joined (RFC 3339, UTC): the join's time, or an import "
        "row's `joined_at`."
    )
    left_at: datetime | None = Field(
        description="When the person left (RFC 3339, UTC); null while a current member."
    )
    last_active_at: datetime | None = Field(
        description="The latest message recorded for the member (RFC 3339, UTC); null before "
        "the first."
    )
    created_at: datetime = Field(description="When the service stored the membership (UTC).")


REJECTED_ROW_EXAMPLE: dict[str, Any] = {
    "line": 4,
    "external_id": "wx_1003",
    "errors": ["role: Input should be 'member', 'seed', 'kol', 'assistant' or 'leader'"],
}


class RejectedRow(BaseModel):
    """A row of an import that was not stored, and why."""

    model_config = ConfigDict(json_schema_extra={"examples": [REJECTED_ROW_EXAMPLE]})

    line: int = Field(
        description="CSV: the file's line (header = 1); JSON: the item's 1-based index"
    )
    external_id: str | None = Field(
        description="The row's external_id as sent, when it has one (to find it in the file)."
    )
    errors: list[str] = Field(description="Why the row was refused, one reason a line.")


class MemberImportResult(BaseModel):
    """What an import did: good rows are stored, bad ones listed with their line."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"received": 3, "imported": 2, "rejected": [REJECTED_ROW_EXAMPLE]}]
        }
    )

    received: int = Field(description="Rows in the file (the header row not counted).")
    imported: int = Field(description="Rows stored as new memberships.")
    rejected: list[RejectedRow] = Field(
        description="Rows not stored, in file order; empty when every row was imported."
    )


# A chat tool's clock may run a little ahead of this service's.
CLOCK_SKEW = timedelta(minutes=5)


class MessagesRecord(RequestBody):
    """Messages a current member sent in the group (one, or ``count`` of them at ``sent_at``,
    as a chat tool's export sums them)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"external_id": "wx_1001", "sent_at": "2026-12-01T12:15:00Z", "count": 3}]
        }
    )

    external_id: ExternalId = Field(
        description="The external id of the current member who sent them."
    )
    sent_at: Instant = Field(
        description="When the message was sent (RFC 3339 with an offset; not in the future)."
    )
    count: Annotated[int, Field(ge=1, le=100_000)] = Field(
        default=1,
        description="How many messages at `sent_at` (1 to 100,000), as an export sums them.",
    )

    @field_validator("sent_at")
    @classmethod
    def _not_in_the_future(cls, value: datetime) -> datetime:
        if value > datetime.now(UTC) + CLOCK_SKEW:
            raise ValueError("is in the future; give the time the message was sent")
        return value.astimezone(UTC)


class MessagesRecorded(BaseModel):
    """The `member.message` event recorded, and the member's activity after it."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": EVENT_ID,
                    "group_id": GROUP_ID,
                    "member_id": MEMBER_ID,
                    "external_id": "wx_1001",
                    "sent_at": "2026-12-01T12:15:00Z",
                    "count": 3,
                    "last_active_at": "2026-12-01T12:15:00Z",
                }
            ]
        }
    )

    id: uuid.UUID = Field(description="The recorded event's id (member.message)")
    group_id: uuid.UUID = Field(description="The group the messages were sent in.")
    member_id: uuid.UUID = Field(description="The membership of the sender.")
    external_id: str = Field(description="The sender's external id.")
    sent_at: datetime = Field(description="When they were sent (RFC 3339, UTC).")
    count: int = Field(description="How many messages were recorded.")
    last_active_at: datetime = Field(
        description="The member's latest activity now: moved forward to `sent_at`, never back."
    )
