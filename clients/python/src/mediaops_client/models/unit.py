from enum import StrEnum


class Unit(StrEnum):
    AMOUNT = "amount"
    COUNT = "count"
    RATIO = "ratio"
    SECONDS = "seconds"

    def __str__(self) -> str:
        return str(self.value)
