"""The words of referrals, each spelled once: the API schema, the CHECK constraint and the
queries take them from here."""

from enum import StrEnum


class RewardStatus(StrEnum):
    """A referrer's reward: its coupon was issued, or the claim failed (the reason is kept)."""

    ISSUED = "issued"
    FAILED = "failed"
