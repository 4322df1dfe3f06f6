from enum import StrEnum


class ThreadKind(StrEnum):
    COMMENT = "comment"
    MESSAGE = "message"

    def __str__(self) -> str:
        return str(self.value)
