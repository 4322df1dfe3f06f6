from enum import StrEnum


class TargetStatus(StrEnum):
    ACHIEVED = "achieved"
    AT_RISK = "at_risk"
    MISSED = "missed"
    ON_TRACK = "on_track"

    def __str__(self) -> str:
        return str(self.value)
