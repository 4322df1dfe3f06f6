"""Bodies and answers of partners (KOL and other accounts the team pays to carry a post), their
collaborations, each collaboration's return and the partners' ranking.

Money is integer minor units (fen for CNY: 250000 = ¥2,500.00), as everywhere in campaign-svc;
metrics-svc's GMV (yuan) is turned into fen here, so cost and return compare in one unit.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
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
from campaign_svc.leads.schemas import Email, Phone, WechatId
from campaign_svc.partners.vocabulary import CollaborationStatus, NumbersStatus, PartnerPlatform
from servicekit.bodies import RequestBody
from servicekit.timebounds import Day


def _handle(value: str) -> str:
    # "@xiaolu_ootd" and "xiaolu_ootd" are one account: the @ people type before a handle is
    # not part of it.
    handle = value.removeprefix("@").strip()
    if not handle:
        raise ValueError("a handle needs at least one character besides @")
    return handle


def _distinct(tags: list[str]) -> list[str]:
    return list(dict.fromkeys(tags))


Handle = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=100),
    AfterValidator(_handle),
]
DisplayName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32)]
Tags = Annotated[list[Tag], Field(max_length=20), AfterValidator(_distinct)]
Money = Annotated[int, Field(ge=0, le=10**13, strict=True)]
Followers = Annotated[int, Field(ge=0, le=10**11, strict=True)]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]

# The words each field's description shares between the create, update and read models.
PLATFORM = (
    "The platform the account is on, in content-svc's channel words (wechat_oa, weibo, "
    "xiaohongshu, douyin, kuaishou, zhihu, bilibili, douban, tiktok, webhook, other)."
)
HANDLE = (
    "The account's handle on its platform, 1 to 100 characters (a leading @ is dropped); one "
    "partner per platform and handle in a workspace."
)
DISPLAY_NAME = "The account's name as its audience sees it, 1 to 200 characters."
AUDIENCE = "Whom the account speaks to (who follows it, what they buy), up to 4000 characters."
TONE_TAGS = (
    "Words for the account's tone and field (温柔, 测评, 平价…), up to 20 of 1 to 32 "
    "characters, each once; the list filters by one (`?tag=`)."
)
FOLLOWERS = "How many followers the account has, as last looked up; an integer ≥ 0."
PRICE = (
    "The account's price for one post in minor units of `currency` (fen for CNY: 300000 = "
    "¥3,000.00), an integer ≥ 0; a collaboration's agreed price defaults to it."
)
CURRENCY = "ISO 4217 code of the money's currency."
NOTES = "The team's own notes on the partner, up to 4000 characters."
CONTACT = (
    "How to reach the person behind the account: name, phone, e-mail, WeChat id (normalised "
    "as a lead's). Read back masked unless the caller holds `leads:pii`."
)
_UNCHANGED = " Omit to leave it unchanged."
_CLEARS = " null clears it."

CONTACT_EXAMPLE: dict[str, Any] = {
    "name": "陈小鹿",
    "phone": "139 0013 8000",
    "email": "xiaolu@example.com",
    "wechat_id": "xiaolu_ootd",
}
CONTACT_READ_EXAMPLE: dict[str, Any] = {
    "name": "陈**",
    "phone": "139****8000",
    "email": "x***@example.com",
    "wechat_id": "x***d",
    "masked": True,
}
PARTNER_READ_EXAMPLE: dict[str, Any] = {
    "id": examples.PARTNER_ID,
    "platform": "xiaohongshu",
    "handle": "xiaolu_ootd",
    "display_name": "小鹿的穿搭日记",
    "audience": "一二线城市 22-30 岁女性 关注平价穿搭和通勤护肤",
    "tone_tags": ["温柔", "穿搭", "平价"],
    "follower_count": 286000,
    "price_per_post": 300000,
    "currency": "CNY",
    "contact": CONTACT_READ_EXAMPLE,
    "notes": "报价含一次修改 需提前 5 天给 brief",
    "version": 2,
    "created_at": "2027-10-08T03:20:00Z",
    "updated_at": "2027-10-15T07:45:00Z",
}


class PartnerContact(RequestBody):
    """The person behind a partner's account; at least one field."""

    model_config = ConfigDict(json_schema_extra={"examples": [CONTACT_EXAMPLE]})

    name: DisplayName | None = Field(
        default=None, description="The person's name, up to 200 characters."
    )
    phone: Phone | None = Field(
        default=None,
        description="A phone number, stored as E.164 (a mainland China number may come without "
        "its country code).",
    )
    email: Email | None = Field(default=None, description="An e-mail address, stored lower case.")
    wechat_id: WechatId | None = Field(
        default=None,
        description="A WeChat id: 6 to 20 letters, digits, _ or -, starting with a letter; stored "
        "lower case.",
    )

    @model_validator(mode="after")
    def _something(self) -> Self:
        if all(getattr(self, f) is None for f in type(self).model_fields):
            raise ValueError(
                "give at least one of name, phone, email or wechat_id (or contact: null for none)"
            )
        return self


class PartnerContactRead(BaseModel):
    """The contact as the caller may see it: masked without `leads:pii`."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                CONTACT_READ_EXAMPLE,
                {
                    "name": "陈小鹿",
                    "phone": "+8613900138000",
                    "email": "xiaolu@example.com",
                    "wechat_id": "xiaolu_ootd",
                    "masked": False,
                },
            ]
        }
    )

    name: str | None = Field(description="The person's name; masked (陈**) without leads:pii.")
    phone: str | None = Field(description="E.164 phone; masked (139****8000) without leads:pii.")
    email: str | None = Field(description="E-mail; masked (x***@example.com) without leads:pii.")
    wechat_id: str | None = Field(description="WeChat id; masked (x***d) without leads:pii.")
    masked: bool = Field(description="true unless the caller holds the leads:pii scope.")


class PartnerCreate(RequestBody):
    """A partner account the team may pay to carry a post."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "platform": "xiaohongshu",
                    "handle": "@xiaolu_ootd",
                    "display_name": "小鹿的穿搭日记",
                    "audience": "一二线城市 22-30 岁女性 关注平价穿搭和通勤护肤",
                    "tone_tags": ["温柔", "穿搭", "平价"],
                    "follower_count": 286000,
                    "price_per_post": 300000,
                    "currency": "CNY",
                    "contact": CONTACT_EXAMPLE,
                    "notes": "报价含一次修改 需提前 5 天给 brief",
                }
            ]
        }
    )

    platform: PartnerPlatform = Field(description=PLATFORM)
    handle: Handle = Field(description=HANDLE)
    display_name: DisplayName = Field(description=DISPLAY_NAME)
    audience: LongText | None = Field(default=None, description=AUDIENCE + " Optional.")
    tone_tags: Tags = Field(default_factory=list, description=TONE_TAGS)
    follower_count: Followers | None = Field(default=None, description=FOLLOWERS + " Optional.")
    price_per_post: Money | None = Field(default=None, description=PRICE + " Optional.")
    currency: Currency = Field(default="CNY", description=CURRENCY + " Default CNY.")
    contact: PartnerContact | None = Field(default=None, description=CONTACT + " Optional.")
    notes: LongText | None = Field(default=None, description=NOTES + " Optional.")


# Columns a partner cannot be without: a PATCH may change them, never clear them.
_REQUIRED_ON_PARTNER = ("platform", "handle", "display_name", "tone_tags", "currency")


class PartnerUpdate(RequestBody):
    """Only the fields sent change; null clears an optional one (audience, follower_count,
    price_per_post, contact, notes)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"follower_count": 312000, "price_per_post": 350000, "tone_tags": ["温柔", "穿搭"]}
            ]
        }
    )

    platform: PartnerPlatform | None = Field(default=None, description=PLATFORM + _UNCHANGED)
    handle: Handle | None = Field(default=None, description=HANDLE + _UNCHANGED)
    display_name: DisplayName | None = Field(default=None, description=DISPLAY_NAME + _UNCHANGED)
    audience: LongText | None = Field(default=None, description=AUDIENCE + _UNCHANGED + _CLEARS)
    tone_tags: Tags | None = Field(
        default=None, description=TONE_TAGS + " Replaces the list." + _UNCHANGED
    )
    follower_count: Followers | None = Field(
        default=None, description=FOLLOWERS + _UNCHANGED + _CLEARS
    )
    price_per_post: Money | None = Field(default=None, description=PRICE + _UNCHANGED + _CLEARS)
    currency: Currency | None = Field(default=None, description=CURRENCY + _UNCHANGED)
    contact: PartnerContact | None = Field(
        default=None, description=CONTACT + " Replaces the whole contact." + _UNCHANGED + _CLEARS
    )
    notes: LongText | None = Field(default=None, description=NOTES + _UNCHANGED + _CLEARS)

    @model_validator(mode="after")
    def _required_stay(self) -> Self:
        cleared = [
            f
            for f in _REQUIRED_ON_PARTNER
            if f in self.model_fields_set and getattr(self, f) is None
        ]
        if cleared:
            raise ValueError(
                f"{', '.join(cleared)} cannot be null: a partner always has one (omit the field "
                "to leave it unchanged)"
            )
        return self


class PartnerRead(BaseModel):
    """A partner account, its contact masked unless the caller holds `leads:pii`."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                PARTNER_READ_EXAMPLE,
                {
                    **PARTNER_READ_EXAMPLE,
                    "contact": {
                        "name": "陈小鹿",
                        "phone": "+8613900138000",
                        "email": "xiaolu@example.com",
                        "wechat_id": "xiaolu_ootd",
                        "masked": False,
                    },
                },
            ]
        }
    )

    id: uuid.UUID = Field(description="The partner's id.")
    platform: PartnerPlatform = Field(description=PLATFORM)
    handle: str = Field(description="The account's handle on its platform (without @).")
    display_name: str = Field(description=DISPLAY_NAME)
    audience: str | None = Field(description=AUDIENCE + " null when not given.")
    tone_tags: list[str] = Field(description=TONE_TAGS)
    follower_count: int | None = Field(description=FOLLOWERS + " null when not given.")
    price_per_post: int | None = Field(description=PRICE + " null when not given.")
    currency: str = Field(description=CURRENCY)
    contact: PartnerContactRead | None = Field(description=CONTACT + " null when none.")
    notes: str | None = Field(description=NOTES + " null when none.")
    version: int = Field(
        description="Counts the partner's changes; the `ETag` carries it: send it back as "
        "`If-Match` to change the partner only if nobody else has since."
    )
    created_at: datetime = Field(description="When the partner was added, UTC.")
    updated_at: datetime = Field(description="When it last changed, UTC.")


# --- collaborations -------------------------------------------------------------------------

PARTNER = "The partner who carries the post; of the caller's workspace."
CAMPAIGN = "The campaign the collaboration works for, of the caller's workspace; optional."
BRIEF = "What the partner is asked to post: message, must-haves, the code to carry; 1 to 4000."
AGREED_PRICE = (
    "The price agreed for the post in minor units of `currency` (fen for CNY: 250000 = "
    "¥2,500.00), an integer ≥ 0: the collaboration's cost in its return."
)
DUE_DATE = "The day the post is due to go out (YYYY-MM-DD, 1970-01-01 to 2200-01-01)."
PUBLICATION = (
    "content-svc's publication that carries the post (the partner's post recorded as a "
    "publication, whose tracking code its links, QR codes and coupons carry): what the "
    "collaboration's return is counted by. Another workspace's or an unknown publication is "
    "a 404."
)

COLLABORATION_READ_EXAMPLE: dict[str, Any] = {
    "id": examples.COLLABORATION_ID,
    "partner_id": examples.PARTNER_ID,
    "campaign_id": examples.CAMPAIGN_ID,
    "brief": "双十一好物清单笔记 3 件通勤穿搭 + 领券链接 带码 ABCD2345 11/05 20:00 前发布",
    "agreed_price": 250000,
    "currency": "CNY",
    "due_date": "2027-11-05",
    "status": "published",
    "publication_id": examples.PUBLICATION_ID,
    "tracking_code": examples.TRACKING_CODE,
    "version": 4,
    "created_at": "2027-10-16T02:00:00Z",
    "updated_at": "2027-11-05T12:10:00Z",
}


class CollaborationCreate(RequestBody):
    """A collaboration with a partner; it starts as proposed."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "partner_id": examples.PARTNER_ID,
                    "campaign_id": examples.CAMPAIGN_ID,
                    "brief": COLLABORATION_READ_EXAMPLE["brief"],
                    "agreed_price": 250000,
                    "currency": "CNY",
                    "due_date": "2027-11-05",
                    "publication_id": examples.PUBLICATION_ID,
                }
            ]
        }
    )

    partner_id: uuid.UUID = Field(description=PARTNER)
    campaign_id: uuid.UUID | None = Field(default=None, description=CAMPAIGN)
    brief: LongText = Field(description=BRIEF)
    agreed_price: Money | None = Field(
        default=None,
        description=AGREED_PRICE + " Default: the partner's price_per_post (422 when it has none).",
    )
    currency: Currency | None = Field(
        default=None, description=CURRENCY + " Default: the partner's currency."
    )
    due_date: Day = Field(description=DUE_DATE)
    publication_id: uuid.UUID | None = Field(
        default=None, description=PUBLICATION + " Optional: link it later with PATCH."
    )


class CollaborationUpdate(RequestBody):
    """Only the fields sent change; null clears `campaign_id` or unlinks `publication_id`
    (not while the collaboration is published or paid). A paid or cancelled collaboration is
    final."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"publication_id": examples.PUBLICATION_ID, "due_date": "2027-11-06"}]
        }
    )

    campaign_id: uuid.UUID | None = Field(default=None, description=CAMPAIGN + _UNCHANGED + _CLEARS)
    brief: LongText | None = Field(default=None, description=BRIEF + _UNCHANGED)
    agreed_price: Money | None = Field(default=None, description=AGREED_PRICE + _UNCHANGED)
    currency: Currency | None = Field(default=None, description=CURRENCY + _UNCHANGED)
    due_date: Day | None = Field(default=None, description=DUE_DATE + _UNCHANGED)
    publication_id: uuid.UUID | None = Field(
        default=None, description=PUBLICATION + _UNCHANGED + " null unlinks it."
    )

    @model_validator(mode="after")
    def _required_stay(self) -> Self:
        required = ("brief", "agreed_price", "currency", "due_date")
        cleared = [f for f in required if f in self.model_fields_set and getattr(self, f) is None]
        if cleared:
            raise ValueError(
                f"{', '.join(cleared)} cannot be null: a collaboration always has one (omit the "
                "field to leave it unchanged)"
            )
        return self


class CollaborationTransition(RequestBody):
    """A move of the collaboration's status."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"status": "agreed"}]})

    status: CollaborationStatus = Field(
        description="The status to move to: proposed → agreed, cancelled; agreed → published "
        "(needs the publication linked), cancelled; published → paid, cancelled; paid and "
        "cancelled are final."
    )


class CollaborationRead(BaseModel):
    """A collaboration with a partner, and the publication that carries it."""

    model_config = ConfigDict(json_schema_extra={"examples": [COLLABORATION_READ_EXAMPLE]})

    id: uuid.UUID = Field(description="The collaboration's id.")
    partner_id: uuid.UUID = Field(description=PARTNER)
    campaign_id: uuid.UUID | None = Field(description="The campaign it works for; null if none.")
    brief: str = Field(description=BRIEF)
    agreed_price: int = Field(description=AGREED_PRICE)
    currency: str = Field(description=CURRENCY)
    due_date: date = Field(description="The day the post is due to go out.")
    status: CollaborationStatus = Field(
        description="proposed → agreed → published → paid; any but paid → cancelled (moved by "
        "POST …/status)."
    )
    publication_id: uuid.UUID | None = Field(
        description="content-svc's publication that carries the post; null until linked."
    )
    tracking_code: str | None = Field(
        description="That publication's tracking code, as content-svc tells it: what the "
        "people the post brings carry (source.tracking_code of a lead, claim or redemption). "
        "null without a publication, or while content-svc cannot be asked."
    )
    version: int = Field(
        description="Counts the collaboration's changes; the `ETag` carries it, for `If-Match`."
    )
    created_at: datetime = Field(description="When it was proposed, UTC.")
    updated_at: datetime = Field(description="When it last changed, UTC.")


# --- returns --------------------------------------------------------------------------------

WINDOW_START = "The window's start: `from` at midnight in `tz`, as an instant."
WINDOW_END = "The window's end (exclusive): the day after `to` at midnight in `tz`."
NUMBERS_STATUS = (
    "available: the numbers are metrics-svc's; unavailable: metrics-svc could not answer "
    "(`reason` says why) and the numbers are null; no_publication: no publication carries the "
    "collaboration yet, so nothing can be counted (numbers null)."
)
REASON = "When unavailable or no_publication: why there are no numbers; else null."
LEADS = "lead events made with the publication's tracking code in the window."
JOINS = "join_group events made with it (group members it brought)."
CLAIMS = "coupon_claim events made with it."
REDEMPTIONS = "coupon_redeem events made with it."
GMV = (
    "Purchases made with it minus refunds, in minor units (fen): metrics-svc's GMV (yuan) times "
    "100. Amounts are summed as sent, in the currency they were sold in."
)
NET_RETURN = "gmv - cost, minor units."
ROI = "(gmv - cost) / cost: 0.99 = the post brought 99% more than it cost; null when cost is 0."
COST_PER_LEAD = "cost / leads in minor units, rounded to the nearest unit; null with no lead."

NUMBERS_EXAMPLE: dict[str, Any] = {
    "status": "available",
    "reason": None,
    "leads": 412,
    "joins": 96,
    "claims": 230,
    "redemptions": 118,
    "gmv": 2360000,
    "net_return": 2110000,
    "roi": 8.44,
    "cost_per_lead": 607,
}
UNAVAILABLE_EXAMPLE: dict[str, Any] = {
    "status": "unavailable",
    "reason": "metrics-svc did not answer within 2 s",
    **dict.fromkeys(
        ("leads", "joins", "claims", "redemptions", "gmv", "net_return", "roi", "cost_per_lead")
    ),
}


class CollaborationNumbers(BaseModel):
    """What a collaboration's publication brought in the window, from metrics-svc's
    attribution, against its cost."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [NUMBERS_EXAMPLE, UNAVAILABLE_EXAMPLE]}
    )

    status: NumbersStatus = Field(description=NUMBERS_STATUS)
    reason: str | None = Field(description=REASON)
    leads: int | None = Field(description=LEADS)
    joins: int | None = Field(description=JOINS)
    claims: int | None = Field(description=CLAIMS)
    redemptions: int | None = Field(description=REDEMPTIONS)
    gmv: int | None = Field(description=GMV)
    net_return: int | None = Field(description=NET_RETURN)
    roi: float | None = Field(description=ROI)
    cost_per_lead: int | None = Field(description=COST_PER_LEAD)


class CollaborationRoi(BaseModel):
    """A collaboration's cost and what its publication brought: leads, joins, coupon claims,
    redemptions and GMV, its return on investment and cost per lead."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "collaboration_id": examples.COLLABORATION_ID,
                    "partner_id": examples.PARTNER_ID,
                    "status": "paid",
                    "publication_id": examples.PUBLICATION_ID,
                    "tracking_code": examples.TRACKING_CODE,
                    "currency": "CNY",
                    "cost": 250000,
                    "tz": "Asia/Shanghai",
                    "window_start": "2027-10-16T00:00:00+08:00",
                    "window_end": "2027-12-01T00:00:00+08:00",
                    "numbers": NUMBERS_EXAMPLE,
                }
            ]
        }
    )

    collaboration_id: uuid.UUID = Field(description="The collaboration measured.")
    partner_id: uuid.UUID = Field(description="Its partner.")
    status: CollaborationStatus = Field(description="Its status now.")
    publication_id: uuid.UUID | None = Field(
        description="The publication whose numbers count; null when none is linked."
    )
    tracking_code: str | None = Field(
        description="That publication's tracking code; null without one or while content-svc "
        "cannot be asked."
    )
    currency: str = Field(description="The currency of cost (and, as sold, of gmv).")
    cost: int = Field(description="The agreed price, minor units: what the post cost.")
    tz: str = Field(description="The time zone the window's days are read in.")
    window_start: datetime = Field(description=WINDOW_START)
    window_end: datetime = Field(description=WINDOW_END)
    numbers: CollaborationNumbers = Field(
        description="What the publication brought and the return; unavailable when metrics-svc "
        "cannot answer (the rest of the answer stands)."
    )


PARTNER_RANK_EXAMPLE: dict[str, Any] = {
    "rank": 1,
    "partner_id": examples.PARTNER_ID,
    "platform": "xiaohongshu",
    "handle": "xiaolu_ootd",
    "display_name": "小鹿的穿搭日记",
    "collaborations": 2,
    "cost": 500000,
    "leads": 412,
    "joins": 96,
    "claims": 230,
    "redemptions": 118,
    "gmv": 2360000,
    "net_return": 1860000,
    "roi": 3.72,
    "cost_per_lead": 1214,
}


class PartnerRank(BaseModel):
    """One partner's collaborations in the window, added up, and its place."""

    model_config = ConfigDict(json_schema_extra={"examples": [PARTNER_RANK_EXAMPLE]})

    rank: int | None = Field(
        description="1 = the best return; null when the numbers are unavailable (no ranking)."
    )
    partner_id: uuid.UUID = Field(description="The partner.")
    platform: PartnerPlatform = Field(description=PLATFORM)
    handle: str = Field(description="Its handle.")
    display_name: str = Field(description=DISPLAY_NAME)
    collaborations: int = Field(
        description="Its collaborations counted: published or paid, due in the window, in the "
        "ranking's currency."
    )
    cost: int = Field(description="Their agreed prices added up, minor units.")
    leads: int | None = Field(description="Leads their publications brought in the window.")
    joins: int | None = Field(description="Group joins they brought.")
    claims: int | None = Field(description="Coupon claims they brought.")
    redemptions: int | None = Field(description="Coupon redemptions they brought.")
    gmv: int | None = Field(description="GMV they brought, minor units (fen).")
    net_return: int | None = Field(description=NET_RETURN)
    roi: float | None = Field(description="(gmv - cost) / cost over them; null when cost is 0.")
    cost_per_lead: int | None = Field(description=COST_PER_LEAD)


class PartnerRanking(BaseModel):
    """Partners ranked by the return of their collaborations due in the window: ROI first
    (highest first; a partner that cost nothing has no ROI and comes after those that have
    one), then net return, GMV and handle."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "currency": "CNY",
                    "tz": "Asia/Shanghai",
                    "window_start": "2027-10-01T00:00:00+08:00",
                    "window_end": "2027-12-01T00:00:00+08:00",
                    "status": "available",
                    "reason": None,
                    "items": [PARTNER_RANK_EXAMPLE],
                }
            ]
        }
    )

    currency: str = Field(description="Only collaborations in this currency count.")
    tz: str = Field(description="The time zone the window's days are read in.")
    window_start: datetime = Field(description=WINDOW_START)
    window_end: datetime = Field(description=WINDOW_END)
    status: NumbersStatus = Field(
        description="available, or unavailable when metrics-svc could not answer (then the "
        "partners are listed with their cost, numbers null, by handle, unranked)."
    )
    reason: str | None = Field(description="When unavailable: why; else null.")
    items: list[PartnerRank] = Field(description="The partners, best return first.")
