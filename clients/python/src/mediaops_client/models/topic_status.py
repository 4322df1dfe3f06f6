from enum import StrEnum


class TopicStatus(StrEnum):
    ACCEPTED = "accepted"
    DONE = "done"
    PROPOSED = "proposed"
    REJECTED = "rejected"

    def __str__(self) -> str:
        return str(self.value)
