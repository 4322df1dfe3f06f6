from enum import StrEnum


class CampaignStatus(StrEnum):
    DRAFT = "draft"
    ENDED = "ended"
    PAUSED = "paused"
    RUNNING = "running"
    SCHEDULED = "scheduled"

    def __str__(self) -> str:
        return str(self.value)
