from enum import StrEnum


class RunStatus(StrEnum):
    ACTIVE = "active"
    CANCELLED = "cancelled"
    PAUSED = "paused"
    STOPPED = "stopped"

    def __str__(self) -> str:
        return str(self.value)
