from enum import StrEnum


class TaskStatus(StrEnum):
    CANCELLED = "cancelled"
    DONE = "done"
    PENDING = "pending"
    SKIPPED = "skipped"

    def __str__(self) -> str:
        return str(self.value)
