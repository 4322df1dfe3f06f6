from enum import StrEnum


class LiveStatus(StrEnum):
    ACHIEVED = "achieved"
    AT_RISK = "at_risk"
    MISSED = "missed"
    ON_TRACK = "on_track"
    UNAVAILABLE = "unavailable"

    def __str__(self) -> str:
        return str(self.value)
