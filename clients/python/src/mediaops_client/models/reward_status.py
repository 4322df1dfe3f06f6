from enum import StrEnum


class RewardStatus(StrEnum):
    FAILED = "failed"
    ISSUED = "issued"

    def __str__(self) -> str:
        return str(self.value)
