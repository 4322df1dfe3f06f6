from enum import StrEnum


class PublisherKind(StrEnum):
    MANUAL = "manual"
    WEBHOOK = "webhook"

    def __str__(self) -> str:
        return str(self.value)
