from enum import StrEnum


class GroupStage(StrEnum):
    ACTIVE = "active"
    BUILDING = "building"
    CONVERTING = "converting"
    DISSOLVED = "dissolved"
    PLANNING = "planning"

    def __str__(self) -> str:
        return str(self.value)
