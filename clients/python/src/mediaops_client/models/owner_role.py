from enum import StrEnum


class OwnerRole(StrEnum):
    ASSISTANT = "assistant"
    KOL = "kol"
    LEADER = "leader"
    SEED = "seed"

    def __str__(self) -> str:
        return str(self.value)
