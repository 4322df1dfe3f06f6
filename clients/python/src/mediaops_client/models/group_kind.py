from enum import StrEnum


class GroupKind(StrEnum):
    INDUSTRY = "industry"
    INTEREST = "interest"
    LEARNING = "learning"
    PRODUCT = "product"
    STARTUP = "startup"

    def __str__(self) -> str:
        return str(self.value)
