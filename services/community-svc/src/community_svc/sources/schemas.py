"""Where a member came from: the publication (post on a channel) that brought the person, given
as its tracking code or as explicit ids."""

import uuid
from dataclasses import dataclass
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from servicekit.bodies import RequestBody

TrackingCodeText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^\s*[A-Za-z0-9]{4,32}\s*$"),
    Field(description="A publication's tracking code (case-insensitive), e.g. ABCD2345"),
]


class SourceIn(RequestBody):
    """Which publication brought the person: its ``tracking_code``, or the ids themselves."""

    tracking_code: TrackingCodeText | None = None
    publication_id: uuid.UUID | None = None
    channel_id: uuid.UUID | None = None
    post_id: uuid.UUID | None = None

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


class SourceRead(BaseModel):
    """Where the member came from; a tracking code content-svc could not resolve at the join
    stands alone (no ids), and ``platform`` is the publication's when a code was resolved
    (explicit ids name none)."""

    model_config = ConfigDict(from_attributes=True)

    tracking_code: str | None
    publication_id: uuid.UUID | None
    channel_id: uuid.UUID | None
    post_id: uuid.UUID | None
    platform: str | None = Field(
        description="the publication's platform, when a tracking code was resolved"
    )
