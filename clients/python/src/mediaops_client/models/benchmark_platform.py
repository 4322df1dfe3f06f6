from enum import StrEnum


class BenchmarkPlatform(StrEnum):
    BILIBILI = "bilibili"
    DOUBAN = "douban"
    DOUYIN = "douyin"
    KUAISHOU = "kuaishou"
    OTHER = "other"
    TIKTOK = "tiktok"
    WECHAT_OA = "wechat_oa"
    WEIBO = "weibo"
    XIAOHONGSHU = "xiaohongshu"
    ZHIHU = "zhihu"

    def __str__(self) -> str:
        return str(self.value)
