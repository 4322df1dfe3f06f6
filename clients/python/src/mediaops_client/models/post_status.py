from enum import StrEnum


class PostStatus(StrEnum):
    APPROVED = "approved"
    ARCHIVED = "archived"
    CHANGES_REQUESTED = "changes_requested"
    DRAFT = "draft"
    IN_REVIEW = "in_review"

    def __str__(self) -> str:
        return str(self.value)
