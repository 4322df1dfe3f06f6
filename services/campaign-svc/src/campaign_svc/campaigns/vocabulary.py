"""The words of campaigns, each spelled once: the API schema, the CHECK constraints and the
queries take them from here."""

from enum import StrEnum


class CampaignKind(StrEnum):
    """What kind of activity a campaign is."""

    GROUP_BUY = "group_buy"
    FLASH_SALE = "flash_sale"
    HOLIDAY_PROMO = "holiday_promo"
    ANNIVERSARY = "anniversary"
    REFERRAL = "referral"
    LEAD_MAGNET = "lead_magnet"
    OPEN_CLASS = "open_class"
    OTHER = "other"


class CampaignStatus(StrEnum):
    """Where a campaign stands: stored as an operator chose it, read with the clock applied."""

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    RUNNING = "running"
    PAUSED = "paused"
    ENDED = "ended"


class LiveStatus(StrEnum):
    """A goal's live standing against its target, as metrics-svc judges it (``unavailable``:
    metrics-svc could not tell, so there is no judgement)."""

    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    ACHIEVED = "achieved"
    MISSED = "missed"
    UNAVAILABLE = "unavailable"
