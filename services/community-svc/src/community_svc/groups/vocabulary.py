"""The words of a group and its goals, declared once: the API schemas, the CHECK constraints
and the queries take them from here."""

from enum import StrEnum


class GroupPlatform(StrEnum):
    """Where the group lives."""

    WECHAT_GROUP = "wechat_group"
    WECOM = "wecom"
    QQ = "qq"
    TELEGRAM = "telegram"
    DISCORD = "discord"
    OTHER = "other"


class GroupKind(StrEnum):
    PRODUCT = "product"
    INTEREST = "interest"
    STARTUP = "startup"
    LEARNING = "learning"
    INDUSTRY = "industry"


class GroupStage(StrEnum):
    """planning → building → active → converting; any stage → dissolved (final)."""

    # Which move is allowed from which stage: ``groups.service.NEXT_STAGES``.
    PLANNING = "planning"
    BUILDING = "building"
    ACTIVE = "active"
    CONVERTING = "converting"
    DISSOLVED = "dissolved"


class GoalHorizon(StrEnum):
    SHORT_TERM = "short_term"
    LONG_TERM = "long_term"


class LiveStatus(StrEnum):
    """A goal's live standing against its target, as metrics-svc judges it (``unavailable``:
    metrics-svc could not tell, so there is no judgement)."""

    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    ACHIEVED = "achieved"
    MISSED = "missed"
    UNAVAILABLE = "unavailable"
