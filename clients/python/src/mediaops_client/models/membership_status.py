from enum import StrEnum


class MembershipStatus(StrEnum):
    ALL = "all"
    CURRENT = "current"
    LEFT = "left"

    def __str__(self) -> str:
        return str(self.value)
