from enum import StrEnum


class PublisherKind(StrEnum):
    MANUAL = "manual"
    WEBHOOK = "webhook"
    WECHAT_OA = "wechat_oa"

    def __str__(self) -> str:
        return str(self.value)
