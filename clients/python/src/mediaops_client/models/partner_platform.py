from enum import StrEnum


class PartnerPlatform(StrEnum):
    BILIBILI = "bilibili"
    DOUBAN = "douban"
    DOUYIN = "douyin"
    KUAISHOU = "kuaishou"
    OTHER = "other"
    TIKTOK = "tiktok"
    WEBHOOK = "webhook"
    WECHAT_OA = "wechat_oa"
    WEIBO = "weibo"
    XIAOHONGSHU = "xiaohongshu"
    ZHIHU = "zhihu"

    def __str__(self) -> str:
        return str(self.value)
