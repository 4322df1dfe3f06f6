from enum import StrEnum


class RedemptionStatus(StrEnum):
    APPLIED = "applied"
    ROLLED_BACK = "rolled_back"

    def __str__(self) -> str:
        return str(self.value)
