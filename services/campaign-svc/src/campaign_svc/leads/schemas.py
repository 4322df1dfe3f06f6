import uuid
from datetime import datetime
from typing import Annotated, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    Field,
    StringConstraints,
    model_validator,
)

from campaign_svc.leads.contacts import normalise_email, normalise_phone, normalise_wechat_id
from campaign_svc.sources.schemas import SourceIn, SourceRead
from servicekit.bodies import RequestBody

Phone = Annotated[str, StringConstraints(max_length=40), AfterValidator(normalise_phone)]
Email = Annotated[str, StringConstraints(max_length=320), AfterValidator(normalise_email)]
WechatId = Annotated[str, StringConstraints(max_length=40), AfterValidator(normalise_wechat_id)]


class LeadCreate(RequestBody):
    campaign_id: uuid.UUID
    name: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
        | None
    ) = None
    phone: Phone | None = None
    email: Email | None = None
    wechat_id: WechatId | None = None
    source_channel_id: Annotated[str, StringConstraints(min_length=1, max_length=64)] | None = (
        Field(default=None, description="the older spelling of source.channel_id")
    )
    source: SourceIn | None = Field(
        default=None, description="the publication that brought the lead (tracking code or ids)"
    )
    customer_id: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128)]
        | None
    ) = Field(
        default=None,
        description="the person's customer id, where the activity knows it (their actor id in "
        "metrics; without it the lead is counted as lead:<lead id>)",
    )
    consent: bool = Field(description="the person agreed to be contacted; required to be true")

    @model_validator(mode="after")
    def _consented_with_a_contact(self) -> Self:
        if not self.consent:
            raise ValueError(
                "consent must be true: store contact details only when the person agreed"
            )
        if self.phone is None and self.email is None and self.wechat_id is None:
            raise ValueError("give at least one of phone, email or wechat_id")
        if (
            self.source is not None
            and self.source_channel_id is not None
            and self.source.channel_id != self.source_channel_id
        ):
            raise ValueError(
                "source_channel_id is the older spelling of source.channel_id: give the channel "
                "once, in source"
            )
        return self


class LeadRead(BaseModel):
    id: uuid.UUID
    campaign_id: uuid.UUID
    name: str | None
    phone: str | None
    email: str | None
    wechat_id: str | None
    source_channel_id: str | None
    source: SourceRead | None = Field(default=None, description="where the lead came from")
    customer_id: str | None = None
    consent_at: datetime
    created_at: datetime
    masked: bool = Field(description="true unless the caller holds the leads:pii scope")
    duplicate: bool = Field(
        default=False, description="on capture: the person was already a lead of this campaign"
    )
