"""The words of referrals, each spelled once: the API schema, the CHECK constraint and the
queries take them from here."""

from enum import StrEnum


class RewardStatus(StrEnum):
    """A referrer's reward: its coupon was issued, or the claim failed (the reason is kept)."""

    ISSUED = "issued"
    FAILED = "failed"


class ReferralRefusal(StrEnum):
    """The ``reason`` of a refused referral acceptance (the problem answer's machine-readable
    code; clients branch on it, so a word never changes)."""

    SELF = "self"
    ALREADY_REFERRED = "already_referred"
    ALREADY_PARTICIPANT = "already_participant"
