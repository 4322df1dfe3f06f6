"""Where a lead, a coupon claim, a referral accept or a redemption came from: the publication
(post on a channel) that brought the person, given as its tracking code or as explicit ids."""

from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from campaign_svc import examples
from servicekit.bodies import RequestBody

# content-svc's codes are 8 characters of an unambiguous upper-case alphabet; any short run of
# letters and digits is accepted here (case-insensitive) and content-svc decides whether it is one.
TrackingCode = Annotated[
    str,
    StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Za-z0-9]{4,32}$"),
]
# Ids in other services, as metrics-svc takes them (text of 1 to 64 characters).
SourceId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]

ID_FIELDS = ("publication_id", "channel_id", "post_id")


class SourceIn(RequestBody):
    """Either a publication's ``tracking_code`` (resolved through content-svc) or any of the
    explicit ``publication_id``, ``channel_id``, ``post_id``."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                examples.SOURCE_IN,
                {"publication_id": examples.PUBLICATION_ID, "channel_id": examples.CHANNEL_ID},
            ]
        }
    )

    tracking_code: TrackingCode | None = Field(
        default=None,
        description="A publication's public tracking code as printed in its link, QR code or "
        "poster (4 to 32 letters and digits, case-insensitive), e.g. ABCD2345. content-svc "
        "resolves it to the publication's ids; an unknown code is a 422. Not together with "
        "explicit ids.",
    )
    publication_id: SourceId | None = Field(
        default=None,
        description="The content-svc publication (one post on one channel) that brought the "
        "person, when the caller knows it without a code.",
    )
    channel_id: SourceId | None = Field(
        default=None, description="The content-svc channel (account) that brought the person."
    )
    post_id: SourceId | None = Field(
        default=None, description="The content-svc post that brought the person."
    )

    @model_validator(mode="after")
    def _one_kind(self) -> Self:
        explicit = [name for name in ID_FIELDS if getattr(self, name) is not None]
        if self.tracking_code is not None and explicit:
            raise ValueError(
                f"give either tracking_code or explicit ids, not both (got tracking_code and "
                f"{', '.join(explicit)})"
            )
        if self.tracking_code is None and not explicit:
            raise ValueError("give tracking_code or at least one of " + ", ".join(ID_FIELDS))
        return self


class SourceRead(BaseModel):
    """The source as stored: the ids the code stood for (none when content-svc could not be
    reached at the time: then only ``tracking_code``), and the publication's ``platform`` when
    a code was resolved (explicit ids name none)."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.SOURCE_READ]})

    tracking_code: str | None = Field(
        default=None,
        description="The tracking code the write carried, upper case; null when it gave "
        "explicit ids.",
    )
    publication_id: str | None = Field(
        default=None,
        description="The publication's id in content-svc (resolved from the code, or as sent); "
        "null when unknown, e.g. content-svc could not be asked at the time.",
    )
    channel_id: str | None = Field(
        default=None, description="The channel's id in content-svc; null when unknown."
    )
    post_id: str | None = Field(
        default=None, description="The post's id in content-svc; null when unknown."
    )
    platform: str | None = Field(
        default=None,
        description="The publication's platform (wechat_oa, xiaohongshu, douyin…), known only "
        "when a tracking code was resolved; null for explicit ids.",
    )

    def fields(self) -> dict[str, str]:
        """The keys that are set: what the row stores."""
        return self.model_dump(exclude_none=True)

    def event_keys(self) -> dict[str, str]:
        """The payload keys the relay lifts into the metrics event (``tracking_code`` goes to
        its props; ``platform`` stays on the row, the channel stands for it); absent parts are
        left out."""
        return self.model_dump(exclude_none=True, exclude={"platform"})


def source_of(stored: dict[str, Any] | None) -> SourceRead | None:
    """A row's stored ``source`` as read."""
    return None if stored is None else SourceRead.model_validate(stored)
