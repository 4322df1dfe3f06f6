from enum import StrEnum


class CouponStatus(StrEnum):
    AVAILABLE = "available"
    CLAIMED = "claimed"
    REDEEMED = "redeemed"
    VOIDED = "voided"

    def __str__(self) -> str:
        return str(self.value)
