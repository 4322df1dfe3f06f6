"""Where a member came from: the publication (post on a channel) that brought the person, given
as its tracking code or as explicit ids."""

import uuid
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from community_svc.samples import CHANNEL_ID, POST_ID, PUBLICATION_ID
from servicekit.bodies import RequestBody

TrackingCodeText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^\s*[A-Za-z0-9]{4,32}\s*$"),
    Field(description="A publication's tracking code (case-insensitive), e.g. ABCD2345"),
]


TRACKING_CODE = (
    "The publication's public tracking code (on its link, QR code or poster; 4 to 32 letters and "
    "digits, case-insensitive), resolved through content-svc."
)
PUBLICATION_ID_TEXT = "content-svc's id of the publication (a post on a channel)."
CHANNEL_ID_TEXT = "content-svc's id of the channel it was published on."
POST_ID_TEXT = "content-svc's id of the post."


class SourceIn(RequestBody):
    """Which publication brought the person: its ``tracking_code``, or the ids themselves."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"tracking_code": "ABCD2345"}, {"publication_id": PUBLICATION_ID}]
        }
    )

    tracking_code: TrackingCodeText | None = Field(
        default=None, description=TRACKING_CODE + " Not together with the ids."
    )
    publication_id: uuid.UUID | None = Field(default=None, description=PUBLICATION_ID_TEXT)
    channel_id: uuid.UUID | None = Field(default=None, description=CHANNEL_ID_TEXT)
    post_id: uuid.UUID | None = Field(default=None, description=POST_ID_TEXT)

    @model_validator(mode="after")
    def _code_or_ids(self) -> "SourceIn":
        ids = (self.publication_id, self.channel_id, self.post_id)
        if self.tracking_code is None and all(i is None for i in ids):
            raise ValueError(
                "give a tracking_code, or at least one of publication_id, channel_id, post_id"
            )
        if self.tracking_code is not None and any(i is not None for i in ids):
            raise ValueError(
                "give either a tracking_code or the ids, not both: the code stands for its "
                "publication's ids"
            )
        return self


@dataclass(frozen=True, slots=True)
class Source:
    """A source as stored on the member; ``platform`` only when a code was resolved."""

    tracking_code: str | None = None
    publication_id: uuid.UUID | None = None
    channel_id: uuid.UUID | None = None
    post_id: uuid.UUID | None = None
    platform: str | None = None

    def event_keys(self) -> dict[str, str]:
        """The payload keys the relay lifts into the metrics event (``tracking_code`` goes to
        its props); absent parts are left out."""
        keys = {
            "tracking_code": self.tracking_code,
            "publication_id": self.publication_id,
            "channel_id": self.channel_id,
            "post_id": self.post_id,
        }
        return {k: str(v) for k, v in keys.items() if v is not None}


SOURCE_READ_EXAMPLE: dict[str, Any] = {
    "tracking_code": "ABCD2345",
    "publication_id": PUBLICATION_ID,
    "channel_id": CHANNEL_ID,
    "post_id": POST_ID,
    "platform": "xiaohongshu",
}


class SourceRead(BaseModel):
    """Where the member came from; a tracking code content-svc could not resolve at the join
    stands alone (no ids), and ``platform`` is the publication's when a code was resolved
    (explicit ids name none)."""

    model_config = ConfigDict(
        from_attributes=True, json_schema_extra={"examples": [SOURCE_READ_EXAMPLE]}
    )

    tracking_code: str | None = Field(
        description="The tracking code given at the join (upper case); null when ids were given."
    )
    publication_id: uuid.UUID | None = Field(
        description=PUBLICATION_ID_TEXT + " Null when the code could not be resolved."
    )
    channel_id: uuid.UUID | None = Field(description=CHANNEL_ID_TEXT)
    post_id: uuid.UUID | None = Field(description=POST_ID_TEXT)
    platform: str | None = Field(
        description="the publication's platform, when a tracking code was resolved"
    )
