from enum import StrEnum


class MemberRole(StrEnum):
    ASSISTANT = "assistant"
    KOL = "kol"
    LEADER = "leader"
    MEMBER = "member"
    SEED = "seed"

    def __str__(self) -> str:
        return str(self.value)
