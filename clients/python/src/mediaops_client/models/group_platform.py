from enum import StrEnum


class GroupPlatform(StrEnum):
    DISCORD = "discord"
    OTHER = "other"
    QQ = "qq"
    TELEGRAM = "telegram"
    WECHAT_GROUP = "wechat_group"
    WECOM = "wecom"

    def __str__(self) -> str:
        return str(self.value)
