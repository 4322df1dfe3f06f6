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
from community_svc.sources.schemas import SourceIn, SourceRead
from community_svc.types import ActorId, Tag
from servicekit.bodies import RequestBody
from servicekit.timebounds import Instant, InstantText, instant_in_range, out_of_range_message

ExternalId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128)]
DisplayName = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Tags = Annotated[list[Tag], Field(max_length=30)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
ReferralCode = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]


class MemberJoin(RequestBody):
    """A person joining a group now."""

    external_id: ExternalId
    display_name: DisplayName = ""
    role: MemberRole = MemberRole.MEMBER
    tags: Tags = Field(default_factory=list)
    tier: Annotated[str, StringConstraints(strip_whitespace=True, max_length=50)] | None = None
    source_channel: Short | None = None
    source_campaign_id: ActorId | None = None
    source_referral_code: ReferralCode | None = None
    source: SourceIn | None = Field(
        default=None,
        description='The publication that brought the person: `{"tracking_code": …}` '
        "(resolved through content-svc) or `publication_id`/`channel_id`/`post_id`",
    )
    invited_by: ActorId | None = None

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

    joined_at: InstantText | None = None

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
    display_name: DisplayName | None = None
    role: MemberRole | None = None
    tags: Tags | None = None
    tier: Annotated[str, StringConstraints(strip_whitespace=True, max_length=50)] | None = None


class MemberRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    group_id: uuid.UUID
    external_id: str
    display_name: str
    role: MemberRole
    tags: list[str]
    tier: str | None
    source_channel: str | None
    source_campaign_id: str | None
    source_referral_code: str | None
    source: SourceRead | None
    invited_by: str | None
    joined_at: datetime
    left_at: datetime | None
    last_active_at: datetime | None
    created_at: datetime


class RejectedRow(BaseModel):
    line: int = Field(
        description="CSV: the file's line (header = 1); JSON: the item's 1-based index"
    )
    external_id: str | None
    errors: list[str]


class MemberImportResult(BaseModel):
    received: int
    imported: int
    rejected: list[RejectedRow]


# A chat tool's clock may run a little ahead of this service's.
CLOCK_SKEW = timedelta(minutes=5)


class MessagesRecord(RequestBody):
    """Messages a current member sent in the group (one, or ``count`` of them at ``sent_at``,
    as a chat tool's export sums them)."""

    external_id: ExternalId
    sent_at: Instant
    count: Annotated[int, Field(ge=1, le=100_000)] = 1

    @field_validator("sent_at")
    @classmethod
    def _not_in_the_future(cls, value: datetime) -> datetime:
        if value > datetime.now(UTC) + CLOCK_SKEW:
            raise ValueError("is in the future; give the time the message was sent")
        return value.astimezone(UTC)


class MessagesRecorded(BaseModel):
    id: uuid.UUID = Field(description="The recorded event's id (member.message)")
    group_id: uuid.UUID
    member_id: uuid.UUID
    external_id: str
    sent_at: datetime
    count: int
    last_active_at: datetime
