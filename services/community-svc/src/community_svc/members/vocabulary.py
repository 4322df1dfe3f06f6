"""The words of a membership, declared once: the API schemas, the CHECK constraint and the
queries take them from here."""

from enum import StrEnum


class MemberRole(StrEnum):
    MEMBER = "member"
    SEED = "seed"
    KOL = "kol"
    ASSISTANT = "assistant"
    LEADER = "leader"


class MembershipStatus(StrEnum):
    """Which memberships a list shows: current ones, past ones (left), or every stay."""

    CURRENT = "current"
    LEFT = "left"
    ALL = "all"
