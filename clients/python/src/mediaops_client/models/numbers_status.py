from enum import StrEnum


class NumbersStatus(StrEnum):
    AVAILABLE = "available"
    NO_PUBLICATION = "no_publication"
    UNAVAILABLE = "unavailable"

    def __str__(self) -> str:
        return str(self.value)
