from enum import StrEnum


class Schedule(StrEnum):
    NEXT_BEST_SLOT = "next_best_slot"

    def __str__(self) -> str:
        return str(self.value)
