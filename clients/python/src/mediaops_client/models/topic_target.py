from enum import StrEnum


class TopicTarget(StrEnum):
    ACCEPTED = "accepted"
    DONE = "done"
    REJECTED = "rejected"

    def __str__(self) -> str:
        return str(self.value)
