from enum import StrEnum


class CollaborationStatus(StrEnum):
    AGREED = "agreed"
    CANCELLED = "cancelled"
    PAID = "paid"
    PROPOSED = "proposed"
    PUBLISHED = "published"

    def __str__(self) -> str:
        return str(self.value)
