import uuid
from datetime import datetime
from typing import Annotated, Any, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from campaign_svc import examples
from campaign_svc.leads.contacts import normalise_email, normalise_phone, normalise_wechat_id
from campaign_svc.sources.schemas import SourceIn, SourceRead
from servicekit.bodies import RequestBody

Phone = Annotated[str, StringConstraints(max_length=40), AfterValidator(normalise_phone)]
Email = Annotated[str, StringConstraints(max_length=320), AfterValidator(normalise_email)]
WechatId = Annotated[str, StringConstraints(max_length=40), AfterValidator(normalise_wechat_id)]

CUSTOMER = (
    "The person's customer id, where the activity knows it (their actor id in metrics; "
    "without it the lead is counted as lead:<lead id>)."
)

LEAD_READ_EXAMPLE: dict[str, Any] = {
    "id": examples.LEAD_ID,
    "campaign_id": examples.CAMPAIGN_ID,
    "name": "张**",
    "phone": "138****5678",
    "email": "x***@example.com",
    "wechat_id": "z***6",
    "source_channel_id": examples.CHANNEL_ID,
    "source": examples.SOURCE_READ,
    "customer_id": examples.CUSTOMER_ID,
    "consent_at": "2027-11-03T11:25:40Z",
    "created_at": "2027-11-03T11:25:40Z",
    "masked": True,
    "duplicate": False,
}


class LeadCreate(RequestBody):
    """Contact details a person left in an activity, with their consent."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "campaign_id": examples.CAMPAIGN_ID,
                    "name": "张小明",
                    "phone": "138 1234 5678",
                    "email": "xiaoming.zhang@example.com",
                    "wechat_id": "zxm_2026",
                    "customer_id": examples.CUSTOMER_ID,
                    "source": examples.SOURCE_IN,
                    "consent": True,
                }
            ]
        }
    )

    campaign_id: uuid.UUID = Field(
        description="The campaign that captured the lead; it must be of the caller's workspace."
    )
    name: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
        | None
    ) = Field(default=None, description="The person's name as they gave it, up to 200 characters.")
    phone: Phone | None = Field(
        default=None,
        description="A phone number, stored as E.164: a mainland China number may come without "
        "its country code (138 1234 5678, 010-8888 6666), any other needs its +code.",
    )
    email: Email | None = Field(
        default=None, description="An e-mail address, stored in lower case."
    )
    wechat_id: WechatId | None = Field(
        default=None,
        description="A WeChat id: 6 to 20 letters, digits, _ or -, starting with a letter; stored "
        "in lower case.",
    )
    source_channel_id: Annotated[str, StringConstraints(min_length=1, max_length=64)] | None = (
        Field(
            default=None,
            description="The older spelling of source.channel_id: the content-svc channel that "
            "brought the lead. Prefer `source`.",
        )
    )
    source: SourceIn | None = Field(
        default=None,
        description="The publication that brought the lead: its tracking code, or explicit ids. "
        "Optional.",
    )
    customer_id: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128)]
        | None
    ) = Field(default=None, description=CUSTOMER)
    consent: bool = Field(
        description="The person agreed to be contacted; must be true. At least one of phone, "
        "email or wechat_id is needed too."
    )

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


_MASKED = " Masked unless the caller holds `leads:pii`"


class LeadRead(BaseModel):
    """A lead as the caller may see it: contact details masked without `leads:pii`."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                LEAD_READ_EXAMPLE,
                {
                    **LEAD_READ_EXAMPLE,
                    "name": "张小明",
                    "phone": "+8613812345678",
                    "email": "xiaoming.zhang@example.com",
                    "wechat_id": "zxm_2026",
                    "masked": False,
                },
            ]
        }
    )

    id: uuid.UUID = Field(description="The lead's id.")
    campaign_id: uuid.UUID = Field(description="The campaign that captured it.")
    name: str | None = Field(description="The person's name." + _MASKED + " (张**).")
    phone: str | None = Field(description="E.164 phone number." + _MASKED + " (138****5678).")
    email: str | None = Field(description="E-mail address." + _MASKED + " (x***@example.com).")
    wechat_id: str | None = Field(description="WeChat id." + _MASKED + " (z***6).")
    source_channel_id: str | None = Field(
        description="The channel that brought the lead (the same as source.channel_id); the "
        "list filters by it."
    )
    source: SourceRead | None = Field(
        default=None, description="Where the lead came from; null when the capture named none."
    )
    customer_id: str | None = Field(default=None, description=CUSTOMER)
    consent_at: datetime = Field(description="When the person gave consent (the capture), UTC.")
    created_at: datetime = Field(description="When the lead was captured, UTC.")
    masked: bool = Field(description="true unless the caller holds the leads:pii scope.")
    duplicate: bool = Field(
        default=False,
        description="On capture: true when the person (same phone, e-mail or WeChat id) was "
        "already a lead of this campaign; the answer is that lead.",
    )
