from enum import StrEnum


class BestTimesSource(StrEnum):
    CHANNEL_PRIME_TIME = "channel_prime_time"
    LEARNED = "learned"

    def __str__(self) -> str:
        return str(self.value)
