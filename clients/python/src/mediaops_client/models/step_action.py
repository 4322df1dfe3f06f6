from enum import StrEnum


class StepAction(StrEnum):
    ACTIVITY = "activity"
    CONTENT = "content"
    COUPON = "coupon"
    DATA_REVIEW = "data_review"
    LIVE = "live"
    MESSAGE = "message"
    SURVEY = "survey"

    def __str__(self) -> str:
        return str(self.value)
