from enum import StrEnum


class PublicationStatus(StrEnum):
    CANCELLED = "cancelled"
    FAILED = "failed"
    PUBLISHED = "published"
    PUBLISHING = "publishing"
    SCHEDULED = "scheduled"

    def __str__(self) -> str:
        return str(self.value)
