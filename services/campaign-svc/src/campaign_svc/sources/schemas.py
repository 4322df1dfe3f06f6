"""Where a lead, a coupon claim, a referral accept or a redemption came from: the publication
(post on a channel) that brought the person, given as its tracking code or as explicit ids."""

from typing import Annotated, Any, Self

from pydantic import BaseModel, Field, StringConstraints, model_validator

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

    tracking_code: TrackingCode | None = Field(
        default=None, description="a publication's public tracking code, e.g. ABCD2345"
    )
    publication_id: SourceId | None = None
    channel_id: SourceId | None = None
    post_id: SourceId | None = None

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

    tracking_code: str | None = None
    publication_id: str | None = None
    channel_id: str | None = None
    post_id: str | None = None
    platform: str | None = Field(
        default=None, description="the publication's platform, when a tracking code was resolved"
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
